import { federationEffects, type EffectOptions, type FlowEffect } from '../../effect/index.js';
import type { FederationModel } from '../../model/federation-model.js';
import type { RenderedFederation } from '../../render/rendered-object.js';

/**
 * What `meshfed explain` prints and the pull-request comment compares: per flow (a consumer's ServiceImport of a
 * provider's ServiceExport) and port, what the mesh enforces and where. Computed by the effect model
 * (src/core/effect/, `federationEffects`) from the rendered objects of both clusters, never from the intents, so it
 * is what Istio would resolve from meshfed's output. `meshfed explain --format json` prints it as is: the
 * `FlowEffect` type of src/core/effect/flows/flow-effect.ts is its stable schema.
 */
export interface ExplainReport {
  /** Sorted by consumer, then import name. */
  readonly flows: readonly FlowEffect[];
}

export function explainFederation(model: FederationModel, rendered: RenderedFederation, options: EffectOptions = {}): ExplainReport {
  return { flows: federationEffects(model, rendered, options) };
}

/** Effects at the base a change is compared with, and at its head (the pull-request comment's before → after). */
export interface EffectReports {
  readonly base: ExplainReport;
  readonly head: ExplainReport;
}

/**
 * Both sides of a change, from compile results: nothing when the head does not render; an empty base when the
 * base does not (every flow of the head is then shown as new).
 *
 * A flow's effect is computed from its consumer's and its provider's rendered objects and intents only. When both
 * peers are the same at base and head, the flow is the same on both sides and is left out of both, so a one-peer
 * change costs the flows of the peers it changes, not every flow of the federation. The comparison
 * (diff-effects.ts) shows only changed flows, so the result is the same. Which peers are the same: `unchanged`
 * when given (plan/unchanged-peers.ts: no change in the plan and the same intents), else those whose objects are
 * the very same arrays on both sides (incremental render reuses a peer's objects only when nothing its output
 * depends on changed: render-inputs.ts).
 */
export function effectsOfChange(
  base: { readonly model: FederationModel; readonly rendered?: RenderedFederation },
  head: { readonly model: FederationModel; readonly rendered?: RenderedFederation },
  unchanged?: ReadonlySet<string>,
): EffectReports | undefined {
  if (head.rendered === undefined) return undefined;
  if (base.rendered === undefined) return { base: { flows: [] }, head: explainFederation(head.model, head.rendered) };
  const before = base.rendered;
  const after = head.rendered;
  const same = (peer: string): boolean =>
    unchanged === undefined ? before.get(peer) !== undefined && before.get(peer) === after.get(peer) : unchanged.has(peer);
  const options: EffectOptions = { flows: (f) => !(same(f.consumer) && same(f.provider)) };
  return { base: explainFederation(base.model, before, options), head: explainFederation(head.model, after, options) };
}

/** The flows `peer` takes part in, as consumer or provider. */
export function flowsOfPeer(report: ExplainReport, peer: string): ExplainReport {
  return { flows: report.flows.filter((f) => f.consumer === peer || f.provider === peer) };
}
