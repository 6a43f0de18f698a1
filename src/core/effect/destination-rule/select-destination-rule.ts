import type { DestinationRuleSpecView as DestinationRuleSpec } from '../istio-spec.js';
import {
  compareByCreation,
  configRef,
  hostMatches,
  labelsSubsetOf,
  resolveShortName,
  type IstioConfig,
  type MeshView,
} from '../istio-config.js';

/**
 * Which DestinationRule a proxy uses for a host, after Istio's merge of several rules for the same host.
 *
 * Follows istio/istio:
 * - pilot/pkg/model/push_context.go `setDestinationRules` (rules sorted by `sortConfigBySelectorAndCreationTime`:
 *   rules with a workloadSelector first, then oldest first; indexed per namespace, exported or namespace-local)
 *   and `destinationRule` (lookup order: the proxy's own namespace, then rules the service's namespace exports,
 *   then rules the root namespace exports);
 * - pilot/pkg/model/destination_rule.go `mergeDestinationRule` (rules for the same host and exportTo merge: the
 *   OLDEST rule's top-level trafficPolicy wins, later rules only add subsets of new names);
 * - pilot/pkg/model/config.go `MostSpecificHostMatch` (exact host first, then the longest matching wildcard);
 * - pilot/pkg/model/sidecar.go `SidecarScope.DestinationRule` (a rule with a matching workloadSelector in the
 *   proxy's namespace wins for outbound traffic; otherwise the last rule without a selector).
 * Not modelled: Gateway API backend policies (BackendTLSPolicy), `exportTo: ~`, a mesh-wide default exportTo
 * other than `*`.
 */

export type TrafficDirection = 'outbound' | 'inbound';

export interface DestinationRuleQuery {
  /** FQDN of the destination service. */
  readonly host: string;
  /** Namespace of the destination service (the Kubernetes Service or ServiceEntry). */
  readonly serviceNamespace: string;
  /** Config namespace of the proxy resolving the rule: the caller (outbound) or the receiving pod (inbound). */
  readonly proxyNamespace: string;
  /** The proxy's labels, for rules with a workloadSelector. */
  readonly proxyLabels?: Readonly<Record<string, string>>;
  /** Default `outbound`. Inbound clusters ignore workloadSelector rules (sidecar.go). */
  readonly direction?: TrafficDirection;
}

export interface SelectedDestinationRule {
  /** The rule as Istio uses it: the first rule's fields plus subsets and (if it had none) trafficPolicy of later ones. */
  readonly spec: DestinationRuleSpec;
  /** `<namespace>/<name>` of every rule merged into it, oldest first: the first is the one whose policy counts. */
  readonly from: readonly string[];
  /** `<namespace>/<name>` of the rule whose top-level trafficPolicy is used, if any has one. */
  readonly trafficPolicyFrom: string | undefined;
}

interface Consolidated {
  spec: DestinationRuleSpec;
  readonly exportTo: ReadonlySet<string>;
  from: string[];
  trafficPolicyFrom: string | undefined;
  readonly namespace: string;
}

type HostIndex = Map<string, Consolidated[]>;

interface DestinationRuleIndex {
  readonly namespaceLocal: Map<string, HostIndex>;
  readonly exportedByNamespace: Map<string, HostIndex>;
  readonly rootNamespaceLocal: HostIndex;
}

function specOf(c: IstioConfig): DestinationRuleSpec {
  return c.spec as unknown as DestinationRuleSpec;
}

function hasSelector(spec: DestinationRuleSpec): boolean {
  return spec.workloadSelector !== undefined;
}

/** push_context.go `sortConfigBySelectorAndCreationTime`. */
function sortRules(configs: readonly IstioConfig[]): IstioConfig[] {
  return [...configs].sort((a, b) => {
    const sa = hasSelector(specOf(a));
    const sb = hasSelector(specOf(b));
    if (sa !== sb) return sa ? -1 : 1;
    return compareByCreation(a, b);
  });
}

function setEquals(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}

function supersetOf(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return [...b].every((x) => a.has(x));
}

function selectorsEqual(a: DestinationRuleSpec, b: DestinationRuleSpec): boolean {
  const la = a.workloadSelector?.matchLabels ?? {};
  const lb = b.workloadSelector?.matchLabels ?? {};
  return labelsSubsetOf(la, lb) && labelsSubsetOf(lb, la);
}

