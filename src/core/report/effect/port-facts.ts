import type { ClusterEffect, FlowEffect, Limits, PortEffect } from '../../effect/index.js';

/**
 * One line of what the mesh does on a port: `topic` is stable (the PR comment compares facts by it), `text` is
 * the sentence shown. `meshfed explain` and the pull-request comment both print these, so they say the same.
 * Every sentence is read off the effect model's result (`PortEffect`), never off the intents.
 */
export interface PortFact {
  readonly topic: FactTopic;
  readonly text: string;
}

export type FactTopic = 'routing' | 'failover' | 'ejection' | 'limits' | 'load balancer' | 'protocol' | 'tls' | 'admitted' | 'denied' | 'clusters' | 'note';

export function portFacts(flow: FlowEffect, e: PortEffect): PortFact[] {
  const c = e.peerCluster;
  const facts: PortFact[] = [{ topic: 'routing', text: routingText(flow, e) }];
  if (c?.priorities !== undefined) facts.push({ topic: 'failover', text: failoverText(flow, c.priorities) });
  facts.push({ topic: 'ejection', text: ejectionText(flow, c) });
  facts.push({ topic: 'limits', text: limitsText(flow, e) });
  if (c !== undefined) {
    facts.push({ topic: 'load balancer', text: c.loadBalancer });
    facts.push({ topic: 'protocol', text: `${c.upstreamProtocol} from ${flow.consumer}'s callers to ${flow.provider}` });
    const sans = c.tls.subjectAltNames.length === 0 ? 'any identity the shared root CA signed' : c.tls.subjectAltNames.join(', ');
    facts.push({ topic: 'tls', text: `${c.tls.mode}${c.tls.sni === undefined ? '' : `, SNI ${c.tls.sni}`}; ${flow.provider} must present ${sans}` });
  }
  facts.push({ topic: 'admitted', text: admittedText(flow, e) });
  facts.push({ topic: 'denied', text: deniedText(flow, e) });
  const clusters = [
    ...(c === undefined ? [] : [`${flow.consumer}'s callers ${c.cluster}`]),
    ...(e.localServer === undefined ? [] : [`${flow.consumer}'s pods ${e.localServer.cluster}`]),
    ...(e.providerGateway.cluster === '' ? [] : [`${flow.provider}'s east-west gateway ${e.providerGateway.cluster}`]),
  ];
  facts.push({ topic: 'clusters', text: clusters.join(' · ') });
  for (const n of e.notes) facts.push({ topic: 'note', text: n });
  return facts;
}

function routingText(flow: FlowEffect, e: PortEffect): string {
  const r = e.routing;
  const vs = r.virtualService === undefined ? 'no VirtualService' : `VirtualService ${r.virtualService}`;
  if (r.byPriority) {
    if (e.peerCluster === undefined) return `all traffic stays local: ${flow.provider}'s gateway is not an endpoint of the callers' cluster (${vs})`;
    const retry = r.retries?.toOtherPriority === true ? `; a request refused by a full local pod is retried at the next priority (${r.retries.attempts ?? 0} attempts, on ${r.retries.retryOn ?? 'the default conditions'})` : '';
    return `local pods and ${flow.provider}'s east-west gateway are endpoints of one cluster, chosen by priority (${vs})${retry}`;
  }
  const parts: string[] = [];
  if (r.matches !== undefined && r.matches.length > 0) {
    parts.push(r.matches.map((m) => `${m.request} → ${m.toPeer ? flow.provider : 'local'}`).join('; '));
    parts.push(`other requests: ${100 - r.peerSharePercent} % local, ${r.peerSharePercent} % to ${flow.provider}`);
  } else if (r.virtualService === undefined) {
    parts.push('all traffic stays local');
  } else {
    parts.push(`${100 - r.peerSharePercent} % local, ${r.peerSharePercent} % to ${flow.provider}`);
  }
  if (r.mirroredPercent !== undefined) parts.push(`${r.mirroredPercent} % copied to ${flow.provider} (responses discarded)`);
  return `${parts.join('; ')} (${vs})`;
}

function failoverText(flow: FlowEffect, p: NonNullable<ClusterEffect['priorities']>): string {
  if (p.peer > p.local) return `1. ${flow.consumer}'s pods (priority ${p.local}) → 2. ${flow.provider}'s east-west gateway (priority ${p.peer})`;
  return `none: ${flow.consumer}'s pods and ${flow.provider}'s east-west gateway share priority ${p.local}`;
}

function ejectionText(flow: FlowEffect, c: ClusterEffect | undefined): string {
  const x = c?.ejection;
  if (x === undefined) return `none: ${flow.consumer}'s callers never eject an endpoint`;
  const resets = x.resets.counter === '5xx' ? 'resets and connect failures count as 5xx' : `${x.resets.threshold} consecutive resets or connect failures`;
  const gateway = x.consecutiveGatewayErrors === undefined ? '' : ` or ${x.consecutiveGatewayErrors} consecutive 502/503/504`;
  return (
    `${flow.consumer}'s callers eject an endpoint after ${x.consecutive5xx} consecutive 5xx${gateway} (${resets}), ` +
    `checked every ${x.interval}, for at least ${x.baseEjectionTime}, at most ${x.maxEjectionPercent} % of endpoints at once; panic threshold ${x.panicThreshold} %`
  );
}

function limitsText(flow: FlowEffect, e: PortEffect): string {
  const gateway = limitText(e.providerGateway.limits) + (e.providerGateway.connectTimeout === undefined ? '' : `, connectTimeout ${e.providerGateway.connectTimeout}`);
  return [
    `${flow.consumer}'s callers: ${e.peerCluster === undefined ? 'not applicable' : limitText(e.peerCluster.limits)}`,
    `${flow.consumer}'s pods (inbound): ${e.localServer === undefined ? 'no limit' : limitText(e.localServer.limits)}`,
    `${flow.provider}'s east-west gateway: ${gateway.replace(/^no limit, /, '')}`,
  ].join(' · ');
}

export const LIMIT_FIELDS = ['maxConnections', 'maxPendingRequests', 'maxRequests', 'maxRequestsPerConnection'] as const;

export function limitText(l: Limits): string {
  const parts = LIMIT_FIELDS.flatMap((k) => (l[k] === null ? [] : [`${k} ${l[k]}`]));
  return parts.length === 0 ? 'no limit' : parts.join(', ');
}

function admittedText(flow: FlowEffect, e: PortEffect): string {
  const a = e.admission;
  if (a.consumers.length === 0) return `no identity of ${flow.consumer} is listed by the export`;
  return a.consumers.map((x) => (x.allowed ? `${x.identity} ✓` : `${x.identity} ✗ REFUSED (${x.reason})`)).join(', ') + ` by ${flow.provider}'s pods in ${a.namespace}`;
}

function deniedText(flow: FlowEffect, e: PortEffect): string {
  const leaked = e.admission.others.filter((x) => x.allowed);
  const n = e.admission.others.length;
  if (leaked.length === 0) return `everyone else: ${n} probe${n === 1 ? '' : 's'} with an identity or SNI the export does not admit ${n === 1 ? 'was' : 'were'} denied`;
  return `NOT everyone else: ${leaked.map((x) => `${x.principal} on ${x.sni} is admitted (${x.reason})`).join('; ')}`;
}
