import { compareStrings } from '../../compare-strings.js';
import type { FlowEffect, Limits, PortEffect } from '../../effect/index.js';
import type { ExplainReport } from './explain-report.js';
import { LIMIT_FIELDS, portFacts, type FactTopic } from './port-facts.js';

/**
 * Base vs head effects, for the pull-request comment: only flows whose effect changed, per port the facts that
 * changed (before → after), and every change that makes the mesh enforce less than before ("weaker"): a limit
 * removed or raised, ejection gone or loosened, the peer no longer after the local pods, TLS or identity pinning
 * loosened, a consumer identity no longer admitted, or a probe that was denied now admitted.
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
  return `${f.consumer}/${f.importName} → ${f.provider}/${f.exportName}`;
}

export function diffEffects(base: ExplainReport, head: ExplainReport): EffectDiff {
  const before = new Map(base.flows.map((f) => [flowEffectKey(f), f]));
  const after = new Map(head.flows.map((f) => [flowEffectKey(f), f]));
  const flows: FlowChange[] = [];
  for (const key of [...new Set([...before.keys(), ...after.keys()])].sort(compareStrings)) {
    const b = before.get(key);
    const a = after.get(key);
    if (b === undefined && a !== undefined) flows.push({ key, change: 'added', flow: a, ports: [] });
    else if (a === undefined && b !== undefined) flows.push({ key, change: 'removed', flow: b, ports: [] });
    else if (a !== undefined && b !== undefined) {
      const ports = diffPorts(b, a);
      if (ports.length > 0 || b.policy !== a.policy || b.targetHost !== a.targetHost || b.providerHost !== a.providerHost) {
        flows.push({ key, change: 'changed', flow: a, ports });
      }
    }
  }
  return { flows };
}

function portKey(p: PortEffect): string {
  return `${p.port.name} (${p.port.number}/${p.port.protocol})`;
}

function diffPorts(b: FlowEffect, a: FlowEffect): PortChange[] {
  const before = new Map(b.ports.map((p) => [portKey(p), p]));
  const after = new Map(a.ports.map((p) => [portKey(p), p]));
  const out: PortChange[] = [];
  for (const key of [...new Set([...before.keys(), ...after.keys()])].sort(compareStrings)) {
    const pb = before.get(key);
    const pa = after.get(key);
    if (pa === undefined || pb === undefined) {
      out.push({ port: key, change: pa === undefined ? 'removed' : 'added', facts: [], weaker: [] });
      continue;
    }
    const facts = diffFacts(portFacts(b, pb), portFacts(a, pa));
    const weaker = weakenings(a, pb, pa);
    if (facts.length > 0 || weaker.length > 0) out.push({ port: key, change: 'changed', facts, weaker });
  }
  return out;
}

/** Facts by topic; notes are a set (one row per note added or gone). */
function diffFacts(before: ReturnType<typeof portFacts>, after: ReturnType<typeof portFacts>): FactChange[] {
  const single = (fs: ReturnType<typeof portFacts>) => new Map(fs.filter((f) => f.topic !== 'note').map((f) => [f.topic, f.text]));
  const fb = single(before);
  const fa = single(after);
  const out: FactChange[] = [];
  for (const topic of [...new Set([...fb.keys(), ...fa.keys()])]) {
    const x = fb.get(topic);
    const y = fa.get(topic);
    if (x !== y) out.push({ topic, ...(x === undefined ? {} : { before: x }), ...(y === undefined ? {} : { after: y }) });
  }
  const nb = new Set(before.filter((f) => f.topic === 'note').map((f) => f.text));
  const na = new Set(after.filter((f) => f.topic === 'note').map((f) => f.text));
  for (const n of nb) if (!na.has(n)) out.push({ topic: 'note', before: n });
  for (const n of na) if (!nb.has(n)) out.push({ topic: 'note', after: n });
  return out;
}

/** What the head enforces less than the base on one port, one sentence each. */
export function weakenings(flow: FlowEffect, b: PortEffect, a: PortEffect): string[] {
  const out: string[] = [];
  const limits = (where: string, lb: Limits | undefined, la: Limits | undefined): void => {
    for (const field of LIMIT_FIELDS) {
      const x = lb?.[field] ?? null;
      const y = la?.[field] ?? null;
      if (x === null) continue;
      if (y === null) out.push(`${field} on ${where} removed (was ${x})`);
      else if (y > x) out.push(`${field} on ${where} raised from ${x} to ${y}`);
    }
  };
  limits(`${flow.consumer}'s callers`, b.peerCluster?.limits, a.peerCluster?.limits);
  limits(`${flow.consumer}'s pods`, b.localServer?.limits, a.localServer?.limits);
  limits(`${flow.provider}'s east-west gateway`, b.providerGateway.limits, a.providerGateway.limits);

  const eb = b.peerCluster?.ejection;
  const ea = a.peerCluster?.ejection;
  if (eb !== undefined && ea === undefined) out.push(`${flow.consumer}'s callers no longer eject failing endpoints`);
  if (eb !== undefined && ea !== undefined) {
    if (ea.consecutive5xx > eb.consecutive5xx) out.push(`an endpoint is ejected after ${ea.consecutive5xx} consecutive 5xx instead of ${eb.consecutive5xx}`);
    if (ea.maxEjectionPercent < eb.maxEjectionPercent) out.push(`at most ${ea.maxEjectionPercent} % of endpoints can be ejected instead of ${eb.maxEjectionPercent} %`);
  }
  const pb = b.peerCluster?.priorities;
  const pa = a.peerCluster?.priorities;
  if (pb !== undefined && pb.peer > pb.local && (pa === undefined || pa.peer <= pa.local)) {
    out.push(`${flow.provider} no longer comes after ${flow.consumer}'s own pods`);
  }

  const tb = b.peerCluster?.tls;
  const ta = a.peerCluster?.tls;
  if (tb !== undefined && ta !== undefined) {
    if (tb.mode === 'ISTIO_MUTUAL' && ta.mode !== 'ISTIO_MUTUAL') out.push(`TLS to ${flow.provider} is ${ta.mode} instead of ISTIO_MUTUAL`);
    const added = ta.subjectAltNames.filter((s) => !tb.subjectAltNames.includes(s));
    if (tb.subjectAltNames.length > 0 && (ta.subjectAltNames.length === 0 || added.length > 0)) {
      out.push(`${flow.consumer} accepts ${ta.subjectAltNames.length === 0 ? 'any identity of the shared root CA' : `more identities (${added.join(', ')})`} from ${flow.provider}`);
    }
  }

  const wasAllowed = new Set(b.admission.consumers.filter((x) => x.allowed).map((x) => x.identity));
  for (const x of a.admission.consumers) if (!x.allowed && wasAllowed.has(x.identity)) out.push(`${x.identity} is no longer admitted by ${flow.provider}`);
  for (const p of wasAllowed) if (!a.admission.consumers.some((x) => x.identity === p)) out.push(`${p} is no longer admitted by ${flow.provider}`);
  const wasDenied = new Set(b.admission.others.filter((x) => !x.allowed).map((x) => `${x.principal} ${x.sni}`));
  for (const x of a.admission.others) if (x.allowed && wasDenied.has(`${x.principal} ${x.sni}`)) out.push(`${x.principal} on ${x.sni} is now admitted by ${flow.provider}`);
  return out;
}
