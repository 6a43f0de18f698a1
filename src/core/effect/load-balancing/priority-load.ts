/**
 * How Envoy spreads requests over priority levels as endpoints are ejected.
 *
 * Follows envoyproxy/envoy source/extensions/load_balancing_policies/common/load_balancer_impl.cc
 * (`LoadBalancerBase::recalculatePerPriorityState`, `distributeLoad`, `recalculatePerPriorityPanic`):
 * - a priority's health is `min(100, overprovisioningFactor * healthy / total)` in integer arithmetic, with the
 *   overprovisioning factor 140 (`kDefaultOverProvisioningFactor`, source/common/upstream/load_balancer_config.h;
 *   Istio never sets `policy.overprovisioning_factor` in its EDS, so the default holds);
 * - priority i gets `min(remaining, health_i * 100 / normalizedTotal)` percent, normalizedTotal being the sum of
 *   healths capped at 100; rounding leftovers go to the first priority with health;
 * - so priority 0 keeps 100 % of the load while at least 5/7 (about 71.4 %) of its endpoints are healthy, and
 *   traffic starts to spill to priority 1 only below that;
 * - panic: never while the normalized total is 100; otherwise a priority whose healthy share is below the panic
 *   threshold routes to all its hosts, healthy or not, and when every priority is in panic the load follows the
 *   number of hosts (`recalculateLoadInTotalPanic`). Istio sets the threshold to `minHealthPercent`, 0 by
 *   default (cluster_traffic_policy.go `applyOutlierDetection`): with 0 and nothing healthy, requests fail with
 *   "no healthy upstream".
 * Degraded hosts (active health checking) are not modelled: Istio does not configure them.
 */

export const OVERPROVISIONING_FACTOR = 140;

export interface PriorityLevel {
  readonly total: number;
  readonly healthy: number;
}

export interface PriorityLoad {
  /** Percent of requests per priority (sums to 100 unless nothing is healthy and panic is off). */
  readonly load: readonly number[];
  /** Per priority: routes to every host, healthy or not, because too few are healthy. */
  readonly panic: readonly boolean[];
  /** Nothing healthy and panic routing disabled: every request fails ("no healthy upstream"). */
  readonly noHealthyUpstream: boolean;
}

export function priorityHealth(level: PriorityLevel, factor = OVERPROVISIONING_FACTOR): number {
  if (level.total === 0) return 0;
  return Math.min(100, Math.floor((factor * level.healthy) / level.total));
}

/** `recalculateLoadInTotalPanic`: load in proportion to the number of hosts per priority, remainder to the first. */
function totalPanicLoad(levels: readonly PriorityLevel[]): number[] {
  const hosts = levels.reduce((a, l) => a + l.total, 0);
  const load = levels.map((l) => (hosts === 0 ? 0 : Math.floor((100 * l.total) / hosts)));
  const first = levels.findIndex((l) => l.total > 0);
  if (first >= 0) load[first] = (load[first] as number) + 100 - load.reduce((a, b) => a + b, 0);
  return load;
}

/**
 * Load per priority for the given healthy counts, `panicThreshold` in percent (Istio's default 0; Envoy's own
 * default, used by Envoy's tests, is 50).
 */
export function priorityLoad(levels: readonly PriorityLevel[], panicThreshold = 0, factor = OVERPROVISIONING_FACTOR): PriorityLoad {
  const health = levels.map((l) => priorityHealth(l, factor));
  const normalizedTotal = Math.min(100, health.reduce((a, b) => a + b, 0));
  if (normalizedTotal === 0 && panicThreshold === 0) {
    return { load: levels.map((_, i) => (i === 0 ? 100 : 0)), panic: levels.map(() => false), noHealthyUpstream: true };
  }
  // isHostSetInPanic: fewer healthy hosts (in percent) than the threshold; never while the total is 100.
  const panic = levels.map((l) => normalizedTotal !== 100 && (l.total === 0 ? 0 : (100 * l.healthy) / l.total) < panicThreshold);
  if (panic.every(Boolean)) return { load: totalPanicLoad(levels), panic, noHealthyUpstream: false };
  let remaining = 100;
  let firstHealthy = -1;
  const load = health.map((h, i) => {
    if (firstHealthy < 0 && h > 0) firstHealthy = i;
    const share = Math.min(remaining, Math.floor((h * 100) / normalizedTotal));
    remaining -= share;
    return share;
  });
  if (remaining > 0 && firstHealthy >= 0) load[firstHealthy] = (load[firstHealthy] as number) + remaining;
  return { load, panic, noHealthyUpstream: false };
}

/**
 * When a priority of `total` endpoints starts to hand load to the next priority: the smallest number of ejected
 * endpoints that brings its health below 100 (with the factor 140: the first count leaving fewer than 5/7 of them
 * healthy), and that healthy share in percent (71.4). Undefined for an empty priority.
 */
export function spillThreshold(total: number, factor = OVERPROVISIONING_FACTOR): { readonly ejected: number; readonly healthyPercentBelow: number } | undefined {
  if (total <= 0) return undefined;
  for (let ejected = 1; ejected <= total; ejected++) {
    if (priorityHealth({ total, healthy: total - ejected }, factor) < 100) {
      return { ejected, healthyPercentBelow: Math.round((100 * 100 * 10) / factor) / 10 };
    }
  }
  return undefined;
}