/** destination_rule.go `mergeDestinationRule`, for user-authored rules (ENABLE_ENHANCED_DESTINATIONRULE_MERGE on). */
function mergeRule(index: HostIndex, config: IstioConfig, host: string, exportTo: ReadonlySet<string>): void {
  const rule = specOf(config);
  const ref = configRef(config);
  const list = index.get(host);
  const fresh = (): Consolidated => ({
    spec: { ...rule, host },
    exportTo,
    from: [ref],
    trafficPolicyFrom: rule.trafficPolicy === undefined ? undefined : ref,
    namespace: config.metadata.namespace,
  });
  if (list === undefined) {
    index.set(host, [fresh()]);
    return;
  }
  let appendSeparately = true;
  for (const mdr of list) {
    if (setEquals(exportTo, mdr.exportTo)) appendSeparately = false;
    else if (mdr.exportTo.size > 0 && supersetOf(exportTo, mdr.exportTo)) appendSeparately = true;
    else {
      appendSeparately = true;
      continue;
    }
    const existing = mdr.spec;
    const bothWithout = !hasSelector(rule) && !hasSelector(existing);
    const bothWith = hasSelector(rule) && hasSelector(existing);
    if (bothWith && !selectorsEqual(existing, rule)) {
      appendSeparately = true;
      continue;
    }
    if (bothWithout || bothWith) appendSeparately = false;
    const names = new Set((existing.subsets ?? []).map((s) => s.name));
    const added = (rule.subsets ?? []).filter((s) => !names.has(s.name));
    const merged: { -readonly [K in keyof DestinationRuleSpec]: DestinationRuleSpec[K] } = { ...existing };
    if (added.length > 0) merged.subsets = [...(existing.subsets ?? []), ...added];
    if (existing.trafficPolicy === undefined && rule.trafficPolicy !== undefined) {
      merged.trafficPolicy = rule.trafficPolicy;
      mdr.trafficPolicyFrom = ref;
    }
    mdr.spec = merged;
    mdr.from = [...mdr.from, ref];
  }
  if (appendSeparately) list.push(fresh());
}

function indexFor(map: Map<string, HostIndex>, ns: string): HostIndex {
  let i = map.get(ns);
  if (i === undefined) {
    i = new Map();
    map.set(ns, i);
  }
  return i;
}

/** push_context.go `setDestinationRules`. */
export function indexDestinationRules(mesh: MeshView): DestinationRuleIndex {
  const index: DestinationRuleIndex = { namespaceLocal: new Map(), exportedByNamespace: new Map(), rootNamespaceLocal: new Map() };
  for (const config of sortRules(mesh.configs.filter((c) => c.kind === 'DestinationRule'))) {
    const rule = specOf(config);
    const ns = config.metadata.namespace;
    const host = resolveShortName(rule.host, ns);
    const exportTo: ReadonlySet<string> = hasSelector(rule) ? new Set(['.']) : new Set(rule.exportTo ?? []);
    if (exportTo.size === 0 || exportTo.has('*') || exportTo.has('.') || exportTo.has(ns)) {
      mergeRule(indexFor(index.namespaceLocal, ns), config, host, exportTo);
    }
    const privateOnly = exportTo.size === 1 && (exportTo.has('.') || exportTo.has(ns));
    if (!privateOnly) mergeRule(indexFor(index.exportedByNamespace, ns), config, host, exportTo);
    else if (ns === mesh.rootNamespace) mergeRule(index.rootNamespaceLocal, config, host, exportTo);
  }
  return index;
}

/** config.go `MostSpecificHostMatch` for a non-wildcard needle. */
function mostSpecific(host: string, index: HostIndex | undefined): Consolidated[] | undefined {
  if (index === undefined) return undefined;
  const exact = index.get(host);
  if (exact !== undefined && !host.startsWith('*')) return exact;
  let best: string | undefined;
  for (const pattern of index.keys()) {
    if (!pattern.startsWith('*') || !hostMatches(pattern, host)) continue;
    if (best === undefined || pattern.length > best.length) best = pattern;
  }
  return best === undefined ? undefined : index.get(best);
}

function exportedTo(list: Consolidated[] | undefined, clientNamespace: string): Consolidated[] | undefined {
  if (list === undefined) return undefined;
  const out = list.filter((d) => d.exportTo.size === 0 || d.exportTo.has('*') || d.exportTo.has(clientNamespace));
  return out.length > 0 ? out : undefined;
}

/** push_context.go `destinationRule`: the candidate rules for a host as seen from a proxy namespace. */
function candidates(index: DestinationRuleIndex, mesh: MeshView, q: DestinationRuleQuery): Consolidated[] | undefined {
  const own =
    q.proxyNamespace !== mesh.rootNamespace
      ? mostSpecific(q.host, index.namespaceLocal.get(q.proxyNamespace))
      : mostSpecific(q.host, index.rootNamespaceLocal);
  if (own !== undefined) return own;
  return (
    exportedTo(mostSpecific(q.host, index.exportedByNamespace.get(q.serviceNamespace)), q.proxyNamespace) ??
    exportedTo(mostSpecific(q.host, index.exportedByNamespace.get(mesh.rootNamespace)), q.proxyNamespace)
  );
}

/**
 * The DestinationRule Istio applies to `q.host` for the proxy described by `q`, or undefined when none does.
 * `index` may be passed to reuse `indexDestinationRules(mesh)` across queries.
 */
export function selectDestinationRule(
  mesh: MeshView,
  q: DestinationRuleQuery,
  index: DestinationRuleIndex = indexDestinationRules(mesh),
): SelectedDestinationRule | undefined {
  const list = candidates(index, mesh, q);
  if (list === undefined) return undefined;
  let catchAll: Consolidated | undefined;
  for (const d of list) {
    if (!hasSelector(d.spec)) catchAll = d;
    const selector = d.spec.workloadSelector?.matchLabels;
    if (
      selector !== undefined &&
      (q.direction ?? 'outbound') === 'outbound' &&
      d.namespace === q.proxyNamespace &&
      labelsSubsetOf(selector, q.proxyLabels ?? {})
    ) {
      return { spec: d.spec, from: d.from, trafficPolicyFrom: d.trafficPolicyFrom };
    }
  }
  return catchAll === undefined ? undefined : { spec: catchAll.spec, from: catchAll.from, trafficPolicyFrom: catchAll.trafficPolicyFrom };
}
