import type { PeerIntent } from '../../intents/peer-schema.js';
import type { ServiceImportIntent } from '../../intents/service-import-schema.js';
import type { FederationModel, Located } from '../../model/federation-model.js';
import { renderBurst } from './consumer-burst.js';
import { renderFailover } from './consumer-failover.js';
import { renderMirror } from './consumer-mirror.js';
import { renderRoute } from './consumer-route.js';
import { renderSplit } from './consumer-split.js';
import { resolveImport } from './import-context.js';
import type { RenderedObject } from '../rendered-object.js';

export interface ImportRendering {
  readonly objects: RenderedObject[];
  /** The target host when this import routes in-mesh callers to the burst subset (edge routes follow suit). */
  readonly burstTargetHost?: string;
}

/**
 * Consumer side of one ServiceImport, in the consumer's cluster. Exactly one policy is expected (the validator
 * enforces it); should several be present, the first in the order burst, failover, split, route, mirror wins,
 * so the output is still deterministic. Depends on: the import, the consumer's Peer, the provider's Peer and
 * the provider's Export only.
 */
export function renderImport(
  model: FederationModel,
  consumerName: string,
  consumer: PeerIntent,
  imp: Located<ServiceImportIntent>,
): ImportRendering {
  const ctx = resolveImport(model, consumerName, consumer, imp);
  if (ctx === undefined) return { objects: [] };
  const spec = imp.value.spec;
  if (spec.burst !== undefined) {
    const objects = renderBurst(ctx, spec.burst);
    const routed = objects.some((o) => o.kind === 'VirtualService');
    return routed ? { objects, burstTargetHost: ctx.targetHost } : { objects };
  }
  if (spec.failover !== undefined) return { objects: renderFailover(ctx, spec.failover) };
  if (spec.split !== undefined) return { objects: renderSplit(ctx, spec.split) };
  if (spec.route !== undefined) return { objects: renderRoute(ctx, spec.route) };
  if (spec.mirror !== undefined) return { objects: renderMirror(ctx, spec.mirror) };
  return { objects: [] };
}
