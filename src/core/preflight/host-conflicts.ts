import { compareStrings } from '../compare-strings.js';
import type { LiveObject } from '../apply/live-object.js';
import { selectDestinationRule, type SelectedDestinationRule } from '../effect/destination-rule/select-destination-rule.js';
import { configRef, resolveShortName, type IstioConfig, type MeshView } from '../effect/istio-config.js';
import { selectVirtualService } from '../effect/routing/virtual-service-route.js';
import type { RenderedObject } from '../render/rendered-object.js';

/** A DestinationRule or VirtualService meshfed did not write competing with one of meshfed's for a host. */
export interface HostConflict {
  readonly kind: 'DestinationRule' | 'VirtualService';
  readonly host: string;
  /** `<namespace>/<name>` */
  readonly foreign: string;
  readonly meshfed: string;
  readonly winner: 'foreign' | 'meshfed';
  /** Which callers the outcome concerns, e.g. `every caller` or `callers in namespace shop`. */
  readonly callers: string;
  /** Istio's rule, with the file and function it comes from. */
  readonly rule: string;
  /** Why the winner wins. */
  readonly because: string;
}

const DR_RULE =
  'Istio looks for a DestinationRule in the caller\'s namespace first, then in the service\'s namespace, then in the root namespace ' +
  '(istio/istio pilot/pkg/model/push_context.go, destinationRule), and merges the rules of one namespace for the same host: the oldest keeps ' +
  'its trafficPolicy, later ones only add the subsets it lacks, rules with a workloadSelector first (pilot/pkg/model/destination_rule.go, ' +
  'mergeDestinationRule; push_context.go, sortConfigBySelectorAndCreationTime)';
const VS_RULE =
  'a sidecar uses one VirtualService per host: the first of those in its own namespace exported only there, those exported to its ' +
  'namespace, then public ones, each group oldest first (istio/istio pilot/pkg/model/virtualservice.go, SelectVirtualServices); the later ' +
  'one\'s routes for the host are dropped as a duplicate domain (pilot/pkg/networking/core/httproute.go)';

/** A caller namespace no object lives in: what every caller without a rule of its own sees. */
const ANY_NAMESPACE = '(any other namespace)';

interface Caller {
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly description: string;
}

function asConfig(kind: string, metadata: { name: string; namespace: string; creationTimestamp?: string }, spec: unknown): IstioConfig {
  return {
    kind,
    metadata: { name: metadata.name, namespace: metadata.namespace, ...(metadata.creationTimestamp === undefined ? {} : { creationTimestamp: metadata.creationTimestamp }) },
    spec: spec !== null && typeof spec === 'object' && !Array.isArray(spec) ? (spec as Record<string, unknown>) : {},
  };
}

const strings = (x: unknown): string[] => (Array.isArray(x) ? x.filter((s): s is string => typeof s === 'string') : []);
const selectorOf = (c: IstioConfig): Readonly<Record<string, string>> | undefined =>
  (c.spec.workloadSelector as { matchLabels?: Record<string, string> } | undefined)?.matchLabels;
const hostsOf = (c: IstioConfig): string[] =>
  (c.kind === 'DestinationRule' ? strings([c.spec.host]) : strings(c.spec.hosts)).map((h) => resolveShortName(h, c.metadata.namespace));

/** `<svc>.<ns>.svc.cluster.local` lives in `<ns>`; any other host (a ServiceEntry's) in the namespace of meshfed's rule. */
function serviceNamespace(host: string, fallback: string): string {
  const m = /^[^.]+\.([^.]+)\.svc\.cluster\.local$/.exec(host);
  return m?.[1] ?? fallback;
}

function callers(f: IstioConfig, m: IstioConfig, rootNamespace: string): Caller[] {
  const fSel = selectorOf(f);
  const mSel = selectorOf(m);
  const out: Caller[] = [{ namespace: ANY_NAMESPACE, labels: {}, description: 'every caller' }];
  if (fSel !== undefined) out.push({ namespace: f.metadata.namespace, labels: fSel, description: `the workloads in namespace ${f.metadata.namespace} that ${configRef(f)} selects` });
  out.push({ namespace: f.metadata.namespace, labels: {}, description: `every caller in namespace ${f.metadata.namespace}` });
  if (mSel !== undefined) out.push({ namespace: m.metadata.namespace, labels: mSel, description: `the workloads ${configRef(m)} selects in namespace ${m.metadata.namespace}` });
  out.push({ namespace: m.metadata.namespace, labels: {}, description: `every caller in namespace ${m.metadata.namespace}` });
  out.push({ namespace: rootNamespace, labels: {}, description: `every caller in namespace ${rootNamespace}` });
  return out;
}

const uses = (sel: SelectedDestinationRule | undefined, ref: string) => sel?.from.includes(ref) ?? false;

function because(winner: IstioConfig, loser: IstioConfig, sameIndex: boolean): string {
  if (selectorOf(winner) !== undefined && selectorOf(loser) === undefined) return `${configRef(winner)} has a workloadSelector, which comes first`;
  if (!sameIndex) return `${configRef(winner)} is found first from those callers`;
  const tw = winner.metadata.creationTimestamp;
  const tl = loser.metadata.creationTimestamp;
  if (tl === undefined) return `${configRef(winner)} exists and meshfed's ${configRef(loser)} does not yet, so meshfed's would be the newest`;
  if (tw === tl) return `both were created at ${tw ?? '?'}, and Istio then orders by name`;
  return `${configRef(winner)} was created at ${tw}, before ${configRef(loser)} (${tl})`;
}

