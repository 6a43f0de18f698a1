import type { FlowEffect, Limits, PortEffect, Routing } from './flow-effect.js';

/**
 * One line of what the mesh does on a port: `topic` is stable (the PR comment compares facts by it), `text` is
 * the sentence shown. Both `meshfed explain` and the pull-request comment print these, so they say the same.
 */
export interface PortFact {
  readonly topic: FactTopic;
  readonly text: string;
}

export type FactTopic = 'routing' | 'failover' | 'spill' | 'ejection' | 'limits' | 'load balancer' | 'protocol' | 'tls' | 'admission';

export function portFacts(flow: FlowEffect, port: PortEffect): PortFact[] {
  const c = port.callers;
  const facts: PortFact[] = [{ topic: 'routing', text: routingText(flow, port.routing) }];
  if (c.failover !== undefined) {
    facts.push({ topic: 'failover', text: c.failover.order.map((o, i) => `${i + 1}. ${o}`).join(' → ') });
    facts.push({
      topic: 'spill',
      text:
        `a priority hands load to the next once fewer than ${c.failover.spillBelowHealthyPercent} % of its endpoints are healthy ` +
        `(Envoy's overprovisioning factor ${c.failover.overprovisioningFactor})`,
    });
  }
  facts.push({ topic: 'ejection', text: ejectionText(flow, port) });
  facts.push({ topic: 'limits', text: limitsText(flow, port) });
  facts.push({ topic: 'load balancer', text: c.loadBalancer });
  facts.push({
    topic: 'protocol',
    text: c.upstreamProtocol === 'HTTP/1.1' ? 'HTTP/1.1 upstream: every in-flight request holds its own connection' : `${c.upstreamProtocol} upstream`,
  });
  const tls = c.tls;
  const sans = tls.subjectAltNames.length === 0 ? 'any identity of the mesh' : tls.subjectAltNames.join(', ');
  facts.push({ topic: 'tls', text: `${tls.mode} to ${flow.provider}${tls.sni === undefined ? '' : `, SNI ${tls.sni}`}, accepting ${sans}` });
  const a = port.admission;
  const who = a.admitted.length === 0 ? 'nobody' : a.admitted.join(', ');
  facts.push({
    topic: 'admission',
    text:
      `${flow.provider}'s pods (${a.mtls} mTLS) admit ${who}; ${a.othersDenied ? 'everyone else is denied' : 'other identities are NOT denied'}` +
      (a.consumerAdmitted ? '' : `; ${flow.consumer} is NOT admitted: the flow cannot work`),
  });
  return facts;
}

function routingText(flow: FlowEffect, r: Routing): string {
  switch (r.kind) {
    case 'priority':
      return r.spillOnOverflow
        ? `local pods first; ${flow.provider} takes what they cannot serve: requests refused by a full local pod (503, retried at the next priority) and traffic of ejected pods`
        : `local pods only while they are healthy; ${flow.provider} takes the traffic of ejected pods`;
    case 'weighted':
      return `${r.localPercent} % local, ${r.peerPercent} % to ${flow.provider}`;
    case 'match':
      return `requests matching ${r.matches.join(' or ')} go to ${flow.provider}; all others stay local`;
    case 'mirror':
      return `served locally; ${r.percent} % of requests are copied to ${flow.provider} (responses discarded)`;
    case 'local':
      return `no meshfed route on this port: all traffic stays local`;
  }
}

function ejectionText(flow: FlowEffect, port: PortEffect): string {
  const e = port.callers.ejection;
  if (e === undefined) return `${flow.consumer}'s callers never eject an endpoint (no outlier detection)`;
  const resets = e.resetsCountAs === '5xx' ? 'resets and connect failures count as 5xx' : 'resets and connect failures counted separately';
  const gateway = e.consecutiveGatewayErrors === undefined ? '' : ` or ${e.consecutiveGatewayErrors} consecutive 502/503/504`;
  const cap =
    e.allLocalEjectableBelow === undefined
      ? `up to ${e.maxEjectionPercent} % of endpoints`
      : `up to ${e.maxEjectionPercent} % of endpoints (the peer counts too: from ${e.allLocalEjectableBelow} local pods on, not all of them can be ejected)`;
  return `${flow.consumer}'s callers eject an endpoint after ${e.consecutive5xx} consecutive 5xx${gateway} (${resets}), checked every ${e.interval}, for at least ${e.baseEjectionTime}, ${cap}`;
}

function limitsText(flow: FlowEffect, port: PortEffect): string {
  const parts = [`${flow.consumer}'s callers: ${limitText(port.callers.limits)}`];
  if (port.localPods !== undefined) parts.push(`${flow.consumer}'s pods (inbound): ${limitText(port.localPods)}`);
  parts.push(`${flow.provider}'s east-west gateway: ${limitText(port.providerGateway)}`);
  return parts.join(' · ');
}

export function limitText(l: Limits): string {
  const parts: string[] = [];
  if (l.maxConnections !== undefined) parts.push(`maxConnections ${l.maxConnections}`);
  if (l.maxPendingRequests !== undefined) parts.push(`maxPendingRequests ${l.maxPendingRequests}`);
  if (l.maxRequests !== undefined) parts.push(`maxRequests ${l.maxRequests}`);
  if (l.maxRequestsPerConnection !== undefined) parts.push(`maxRequestsPerConnection ${l.maxRequestsPerConnection}`);
  if (l.connectTimeout !== undefined) parts.push(`connectTimeout ${l.connectTimeout}`);
  return parts.length === 0 ? 'no limit' : parts.join(', ');
}
