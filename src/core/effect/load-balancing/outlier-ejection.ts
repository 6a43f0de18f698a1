import type { ClusterOutlierDetection } from '../destination-rule/cluster-policy.js';

/**
 * How many endpoints of a cluster outlier detection may eject at once, and what a failure counts as.
 *
 * Follows envoyproxy/envoy source/common/upstream/outlier_detection_impl.cc:
 * - `DetectorImpl::ejectHost`: a host is ejected only if `100 * (ejected + 1) / hosts <= max_ejection_percent`,
 *   where `hosts` counts EVERY host of the cluster, all priorities together ("this is not currently checked
 *   per-priority level"); `always_eject_one_host` (which Istio does not set) would allow the first ejection anyway;
 * - `DetectorHostMonitorImpl::putResult` without `split_external_local_origin_errors`: connect failures, resets
 *   and timeouts are mapped to 5xx codes and count towards `consecutive_5xx` like the upstream's own 5xx; with
 *   the split they count towards `consecutive_local_origin_failure` instead.
 * For meshfed the cluster of a `burst` or `failover` target holds the local pods AND the peer's gateway, so the
 * percentage is of `localPods + 1`.
 */

export interface EjectionCapacity {
  /** Most hosts ejected at the same time. */
  readonly maxEjected: number;
  /** Whether every local endpoint can be ejected at once (needed for all traffic to move to the peer). */
  readonly allLocalEjectable: boolean;
}

/** Envoy `ejectHost`'s rule: the largest k with 100 * k / hosts <= maxEjectionPercent. */
export function maxEjectedHosts(maxEjectionPercent: number, hosts: number): number {
  if (hosts <= 0) return 0;
  const max = Math.min(100, Math.max(0, maxEjectionPercent));
  let k = 0;
  while (k < hosts && (100 * (k + 1)) / hosts <= max) k++;
  return k;
}

/** Ejection capacity of a cluster with `localPods` local endpoints plus `peerEndpoints` (1 for meshfed's gateway). */
export function ejectionCapacity(outlier: ClusterOutlierDetection, localPods: number, peerEndpoints = 1): EjectionCapacity {
  const maxEjected = maxEjectedHosts(outlier.maxEjectionPercent, localPods + peerEndpoints);
  return { maxEjected, allLocalEjectable: maxEjected >= localPods };
}

/**
 * The fewest local pods for which `maxEjectionPercent` no longer lets all of them be ejected while the peer's
 * endpoint counts in the pool; undefined when every pod count can be fully ejected (maxEjectionPercent 100).
 * Checked up to `limit` pods.
 */
export function firstPodCountNotFullyEjectable(maxEjectionPercent: number, limit = 1000): number | undefined {
  for (let pods = 1; pods <= limit; pods++) {
    if (maxEjectedHosts(maxEjectionPercent, pods + 1) < pods) return pods;
  }
  return undefined;
}

/** What ejects an endpoint after one failed connection or reset (not an HTTP response). */
export function resetsCountAs(outlier: ClusterOutlierDetection): { readonly counter: '5xx' | 'local-origin'; readonly threshold: number } {
  return outlier.splitExternalLocalOriginErrors
    ? { counter: 'local-origin', threshold: outlier.consecutiveLocalOriginFailure }
    : { counter: '5xx', threshold: outlier.consecutive5xx };
}
