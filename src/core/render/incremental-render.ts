import type { CompileCache } from '../compile-cache.js';
import type { FederationModel } from '../model/federation-model.js';
import { renderFederation } from './render-federation.js';
import { renderKeys } from './render-inputs.js';
import type { RenderedFederation } from './rendered-object.js';

/**
 * `renderFederation`, rendering only the peers whose render key (render-inputs.ts) is not in the cache: after a
 * one-peer change, the peer and the peers that reference it or that it references. The others get the very
 * arrays rendered before (so a plan can tell them unchanged without comparing). Byte-identical to a full render
 * (test/core/render/incremental-render.test.ts).
 */
export function renderFederationIncremental(model: FederationModel, fileHashes: ReadonlyMap<string, string>, cache: CompileCache): RenderedFederation {
  const keys = renderKeys(model, fileHashes);
  return renderFederation(model, (peer, render) => {
    const key = keys.get(peer);
    return key === undefined ? render() : cache.renderedPeer(key, render);
  });
}
