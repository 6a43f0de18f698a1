import type { CompileCache } from '../compile-cache.js';
import type { FederationModel } from '../model/federation-model.js';
import { renderedPeerNames, renderPeer } from './render-federation.js';
import { renderKeys } from './render-inputs.js';
import type { RenderedFederation, RenderedObject } from './rendered-object.js';

/** A valid compilation, rendered or not (pipeline.ts `CompileResult` with `render: false`). */
export interface RenderSource {
  readonly model: FederationModel;
  /** Content hash by path (present when compiled with a cache): the render keys come from it. */
  readonly fileHashes?: ReadonlyMap<string, string>;
}

/**
 * `renderFederation(side.model)` rendered one peer at a time, when a peer's objects are first asked for: a plan
 * of a one-peer change renders the peers it touches (plan-change.ts), and the pull request's effect section asks
 * for the few peers at the ends of the flows that changed (explain-report.ts), not for the whole federation.
 * Objects come from the cache by render key (render-inputs.ts), so the peers a plan rendered are not rendered
 * again. Iterating it renders every peer, in `renderFederation`'s order (peers with a Peer document, sorted).
 * Without a cache nothing is kept: each peer is rendered when asked, and its objects live only as long as the
 * caller holds them (`meshfed render` writes peer after peer without holding 87,000 objects at 1,000 peers).
 */
export class RenderedOnDemand implements RenderedFederation {
  private readonly renderKeys: ReadonlyMap<string, string>;
  private readonly names: readonly string[];

  constructor(
    private readonly side: RenderSource,
    private readonly cache?: CompileCache,
  ) {
    this.renderKeys = side.fileHashes === undefined ? new Map() : renderKeys(side.model, side.fileHashes);
    this.names = renderedPeerNames(side.model);
  }

  /** The render key of `peer` (undefined without file hashes: then nothing is taken from the cache). */
  keyOf(peer: string): string | undefined {
    return this.renderKeys.get(peer);
  }

  get size(): number {
    return this.names.length;
  }

  has(peer: string): boolean {
    return this.side.model.peers.get(peer)?.peer !== undefined;
  }

  get(peer: string): readonly RenderedObject[] | undefined {
    if (!this.has(peer)) return undefined;
    const key = this.renderKeys.get(peer);
    const render = (): readonly RenderedObject[] => renderPeer(this.side.model, peer);
    return key === undefined || this.cache === undefined ? render() : this.cache.renderedPeer(key, render);
  }

  forEach(callback: (value: readonly RenderedObject[], key: string, map: RenderedFederation) => void): void {
    for (const [peer, objects] of this.entries()) callback(objects, peer, this);
  }

  *entries(): MapIterator<[string, readonly RenderedObject[]]> {
    for (const peer of this.names) yield [peer, this.get(peer) ?? []];
  }

  *keys(): MapIterator<string> {
    yield* this.names;
  }

  *values(): MapIterator<readonly RenderedObject[]> {
    for (const [, objects] of this.entries()) yield objects;
  }

  [Symbol.iterator](): MapIterator<[string, readonly RenderedObject[]]> {
    return this.entries();
  }
}

/**
 * `renderFederation`, rendering only the peers whose render key is not in the cache: after a one-peer change, the
 * peer and the peers that reference it or that it references. The others get the very arrays rendered before (so
 * a plan can tell them unchanged without comparing). Byte-identical to a full render
 * (test/core/render/incremental-render.test.ts).
 */
export function renderFederationIncremental(model: FederationModel, fileHashes: ReadonlyMap<string, string>, cache: CompileCache): RenderedFederation {
  return new Map(new RenderedOnDemand({ model, fileHashes }, cache));
}
