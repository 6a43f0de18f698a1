import type { PeerIntent } from '../intents/peer-schema.js';
import type { ServiceExportIntent } from '../intents/service-export-schema.js';
import type { FederationModel, Located } from '../model/federation-model.js';
import type { Provenance } from './object-builder.js';

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

export function provenanceFor(
  clusterPeer: string,
  clusterPeerIntent: PeerIntent,
  intent: Located<{ readonly kind: string; readonly metadata: { readonly name: string } }>,
  intentPeer: string,
): Provenance {
  return {
    clusterPeer,
    istioVersion: clusterPeerIntent.spec.istio.version,
    intentKind: intent.value.kind,
    intentPeer,
    intentName: intent.value.metadata.name,
    sourceFile: intent.source.file,
  };
}

/** A copy of a label map with sorted keys, so the intent's key order never shows in the output. */
export function sortedLabels(labels: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(labels).sort()) {
    const v = labels[key];
    if (v !== undefined) out[key] = v;
  }
  return out;
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function uniqueSorted(values: Iterable<string>): string[] {
  return [...new Set(values)].sort(compareStrings);
}
