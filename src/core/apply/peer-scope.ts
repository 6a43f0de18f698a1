import type { PeerIntent } from '../intents/peer-schema.js';
import { LABEL_MANAGED_BY, LABEL_PEER, MANAGED_BY_VALUE } from '../render/rendered-object.js';

/**
 * Where a peer's runner may act in that peer's cluster (guarantee 2 in the README): the namespaces listed in
 * peer.yaml plus the namespaces of the peer's east-west and ingress gateways. Nothing outside is ever read,
 * applied or pruned.
 */
export interface PeerScope {
  readonly peer: string;
  /** Sorted, without duplicates. */
  readonly namespaces: readonly string[];
  /** Where the inventory ConfigMap lives: the east-west gateway namespace (always in `namespaces`). */
  readonly inventoryNamespace: string;
}

/** The field manager every meshfed apply uses; server-side apply records field ownership under this name. */
export const FIELD_MANAGER = 'meshfed';

export function peerScopeFromIntent(peer: string, intent: PeerIntent): PeerScope {
  const spec = intent.spec;
  return peerScope(peer, [...spec.namespaces, spec.eastWest.namespace, spec.ingress.namespace], spec.eastWest.namespace);
}

export function peerScope(peer: string, namespaces: readonly string[], inventoryNamespace: string): PeerScope {
  const all = [...new Set([...namespaces, inventoryNamespace])].sort();
  return { peer, namespaces: all, inventoryNamespace };
}

/** Labels that mark an object as meshfed's, for this peer: the only objects prune and drift ever consider. */
export function ownershipLabels(peer: string): Readonly<Record<string, string>> {
  return { [LABEL_MANAGED_BY]: MANAGED_BY_VALUE, [LABEL_PEER]: peer };
}

/** `app.kubernetes.io/managed-by=meshfed,meshfed.io/peer=<peer>`, the label selector for listing. */
export function ownershipSelector(peer: string): string {
  return Object.entries(ownershipLabels(peer))
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

export function carriesOwnershipLabels(labels: Readonly<Record<string, string>> | undefined, peer: string): boolean {
  if (!labels) return false;
  return Object.entries(ownershipLabels(peer)).every(([k, v]) => labels[k] === v);
}

/**
 * The other peer an object belongs to, when it carries meshfed's managed-by label for a peer other than `peer`
 * (two peers sharing a namespace of one cluster). Every peer applies with the same field manager, so server-side
 * apply reports no conflict: without this check one peer's runner would silently take over the other's object.
 */
export function otherPeerOwner(labels: Readonly<Record<string, string>> | undefined, peer: string): string | undefined {
  if (!labels || labels[LABEL_MANAGED_BY] !== MANAGED_BY_VALUE) return undefined;
  const owner = labels[LABEL_PEER];
  return owner !== undefined && owner !== peer ? owner : undefined;
}
