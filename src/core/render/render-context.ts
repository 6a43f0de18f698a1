import type { PeerIntent } from '../intents/peer-schema.js';
import type { ServiceExportIntent } from '../intents/service-export-schema.js';
import type { FederationModel, Located } from '../model/federation-model.js';
import type { Provenance } from './object-builder.js';
import { compareStrings } from '../compare-strings.js';

/** Lookups every renderer needs; tolerant of an incomplete model (returns undefined instead of throwing). */
export function peerIntentOf(model: FederationModel, peer: string): PeerIntent | undefined {
  return model.peers.get(peer)?.peer?.value;
}

export function findExport(
  model: FederationModel,
  provider: string,
  exportName: string,
): Located<ServiceExportIntent> | undefined {
  return model.peers.get(provider)?.exports.find((e) => e.value.metadata.name === exportName);
}

/** Provenance of an object rendered from `intent`, an intent of `clusterPeer`'s own folder. */
export function provenanceFor(
  clusterPeer: string,
  clusterPeerIntent: PeerIntent,
  intent: Located<{ readonly kind: string; readonly metadata: { readonly name: string } }>,
): Provenance {
  return {
    clusterPeer,
    istioVersion: clusterPeerIntent.spec.istio.version,
    intentKind: intent.value.kind,
    intentName: intent.value.metadata.name,
    sourceFile: intent.source.file,
  };
}


export function uniqueSorted(values: Iterable<string>): string[] {
  return [...new Set(values)].sort(compareStrings);
}
