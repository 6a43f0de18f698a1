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
 */
export function effectsOfChange(
  base: { readonly model: FederationModel; readonly rendered?: RenderedFederation },
  head: { readonly model: FederationModel; readonly rendered?: RenderedFederation },
): EffectReports | undefined {
  if (head.rendered === undefined) return undefined;
  return {
    base: base.rendered === undefined ? { flows: [] } : explainFederation(base.model, base.rendered),
    head: explainFederation(head.model, head.rendered),
  };
}

/** The flows `peer` takes part in, as consumer or provider. */
export function flowsOfPeer(report: ExplainReport, peer: string): ExplainReport {
  return { flows: report.flows.filter((f) => f.consumer === peer || f.provider === peer) };
}
