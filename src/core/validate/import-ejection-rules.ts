import type { PeerModel } from '../model/federation-model.js';
import { firstPodCountNotFullyEjectable } from '../effect/load-balancing/outlier-ejection.js';
import type { ValidationContext } from './validation-context.js';

/**
 * Ejection settings of burst and failover that do not do what they seem to once the peer's gateway is one of
 * the endpoints (warnings: the import still works, only not as the numbers suggest). Both follow Envoy's outlier
 * detection as the effect model has it (src/core/effect/load-balancing/outlier-ejection.ts):
 * - `import/ejection-percent-counts-peer`: `maxEjectionPercent` is a share of ALL endpoints of the cluster, the
 *   peer's gateway included (outlier_detection_impl.cc `ejectHost`), so below 100 some pod count exists from which
 *   not every local pod can be ejected at once, and traffic never moves to the peer entirely;
 * - `import/eject-on-first-error`: with `consecutive5xxErrors: 1` and `maxEjectionPercent: 100` one 5xx the
 *   peer relays (its own pods overloaded) ejects the peer's gateway too, and with every local pod ejected as
 *   well callers get "no healthy upstream" for `baseEjectionTime`, because Istio turns Envoy's panic routing off
 *   (cluster_traffic_policy.go `applyOutlierDetection`: healthy panic threshold = minHealthPercent, 0). Resets
 *   and failed connections no longer count (meshfed splits them off, consumer-local-first.ts).
 */
export function checkImportEjection(ctx: ValidationContext, p: PeerModel): void {
  for (const imp of p.imports) {
    const spec = imp.value.spec;
    const policy = spec.burst !== undefined ? 'burst' : spec.failover !== undefined ? 'failover' : undefined;
    const ejection = spec.burst?.ejection ?? spec.failover?.ejection;
    if (policy === undefined || ejection === undefined) continue;
    const percent = ejection.maxEjectionPercent;
    if (percent > 0 && percent < 100) {
      const pods = firstPodCountNotFullyEjectable(percent);
      ctx.at(
        imp,
        ['spec', policy, 'ejection', 'maxEjectionPercent'],
        'import/ejection-percent-counts-peer',
        `maxEjectionPercent ${percent} counts the peer's gateway as one of the endpoints: from ${pods} local pods on, not every local pod can be ejected at once, so traffic never moves to the peer entirely`,
        'set maxEjectionPercent: 100, since the peer is the spare capacity a lower value would keep; keep the value only if some local pods must always take traffic',
        'warning',
      );
    }
    if (ejection.consecutive5xxErrors === 1 && percent === 100) {
      ctx.at(
        imp,
        ['spec', policy, 'ejection', 'consecutive5xxErrors'],
        'import/eject-on-first-error',
        `consecutive5xxErrors 1 also ejects the peer's gateway for ${ejection.baseEjectionTime} after a single 5xx it relays; with every local pod ejected too, callers get "no healthy upstream" until one returns`,
        policy === 'burst'
          ? 'set consecutive5xxErrors: 2 or more; a request a full local pod refuses is retried on the peer anyway'
          : 'set consecutive5xxErrors: 2 or more',
        'warning',
      );
    }
  }
}
