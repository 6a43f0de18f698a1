import type { PortPolicySettings, TrafficPolicySettings as TrafficPolicy } from '../istio-spec.js';

/**
 * The traffic policy one port of one cluster gets from a DestinationRule.
 *
 * Follows istio/istio pilot/pkg/networking/util/util.go `GetPortLevelTrafficPolicy` and
 * `MergeSubsetTrafficPolicy`, and pilot/pkg/model/destination_rule.go `MergeTrafficPolicy` and
 * `ShallowCopyTrafficPolicy`. The rule that matters to meshfed: a `portLevelSettings` entry for the port REPLACES
 * the destination-level policy ("port level policies do not inherit and instead to defaults if not provided"): its
 * connectionPool, outlierDetection, loadBalancer and tls are taken as they are, absent ones stay absent.
 */

/** The four fields a port-level entry carries (`shadowCopyPortTrafficPolicy`). */
export type PortPolicy = Omit<PortPolicySettings, 'port'>;

/** What the merges work on: a traffic policy without its port-level list (what `ShallowCopyTrafficPolicy` keeps). */
export type ResolvedPolicy = Omit<TrafficPolicy, 'portLevelSettings'>;

function withoutUndefined(o: Record<string, unknown>): ResolvedPolicy {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as ResolvedPolicy;
}

/** `ShallowCopyTrafficPolicy`: everything but portLevelSettings. */
export function shallowCopy(p: TrafficPolicy | ResolvedPolicy): ResolvedPolicy {
  return withoutUndefined({
    connectionPool: p.connectionPool,
    loadBalancer: p.loadBalancer,
    outlierDetection: p.outlierDetection,
    tls: p.tls,
    tunnel: p.tunnel,
    proxyProtocol: p.proxyProtocol,
    retryBudget: p.retryBudget,
  });
}

/**
 * `GetPortLevelTrafficPolicy`: the port's own entry (only its four fields) when one exists, else the policy as
 * it is. `port` undefined means "no port" (Istio passes nil): the policy is returned unchanged.
 */
export function portLevelPolicy(
  policy: TrafficPolicy | undefined,
  port: number | undefined,
): { readonly policy: TrafficPolicy | undefined; readonly hasPortLevel: boolean } {
  if (port === undefined) return { policy, hasPortLevel: false };
  if (policy === undefined) return { policy: undefined, hasPortLevel: false };
  const entry = (policy.portLevelSettings ?? []).find((p) => p.port?.number === port);
  if (entry === undefined) return { policy, hasPortLevel: false };
  return {
    policy: withoutUndefined({
      connectionPool: entry.connectionPool,
      loadBalancer: entry.loadBalancer,
      outlierDetection: entry.outlierDetection,
      tls: entry.tls,
    }),
    hasPortLevel: true,
  };
}

/**
 * `MergeTrafficPolicy`: fields set on `subset` override `merged`; with `hasPortLevel` the subset's four port
 * fields replace `merged`'s wholesale, absent ones included.
 */
export function mergeTrafficPolicy(merged: ResolvedPolicy, subset: TrafficPolicy, hasPortLevel: boolean): ResolvedPolicy {
  const out: { -readonly [K in keyof ResolvedPolicy]: ResolvedPolicy[K] } = { ...merged };
  if (subset.connectionPool !== undefined || hasPortLevel) out.connectionPool = subset.connectionPool;
  if (subset.outlierDetection !== undefined || hasPortLevel) out.outlierDetection = subset.outlierDetection;
  if (subset.loadBalancer !== undefined || hasPortLevel) out.loadBalancer = subset.loadBalancer;
  if (subset.tls !== undefined || hasPortLevel) out.tls = subset.tls;
  if (subset.tunnel !== undefined) out.tunnel = subset.tunnel;
  if (subset.proxyProtocol !== undefined) out.proxyProtocol = subset.proxyProtocol;
  if (subset.retryBudget !== undefined) out.retryBudget = subset.retryBudget;
  return withoutUndefined(out);
}

/**
 * `MergeSubsetTrafficPolicy`: the policy of a subset cluster for `port`. The destination's port-level entry (or
 * its destination-level policy) is the base; the subset's port-level entry (or its policy) is merged on top.
 */
export function mergeSubsetPolicy(
  original: TrafficPolicy | undefined,
  subset: TrafficPolicy | undefined,
  port: number | undefined,
): TrafficPolicy | undefined {
  const base = portLevelPolicy(original, port).policy;
  if (subset === undefined) return base;
  const sub = portLevelPolicy(subset, port);
  if (base === undefined) return sub.policy;
  return mergeTrafficPolicy(shallowCopy(base), sub.policy ?? {}, sub.hasPortLevel);
}
