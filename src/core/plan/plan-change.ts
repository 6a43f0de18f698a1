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
 * `planFederation(render(base), render(head))` without rendering the peers a change does not touch: only the peers
 * whose render key (render-inputs.ts: the content of everything a peer's output depends on) differs between base
 * and head are rendered, on both sides, and diffed. A peer with the same key on both sides renders the same objects
 * on both (the isolation rule), so it has no changes: it is planned as `inputsUnchanged`, without an object count
 * (counting would render it, which for a one-peer change at 1,000 peers was most of the plan's time; issue 10).
 * `base` undefined: everything at head is new (an invalid or missing base). For every peer with changes the plan
 * is the one of rendering everything, and every `inputsUnchanged` peer has none there
 * (test/core/plan/plan-change.test.ts).
 */
export function planChange(base: PlannedSide | undefined, head: PlannedSide, cache: CompileCache, options: PlanOptions = {}): FederationPlan {
  const headKeys = keysOf(head);
  const baseKeys = base === undefined ? new Map<string, string>() : keysOf(base);
  const baseRendered = new Map<string, readonly RenderedObject[]>();
  const headRendered = new Map<string, readonly RenderedObject[]>();
  const untouched = new Set<string>();
  for (const peer of renderedPeers(head.model)) {
    const key = headKeys.get(peer);
    if (key !== undefined && base !== undefined && baseKeys.get(peer) === key && isRendered(base.model, peer)) {
      untouched.add(peer);
    } else {
      headRendered.set(peer, rendered(head, headKeys, peer, cache));
    }
  }
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
