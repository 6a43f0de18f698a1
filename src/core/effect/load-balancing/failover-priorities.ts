import type { LocalityLbSetting } from '../istio-spec.js';

/**
 * Endpoint priorities Istio gives a caller's cluster (priority 0 is used first; Envoy moves load to the next
 * priority only as the health of the ones before it drops, see priority-load.ts).
 *
 * Follows istio/istio pilot/pkg/networking/core/loadbalancer/loadbalancer.go:
 * - `LocalityLBSettings.ApplyToCluster` / `ApplyLocalityLoadBalancer`: priorities only when failover is enabled,
 *   i.e. the cluster has outlier detection; `distribute` and failover are exclusive;
 * - `applyFailoverPriorities` / `applyFailoverPriorityPerLocality`: with `failoverPriority` labels, an endpoint's
 *   priority is `n - j` for the first label `j` whose value differs from the proxy's, 0 when all match; a mismatch
 *   on `topology.istio.io/network` as FIRST label adds `n` instead (the network is "ignored" for the other labels
 *   but every other-network endpoint sorts after every same-network one); no proxy labels means no priorities;
 * - `applyLocalityFailover` (no failoverPriority): 0 same region/zone/subzone, 1 same region/zone, 2 same region,
 *   3 other region (4 when a `failover` rule for the proxy's region names another region);
 * - priorities are then renumbered 0..N without gaps.
 * Endpoint labels carry `topology.istio.io/network`, `topology.kubernetes.io/region` and `.../zone` from their
 * network and locality (pilot/pkg/serviceregistry/util/label/label.go `AugmentLabels`), and so do the proxy's.
 */

export const NETWORK_LABEL = 'topology.istio.io/network';
export const REGION_LABEL = 'topology.kubernetes.io/region';
export const ZONE_LABEL = 'topology.kubernetes.io/zone';
export const SUBZONE_LABEL = 'topology.istio.io/subzone';

export interface Locality {
  readonly region: string;
  readonly zone?: string;
  readonly subzone?: string;
}

export interface PrioritizedEndpoint {
  /** Any id the caller uses to recognise the endpoint (e.g. `local-pod-1`, `peer-gateway`). */
  readonly id: string;
  readonly network: string;
  readonly locality: Locality;
  /** Extra labels (pod or WorkloadEntry labels), if any. */
  readonly labels?: Readonly<Record<string, string>>;
}

export interface ProxyIdentity {
  readonly network: string;
  readonly locality: Locality;
  readonly labels?: Readonly<Record<string, string>>;
}

/** label.go `AugmentLabels`: the topology labels Istio adds from network and locality. */
export function topologyLabels(network: string, locality: Locality, labels: Readonly<Record<string, string>> = {}): Record<string, string> {
  const out: Record<string, string> = { ...labels };
  if (locality.region !== '') out[REGION_LABEL] = locality.region;
  if (locality.zone !== undefined && locality.zone !== '') out[ZONE_LABEL] = locality.zone;
  if (locality.subzone !== undefined && locality.subzone !== '') out[SUBZONE_LABEL] = locality.subzone;
  if (network !== '' && (out[NETWORK_LABEL] ?? '') === '') out[NETWORK_LABEL] = network;
  return out;
}

/** `applyFailoverPriorityPerLocality`: the raw (not yet renumbered) priority of one endpoint. */
export function rawFailoverPriority(
  proxyLabels: Readonly<Record<string, string>>,
  endpointLabels: Readonly<Record<string, string>>,
  failoverPriority: readonly string[],
): number {
  const n = failoverPriority.length;
  const includesNetwork = n > 0 && failoverPriority[0] === NETWORK_LABEL;
  let priority = 0;
  let adjust = 0;
  for (let j = 0; j < n; j++) {
    const entry = failoverPriority[j] as string;
    const eq = entry.indexOf('=');
    const label = eq < 0 ? entry : entry.slice(0, eq);
    const forProxy = eq < 0 ? proxyLabels[label] : entry.slice(eq + 1);
    if ((forProxy ?? '') !== (endpointLabels[label] ?? '')) {
      if (j === 0 && includesNetwork) {
        adjust = n;
        continue;
      }
      priority = n - j;
      break;
    }
  }
  return priority + adjust;
}

/** util.go `LbPriority` plus `applyLocalityFailover`'s `failover` rules. */
function localityPriority(proxy: Locality, ep: Locality, failover: NonNullable<LocalityLbSetting['failover']>): number {
  if (proxy.region === ep.region) {
    if ((proxy.zone ?? '') === (ep.zone ?? '')) return (proxy.subzone ?? '') === (ep.subzone ?? '') ? 0 : 1;
    return 2;
  }
  for (const f of failover) {
    if (f.from === proxy.region) return ep.region === f.to ? 3 : 4;
  }
  return 3;
}

function renumber(raw: ReadonlyMap<string, number>): Map<string, number> {
  const levels = [...new Set(raw.values())].sort((a, b) => a - b);
  return new Map([...raw].map(([id, p]) => [id, levels.indexOf(p)]));
}

/**
 * Priority of every endpoint for a caller. `locality` is the cluster's effective locality setting (undefined:
 * locality load balancing off), `failoverEnabled` whether the cluster has outlier detection. Without priorities
 * every endpoint is at 0.
 */
export function failoverPriorities(
  proxy: ProxyIdentity,
  endpoints: readonly PrioritizedEndpoint[],
  locality: LocalityLbSetting | undefined,
  failoverEnabled: boolean,
): Map<string, number> {
  const zero = new Map(endpoints.map((e) => [e.id, 0]));
  if (locality === undefined || !failoverEnabled || locality.distribute !== undefined) return zero;
  const proxyLabels = topologyLabels(proxy.network, proxy.locality, proxy.labels);
  const raw = new Map<string, number>();
  const priorities = locality.failoverPriority ?? [];
  if (priorities.length > 0) {
    if (Object.keys(proxyLabels).length === 0) return zero;
    for (const e of endpoints) raw.set(e.id, rawFailoverPriority(proxyLabels, topologyLabels(e.network, e.locality, e.labels), priorities));
    const first = renumber(raw);
    if ((locality.failover ?? []).length === 0) return first;
    for (const e of endpoints) raw.set(e.id, (first.get(e.id) ?? 0) * 5 + localityPriority(proxy.locality, e.locality, locality.failover ?? []));
    return renumber(raw);
  }
  for (const e of endpoints) raw.set(e.id, localityPriority(proxy.locality, e.locality, locality.failover ?? []));
  return renumber(raw);
}
