import type { FederationModel } from '../model/federation-model.js';
import { renderImport } from './consumer/consumer-import.js';
import { renderEdgeGateway } from './provider/edge-gateway.js';
import { renderExport } from './provider/provider-export.js';
import { renderForeignDeny } from './provider/provider-foreign-deny.js';
import { renderStrictMtls } from './provider/provider-strict-mtls.js';

import { objectKey, type RenderedFederation, type RenderedObject } from './rendered-object.js';
import { compareStrings } from '../compare-strings.js';

/**
 * intents -> per-peer Istio objects. Pure and deterministic: the same model gives the same objects in the same
 * order (peers sorted by name, objects by `compareObjects`), with no clock, randomness or commit in them.
 *
 * Each intent renders objects only into the clusters it concerns:
 * - a ServiceExport into its provider's cluster (docs/istio.md, "ServiceExport"); the STRICT PeerAuthentication is
 *   one per exporting namespace, shared by that namespace's exports; the DENY policy for foreign identities is one
 *   per provider, in its root namespace and each exporting namespace;
 * - a ServiceImport into its consumer's cluster (burst, failover, split, route, mirror);
 * - an EdgeGateway into its own peer's cluster.
 * The model is assumed validated; anything that cannot be rendered (a missing peer, export or port) is skipped
 * rather than thrown on. Every peer with a Peer document gets an entry, possibly empty.
 */
export function renderFederation(model: FederationModel): RenderedFederation {
  return new Map(renderedPeerNames(model).map((peer) => [peer, renderPeer(model, peer)]));
}

/** The peers `renderFederation` gives an entry: those with a Peer document, sorted by name. */
export function renderedPeerNames(model: FederationModel): string[] {
  return [...model.peers.keys()].filter((p) => model.peers.get(p)?.peer !== undefined).sort(compareStrings);
}

/** The objects of one peer's cluster (empty when the peer has no Peer document). */
export function renderPeer(model: FederationModel, peerName: string): RenderedObject[] {
  const peerModel = model.peers.get(peerName);
  const peer = peerModel?.peer?.value;
  if (peerModel === undefined || peer === undefined) return [];
  const objects: RenderedObject[] = [];
  for (const exp of peerModel.exports) objects.push(...renderExport(peerName, peer, exp));
  objects.push(...renderStrictMtls(peerName, peer, peerModel.exports));
  objects.push(...renderForeignDeny(model, peerName, peer, peerModel.exports));
  const burstTargets = new Set<string>();
  for (const imp of peerModel.imports) {
    const rendered = renderImport(model, peerName, peer, imp);
    objects.push(...rendered.objects);
    if (rendered.burstTargetHost !== undefined) burstTargets.add(rendered.burstTargetHost);
  }
  for (const gw of peerModel.gateways) objects.push(...renderEdgeGateway(peerName, peer, gw, burstTargets));
  return sortAndDedupe(objects);
}

/**
 * Sorts like `compareObjects` (by `objectKey`), computing each key once. Two intents of a valid federation
 * never produce the same key (names carry the intent name), so dropping repeats only matters for invalid
 * input: the first of equal keys is kept (the sort is stable) so the output stays a set.
 */
function sortAndDedupe(objects: readonly RenderedObject[]): RenderedObject[] {
  const keyed = objects.map((o) => ({ key: objectKey(o), o }));
  keyed.sort((a, b) => compareStrings(a.key, b.key));
  const out: RenderedObject[] = [];
  let last: string | undefined;
  for (const { key, o } of keyed) {
    if (key !== last) out.push(o);
    last = key;
  }
  return out;
}