/**
 * Does foreign DestinationRule `f` compete with meshfed's `m`: is there a caller for whom each would apply to
 * m's host on its own? Then whichever Istio's resolution picks with both present (effect model,
 * src/core/effect/destination-rule/select-destination-rule.ts) wins, and the other is ignored or merged away.
 * A wildcard rule of the operator's counts only where it wins: meshfed's exact host taking precedence over a
 * namespace- or mesh-wide `*.local` rule is how Istio is meant to be used.
 */
function destinationRuleConflict(f: IstioConfig, m: IstioConfig, rootNamespace: string): HostConflict | undefined {
  const host = hostsOf(m)[0];
  const fHost = hostsOf(f)[0];
  if (host === undefined || fHost === undefined) return undefined;
  const [fRef, mRef] = [configRef(f), configRef(m)];
  const alone = (c: IstioConfig): MeshView => ({ rootNamespace, configs: [c] });
  const both: MeshView = { rootNamespace, configs: [m, f] };
  for (const caller of callers(f, m, rootNamespace)) {
    const q = { host, serviceNamespace: serviceNamespace(host, m.metadata.namespace), proxyNamespace: caller.namespace, proxyLabels: caller.labels };
    if (!uses(selectDestinationRule(alone(m), q), mRef) || !uses(selectDestinationRule(alone(f), q), fRef)) continue;
    const together = selectDestinationRule(both, q);
    const policyFrom = together?.trafficPolicyFrom ?? together?.from[0];
    const winner = policyFrom === fRef ? 'foreign' : 'meshfed';
    if (winner === 'meshfed' && fHost !== host) continue;
    const sameIndex = (together?.from.length ?? 0) > 1;
    const [w, l] = winner === 'foreign' ? [f, m] : [m, f];
    const why =
      sameIndex && together?.from[0] !== policyFrom
        ? `${configRef(l)} is older but sets no trafficPolicy, so ${configRef(w)}'s is used (its subsets still merge in)`
        : because(w, l, sameIndex);
    return { kind: 'DestinationRule', host, foreign: fRef, meshfed: mRef, winner, callers: caller.description, rule: DR_RULE, because: why };
  }
  return undefined;
}

/** The same question for VirtualServices on sidecars (src/core/effect/routing/virtual-service-route.ts, selectVirtualService). */
function virtualServiceConflict(f: IstioConfig, m: IstioConfig, rootNamespace: string): HostConflict | undefined {
  const [fRef, mRef] = [configRef(f), configRef(m)];
  const fHosts = hostsOf(f);
  for (const host of hostsOf(m)) {
    for (const caller of callers(f, m, rootNamespace).filter((c) => Object.keys(c.labels).length === 0)) {
      const pick = (configs: IstioConfig[]) => {
        const c = selectVirtualService({ rootNamespace, configs }, host, caller.namespace);
        return c === undefined ? undefined : configRef(c);
      };
      if (pick([m]) !== mRef || pick([f]) !== fRef) continue;
      const winner = pick([m, f]) === fRef ? 'foreign' : 'meshfed';
      if (winner === 'meshfed' && !fHosts.includes(host)) continue;
      const [w, l] = winner === 'foreign' ? [f, m] : [m, f];
      const exportedOnly = strings(w.spec.exportTo).length > 0 && !strings(w.spec.exportTo).includes('*');
      const why = exportedOnly && strings(l.spec.exportTo).length === 0 ? `${configRef(w)} is exported only to those callers, which comes before a public VirtualService` : because(w, l, true);
      return { kind: 'VirtualService', host, foreign: fRef, meshfed: mRef, winner, callers: caller.description, rule: VS_RULE, because: why };
    }
  }
  return undefined;
}

/**
 * Every DestinationRule or VirtualService that meshfed did not write and that competes with one meshfed renders
 * for a host. `liveOwn` are meshfed's objects as the cluster has them (`Kind namespace/name`), for their creation
 * times; an object not created yet is the newest. Sorted for a stable report.
 */
export function hostConflicts(
  desired: readonly RenderedObject[],
  liveOwn: ReadonlyMap<string, LiveObject>,
  foreign: readonly LiveObject[],
  rootNamespace: string,
): HostConflict[] {
  const ours = desired
    .filter((o) => o.kind === 'DestinationRule' || o.kind === 'VirtualService')
    .map((o) => {
      const created = liveOwn.get(`${o.kind} ${o.metadata.namespace}/${o.metadata.name}`)?.metadata.creationTimestamp;
      return asConfig(o.kind, { ...o.metadata, ...(created === undefined ? {} : { creationTimestamp: created }) }, o.spec);
    });
  const theirs = foreign.map((o) => asConfig(o.kind, o.metadata, o.body.spec));
  const out: HostConflict[] = [];
  for (const m of ours) {
    for (const f of theirs.filter((t) => t.kind === m.kind)) {
      const c = m.kind === 'DestinationRule' ? destinationRuleConflict(f, m, rootNamespace) : virtualServiceConflict(f, m, rootNamespace);
      if (c !== undefined) out.push(c);
    }
  }
  return out.sort((a, b) => compareStrings(a.kind, b.kind) || compareStrings(a.host, b.host) || compareStrings(a.foreign, b.foreign) || compareStrings(a.meshfed, b.meshfed));
}
