/**
 * VirtualService route weights for `split.remoteWeight` (a percentage, possibly with decimals), exactly.
 *
 * Istio sends each destination `weight / (sum of weights)` of the requests: since Istio 1.15 (istio/istio#39544,
 * "Loose route destination total weight validation") the weights need not add up to 100, and
 * `pilot/pkg/networking/core/route/route.go` `processWeightedDestination` copies each weight into Envoy's
 * `WeightedCluster.ClusterWeight.weight` unchanged (`networkfilter.go`
 * `buildOutboundNetworkFiltersWithWeightedClusters` does the same for TCP). A destination of weight 0 is dropped
 * there. Weights are int32 in the CRD (`format: int32`), and Envoy needs their sum to fit in uint32.
 *
 * So a percentage with `d` decimal places is rendered as the whole numbers `(100 - p)·10^d` and `p·10^d`, which
 * add up to `100·10^d`: 25 → 75/25, 0.2 → 998/2, 99.6 → 4/996. `d` may be at most 7 (100·10^7 < 2^31); a
 * percentage that needs more places cannot be expressed and validation rejects it (`import/split-weight-inexact`).
 */
export const MAX_WEIGHT_DECIMALS = 7;

export interface SplitWeights {
  /** Weight of the local target; 0 means the local destination is left out. */
  readonly local: number;
  /** Weight of the peer; 0 means the peer's destination is left out. */
  readonly remote: number;
}

/** The fewest decimal places (0-7) that express `percent` exactly, or undefined when 7 are not enough. */
export function weightDecimals(percent: number): number | undefined {
  if (!Number.isFinite(percent)) return undefined;
  for (let d = 0; d <= MAX_WEIGHT_DECIMALS; d++) {
    const scale = 10 ** d;
    // Math.round(p·10^d)/10^d is the double nearest to that decimal; equal to p exactly when p has d places.
    if (Math.round(percent * scale) / scale === percent) return d;
  }
  return undefined;
}

/** Exact integer weights for a remote percentage, or undefined when it cannot be expressed (see above). */
export function splitWeights(remotePercent: number): SplitWeights | undefined {
  if (!(remotePercent >= 0 && remotePercent <= 100)) return undefined;
  const d = weightDecimals(remotePercent);
  if (d === undefined) return undefined;
  const total = 100 * 10 ** d;
  const remote = Math.round(remotePercent * 10 ** d);
  return { local: total - remote, remote };
}

/** The nearest percentage `splitWeights` can express, as YAML would take it: rounded to 7 places, no exponent. */
export function nearestExpressiblePercent(percent: number): string {
  const fixed = percent.toFixed(MAX_WEIGHT_DECIMALS);
  return fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed;
}
