import { compareStrings } from '../../compare-strings.js';
import type { ExplainReport, FlowEffect, Limits, PortEffect } from './flow-effect.js';
import { portFacts, type FactTopic } from './port-facts.js';

/**
 * Base vs head effects, for the pull-request comment: only flows whose effect changed, per port the facts that
 * changed (before → after), and every change that makes the mesh enforce less than before ("weaker"): a limit
 * removed or raised, ejection or failover gone or loosened, mTLS or identity pinning loosened, a consumer no
 * longer admitted, or admission widened to principals that were denied.
 */
export interface EffectDiff {
  readonly flows: readonly FlowChange[];
}

export interface FlowChange {
  /** `consumer/import → provider/export`, stable. */
  readonly key: string;
  readonly change: 'added' | 'removed' | 'changed';
  /** The head's flow, or the base's for a removed one. */
  readonly flow: FlowEffect;
  readonly ports: readonly PortChange[];
}

export interface PortChange {
  readonly port: string;
  readonly change: 'added' | 'removed' | 'changed';
  readonly facts: readonly FactChange[];
  readonly weaker: readonly string[];
}

export interface FactChange {
  readonly topic: FactTopic;
  readonly before?: string;
  readonly after?: string;
}

export function flowEffectKey(f: FlowEffect): string {
  return `${f.consumer}/${f.import} → ${f.provider}/${f.export}`;
}

export function diffEffects(base: ExplainReport, head: ExplainReport): EffectDiff {
  const before = new Map(base.flows.map((f) => [flowEffectKey(f), f]));
  const after = new Map(head.flows.map((f) => [flowEffectKey(f), f]));
  const keys = [...new Set([...before.keys(), ...after.keys()])].sort(compareStrings);
  const flows: FlowChange[] = [];
  for (const key of keys) {
    const b = before.get(key);
    const a = after.get(key);
    if (a !== undefined && b === undefined) flows.push({ key, change: 'added', flow: a, ports: [] });
    else if (a === undefined && b !== undefined) {
      flows.push({ key, change: 'removed', flow: b, ports: [] });
    } else if (a !== undefined && b !== undefined) {
      const ports = diffPorts(b, a);
      if (ports.length > 0 || b.policy !== a.policy || b.target !== a.target || b.service !== a.service) flows.push({ key, change: 'changed', flow: a, ports });
    }
  }
  return { flows };
}

function portKey(p: PortEffect): string {
  return `${p.name} (${p.number}/${p.protocol})`;
}

function diffPorts(b: FlowEffect, a: FlowEffect): PortChange[] {
  const before = new Map(b.ports.map((p) => [portKey(p), p]));
  const after = new Map(a.ports.map((p) => [portKey(p), p]));
  const out: PortChange[] = [];
  for (const key of [...new Set([...before.keys(), ...after.keys()])].sort(compareStrings)) {
    const pb = before.get(key);
    const pa = after.get(key);
    if (pa === undefined) {
      out.push({ port: key, change: 'removed', facts: [], weaker: [] });
      continue;
    }
    if (pb === undefined) {
      out.push({ port: key, change: 'added', facts: [], weaker: [] });
      continue;
    }
    const fb = new Map(portFacts(b, pb).map((f) => [f.topic, f.text]));
    const fa = new Map(portFacts(a, pa).map((f) => [f.topic, f.text]));
    const facts: FactChange[] = [];
    for (const topic of [...new Set([...fb.keys(), ...fa.keys()])]) {
      const x = fb.get(topic);
      const y = fa.get(topic);
      if (x !== y) facts.push({ topic, ...(x === undefined ? {} : { before: x }), ...(y === undefined ? {} : { after: y }) });
    }
    const weaker = weakenings(a, pb, pa);
    if (facts.length > 0 || weaker.length > 0) out.push({ port: key, change: 'changed', facts, weaker });
  }
  return out;
}

const LIMIT_FIELDS = ['maxConnections', 'maxPendingRequests', 'maxRequests', 'maxRequestsPerConnection'] as const;

/** What the head enforces less than the base on one port, one sentence each. */
export function weakenings(flow: FlowEffect, b: PortEffect, a: PortEffect): string[] {
  const out: string[] = [];
  const limits = (where: string, lb: Limits | undefined, la: Limits | undefined): void => {
    for (const field of LIMIT_FIELDS) {
      const x = lb?.[field];
      const y = la?.[field];
      if (x === undefined) continue;
      if (y === undefined) out.push(`${field} on ${where} removed (was ${x})`);
      else if (y > x) out.push(`${field} on ${where} raised from ${x} to ${y}`);
    }
  };
  limits(`${flow.consumer}'s callers`, b.callers.limits, a.callers.limits);
  limits(`${flow.consumer}'s pods`, b.localPods, a.localPods);
  limits(`${flow.provider}'s east-west gateway`, b.providerGateway, a.providerGateway);

  const eb = b.callers.ejection;
  const ea = a.callers.ejection;
  if (eb !== undefined && ea === undefined) out.push(`${flow.consumer}'s callers no longer eject failing endpoints`);
  if (eb !== undefined && ea !== undefined) {
    if (ea.consecutive5xx > eb.consecutive5xx) out.push(`ejection needs ${ea.consecutive5xx} consecutive 5xx instead of ${eb.consecutive5xx}`);
    if (ea.maxEjectionPercent < eb.maxEjectionPercent) out.push(`at most ${ea.maxEjectionPercent} % of endpoints can be ejected instead of ${eb.maxEjectionPercent} %`);
  }
  if (b.callers.failover !== undefined && a.callers.failover === undefined) out.push('local pods no longer come before the peer: no failover order');

  const tb = b.callers.tls;
  const ta = a.callers.tls;
  if (tb.mode === 'ISTIO_MUTUAL' && ta.mode !== 'ISTIO_MUTUAL') out.push(`TLS to ${flow.provider} is ${ta.mode} instead of ISTIO_MUTUAL`);
  if (tb.subjectAltNames.length > 0 && (ta.subjectAltNames.length === 0 || ta.subjectAltNames.some((s) => !tb.subjectAltNames.includes(s)))) {
    out.push(`${flow.consumer} accepts ${ta.subjectAltNames.length === 0 ? 'any identity of the mesh' : `more identities (${ta.subjectAltNames.filter((s) => !tb.subjectAltNames.includes(s)).join(', ')})`} from ${flow.provider}`);
  }

  const ab = b.admission;
  const aa = a.admission;
  if (ab.consumerAdmitted && !aa.consumerAdmitted) out.push(`${flow.consumer} is no longer admitted by ${flow.provider}`);
  if (ab.othersDenied && !aa.othersDenied) out.push(`identities of no consumer are no longer denied by ${flow.provider}`);
  const widened = aa.admitted.filter((p) => !ab.admitted.includes(p));
  if (widened.length > 0) out.push(`${flow.provider} admits more: ${widened.join(', ')}`);
  if (ab.mtls === 'STRICT' && aa.mtls !== 'STRICT') out.push(`${flow.provider}'s pods accept ${aa.mtls} instead of STRICT mTLS`);
  return out;
}
