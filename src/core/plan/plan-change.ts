import type { CompileCache } from '../compile-cache.js';
import type { FederationModel } from '../model/federation-model.js';
import { renderPeer } from '../render/render-federation.js';
import { renderKeys } from '../render/render-inputs.js';
import type { RenderedObject } from '../render/rendered-object.js';
import type { FederationPlan } from './federation-plan.js';
import { planFederation, type PlanOptions } from './plan-federation.js';

/** A valid compilation, rendered or not (pipeline.ts `CompileResult` with `render: false`). */
export interface PlannedSide {
  readonly model: FederationModel;
  /** Content hash by path (present when compiled with a cache): the render keys come from it. */
  readonly fileHashes?: ReadonlyMap<string, string>;
}

/**
 * `planFederation(render(base), render(head))`, rendering only the peers whose render key (render-inputs.ts: the
 * content of everything a peer's output depends on) differs between base and head. A peer with the same key on
 * both sides renders the same objects on both (the isolation rule), so it is planned as unchanged without being
 * diffed; only its object count is needed, which `cache.objectCount` keeps per key. `base` undefined: everything
 * at head is new (an invalid or missing base). Same plan as rendering everything
 * (test/core/plan/plan-change.test.ts).
 */
export function planChange(base: PlannedSide | undefined, head: PlannedSide, cache: CompileCache, options: PlanOptions = {}): FederationPlan {
  const headKeys = keysOf(head);
  const baseKeys = base === undefined ? new Map<string, string>() : keysOf(base);
  const baseRendered = new Map<string, readonly RenderedObject[]>();
  const headRendered = new Map<string, readonly RenderedObject[]>();
  const untouched = new Map<string, number>();
  // Untouched peers are counted first and the touched ones rendered (and kept) after: interleaved, the kept objects
  // made V8 allocate render's objects straight into the old generation (allocation-site pretenuring), and the
  // counted ones, garbage at once, then cost a 1,000-peer plan 0.5 s more of garbage collection and 100 MB.
  const touched: string[] = [];
  for (const peer of renderedPeers(head.model)) {
    const key = headKeys.get(peer);
    if (key !== undefined && base !== undefined && baseKeys.get(peer) === key && isRendered(base.model, peer)) {
      untouched.set(peer, cache.objectCount(key, () => renderPeer(head.model, peer)));
    } else {
      touched.push(peer);
    }
  }
  for (const peer of touched) headRendered.set(peer, rendered(head, headKeys, peer, cache));
  if (base !== undefined) {
    for (const peer of renderedPeers(base.model)) {
      if (!untouched.has(peer)) baseRendered.set(peer, rendered(base, baseKeys, peer, cache));
    }
  }
  return planFederation(baseRendered, headRendered, { ...options, untouched });
}

function keysOf(side: PlannedSide): Map<string, string> {
  return side.fileHashes === undefined ? new Map() : renderKeys(side.model, side.fileHashes);
}

/** The peers `renderFederation` gives an entry: those with a Peer document. */
function renderedPeers(model: FederationModel): string[] {
  return [...model.peers.keys()].filter((p) => isRendered(model, p));
}

function isRendered(model: FederationModel, peer: string): boolean {
  return model.peers.get(peer)?.peer !== undefined;
}

function rendered(side: PlannedSide, keys: ReadonlyMap<string, string>, peer: string, cache: CompileCache): readonly RenderedObject[] {
  const key = keys.get(peer);
  return key === undefined ? renderPeer(side.model, peer) : cache.renderedPeer(key, () => renderPeer(side.model, peer));
}
