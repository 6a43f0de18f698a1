import type { ImportPolicy, PortEffect } from './flow-effect.js';

/**
 * Plain-language consequences of a port's effect, for operators (`meshfed explain`, the PR comment). Every sentence
 * is derived from the computed effect, so it changes when the rendered objects do.
 */
export function portNotes(provider: string, policy: ImportPolicy, e: Omit<PortEffect, 'notes'>): string[] {
  const notes: string[] = [];
  const c = e.peerCluster;
  if (c?.spill !== undefined && c.priorities !== undefined) {
    if (c.priorities.peer > c.priorities.local) {
      const examples = c.spill.byPodCount
        .map((s) =>
          s.ejectedWhenSpillStarts === undefined
            ? `${s.pods} pod${s.pods === 1 ? '' : 's'}: never (at most ${s.maxEjected} ejected at once)`
            : `${s.pods} pod${s.pods === 1 ? '' : 's'}: from ${s.ejectedWhenSpillStarts} ejected (${provider} then gets ${s.peerSharePercent ?? 0} %)`,
        )
        .join('; ');
      notes.push(
        `${provider} receives traffic by priority only once fewer than ${c.spill.healthyPercentBelow} % of the local pods are healthy ` +
          `(Envoy's overprovisioning factor 1.4 keeps priority 0 at full load until then): ${examples}`,
      );
    } else {
      notes.push(`${provider}'s gateway is in the same priority as the local pods: it takes a share of traffic from the first request`);
    }
  }
  if (c?.ejection !== undefined && c.spill !== undefined && c.ejection.maxEjectionPercent < 100) {
    const first = c.spill.byPodCount.find((s) => !s.allLocalEjectable);
    notes.push(
      `maxEjectionPercent ${c.ejection.maxEjectionPercent} counts ${provider}'s gateway as one of the endpoints` +
        (first === undefined ? '' : `: with ${first.pods} or more pods not every local pod can be ejected at once`),
    );
  }
  if (c?.ejection !== undefined) {
    if (c.ejection.resets.counter === '5xx' && c.ejection.resets.threshold <= 1) {
      notes.push(`a single reset or failed connection ejects ${provider}'s gateway for ${c.ejection.baseEjectionTime}`);
    }
    if (c.ejection.panicThreshold === 0 && c.spill !== undefined) {
      notes.push(`when every endpoint, ${provider}'s gateway included, is ejected, callers get "no healthy upstream" until one returns (Istio turns Envoy's panic routing off)`);
    }
  }
  if (c !== undefined && c.upstreamProtocol === 'HTTP/1.1' && e.providerGateway.limits.maxConnections !== null) {
    notes.push(
      `requests to ${provider} use HTTP/1.1: each request in flight holds one of the ${e.providerGateway.limits.maxConnections} connections ${provider} allows at its gateway`,
    );
  }
  if (policy === 'burst' && e.routing.retries?.toOtherPriority === true) {
    notes.push(`a request refused by a full local pod (503) is retried on another priority, i.e. on ${provider} (${e.routing.retries.attempts ?? 0} attempts)`);
  }
  if (c !== undefined && e.localServer !== undefined && c.limits.maxConnections !== null && e.localServer.limits.maxConnections !== null && c.limits.maxConnections < e.localServer.limits.maxConnections) {
    notes.push('callers are capped below the local pods\' own limit: overflow fails at the caller and never spills');
  }
  const refused = e.admission.consumers.filter((a) => !a.allowed);
  if (refused.length > 0) notes.push(`${provider} refuses ${refused.map((a) => `${a.principal} (${a.reason})`).join(', ')}`);
  const leaked = e.admission.others.filter((a) => a.allowed);
  if (leaked.length > 0) notes.push(`${provider} also admits ${leaked.map((a) => `${a.principal} on ${a.sni}`).join(', ')}`);
  return notes;
}
