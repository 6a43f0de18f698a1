import type { CompileCache } from '../compile-cache.js';
import type { RenderedObject } from '../render/rendered-object.js';
import type { FederationPlan } from './federation-plan.js';
import { planFederation, type PlanOptions } from './plan-federation.js';
import { RenderedOnDemand, type RenderSource } from '../render/rendered-on-demand.js';

/**
 * `planFederation(render(base), render(head))` without rendering the peers a change does not touch: only the peers
 * whose render key (render-inputs.ts: the content of everything a peer's output depends on) differs between base
 * and head are rendered, on both sides, and diffed. A peer with the same key on both sides renders the same objects
 * on both (the isolation rule), so it has no changes: it is planned as `inputsUnchanged`, without an object count
 * (counting would render it, which for a one-peer change at 1,000 peers was most of the plan's time; issue 10).
 * `base` undefined: everything at head is new (an invalid or missing base). For every peer with changes the plan
 * is the one of rendering everything, and every `inputsUnchanged` peer has none there
 * (test/core/plan/plan-change.test.ts).
 */
export function planChange(base: RenderSource | undefined, head: RenderSource, cache: CompileCache, options: PlanOptions = {}): FederationPlan {
  return planOnDemand(base === undefined ? undefined : new RenderedOnDemand(base, cache), new RenderedOnDemand(head, cache), options);
}

/** `planChange` of two sides already wrapped (the bot keeps them for the effect section). */
export function planOnDemand(base: RenderedOnDemand | undefined, head: RenderedOnDemand, options: PlanOptions = {}): FederationPlan {
  const baseRendered = new Map<string, readonly RenderedObject[]>();
  const headRendered = new Map<string, readonly RenderedObject[]>();
  const untouched = new Set<string>();
  for (const peer of head.keys()) {
    const key = head.keyOf(peer);
    if (key !== undefined && base !== undefined && base.keyOf(peer) === key && base.has(peer)) {
      untouched.add(peer);
    } else {
      headRendered.set(peer, head.get(peer) ?? []);
    }
  }
  if (base !== undefined) {
    for (const peer of base.keys()) {
      if (!untouched.has(peer)) baseRendered.set(peer, base.get(peer) ?? []);
    }
  }
  return planFederation(baseRendered, headRendered, { ...options, untouched });
}
