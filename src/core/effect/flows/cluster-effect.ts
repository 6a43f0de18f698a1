import type { CircuitBreakers, InboundCluster, OutboundCluster } from '../destination-rule/cluster-policy.js';
import { failoverPriorities, type Locality } from '../load-balancing/failover-priorities.js';
import { ejectionCapacity, resetsCountAs } from '../load-balancing/outlier-ejection.js';
import { priorityLoad, spillThreshold, OVERPROVISIONING_FACTOR } from '../load-balancing/priority-load.js';
import type { ClusterEffect, Limits, SpillAtPodCount } from './flow-effect.js';

const INT32_MAX = 2_147_483_647;

/**
 * Turns a modelled Envoy cluster into the operator-facing `ClusterEffect`: limits, ejection, the priority of the
 * local pods versus the peer's gateway, and when traffic starts to spill (priority-load.ts, outlier-ejection.ts).
 */

export interface Topology {
  readonly network: string;
  readonly locality: Locality;
}

/** Pod counts the spill examples are computed for. */
export const DEFAULT_POD_COUNTS: readonly number[] = [1, 2, 3, 4, 10];

export function limitsOf(cb: CircuitBreakers, maxRequestsPerConnection: number | undefined): Limits {
  // int32 max and above (meshfed's "unlimited", Istio's MaxUint32 default) is no practical limit.
  const v = (n: number): number | null => (n >= INT32_MAX ? null : n);
  return {
    maxConnections: v(cb.maxConnections),
    maxPendingRequests: v(cb.maxPendingRequests),
    maxRequests: v(cb.maxRequests),
    maxRequestsPerConnection: maxRequestsPerConnection ?? null,
  };
}

export function inboundLimits(c: InboundCluster): Limits {
  return limitsOf(c.circuitBreakers, c.maxRequestsPerConnection);
}

function spillAt(pods: number, cluster: OutboundCluster, peerAfterLocal: boolean): SpillAtPodCount {
  const outlier = cluster.outlierDetection;
  const capacity = outlier === undefined ? { maxEjected: 0, allLocalEjectable: false } : ejectionCapacity(outlier, pods);
  let ejectedWhenSpillStarts: number | undefined;
  let peerSharePercent: number | undefined;
  if (peerAfterLocal) {
    const t = spillThreshold(pods);
    if (t !== undefined && t.ejected <= capacity.maxEjected) {
      ejectedWhenSpillStarts = t.ejected;
      const load = priorityLoad([{ total: pods, healthy: pods - t.ejected }, { total: 1, healthy: 1 }], outlier?.healthyPanicThreshold ?? 0);
      peerSharePercent = load.load[1];
    }
  }
  return { pods, ejectedWhenSpillStarts, peerSharePercent, ...capacity };
}

/**
 * The effect of `cluster` for callers at `caller`, the cluster holding local pods at `local` (none for a
 * peer-only cluster) and the peer's gateway at `peer`.
 */
export function clusterEffect(
  cluster: OutboundCluster,
  caller: Topology,
  local: Topology | undefined,
  peer: Topology,
  podCounts: readonly number[] = DEFAULT_POD_COUNTS,
): ClusterEffect {
  const outlier = cluster.outlierDetection;
  let priorities: ClusterEffect['priorities'];
  if (local !== undefined) {
    const p = failoverPriorities(
      caller,
      [
        { id: 'local', ...local },
        { id: 'peer', ...peer },
      ],
      cluster.loadBalancer.locality,
      cluster.loadBalancer.failoverEnabled,
    );
    priorities = { local: p.get('local') ?? 0, peer: p.get('peer') ?? 0 };
  }
  const peerAfterLocal = priorities !== undefined && priorities.peer > priorities.local;
  return {
    cluster: cluster.name,
    limits: limitsOf(cluster.circuitBreakers, cluster.maxRequestsPerConnection),
    ejection:
      outlier === undefined
        ? undefined
        : {
            consecutive5xx: outlier.consecutive5xx,
            consecutiveGatewayErrors: outlier.consecutiveGatewayFailure,
            resets: resetsCountAs(outlier),
            interval: outlier.interval,
            baseEjectionTime: outlier.baseEjectionTime,
            maxEjectionPercent: outlier.maxEjectionPercent,
            panicThreshold: outlier.healthyPanicThreshold,
          },
    loadBalancer: cluster.loadBalancer.algorithm,
    priorities,
    spill:
      local === undefined
        ? undefined
        : {
            healthyPercentBelow: Math.round((100 * 100 * 10) / OVERPROVISIONING_FACTOR) / 10,
            byPodCount: podCounts.map((n) => spillAt(n, cluster, peerAfterLocal)),
          },
    tls: { mode: cluster.tls.mode, sni: cluster.tls.sni, subjectAltNames: cluster.tls.subjectAltNames },
    upstreamProtocol: cluster.upstreamProtocol,
  };
}
