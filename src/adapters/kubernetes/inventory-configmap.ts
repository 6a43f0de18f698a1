import { createHash } from 'node:crypto';
import {
  formatInventoryObjects,
  inventoryName,
  parseInventoryObjects,
  type InventoryEntry,
  type InventoryState,
} from '../../core/apply/inventory.js';
import type { LiveObject } from '../../core/apply/live-object.js';
import { ownershipLabels, type PeerScope } from '../../core/apply/peer-scope.js';
import type { KubeApi, Manifest, ObjectRef } from './kube-api.js';

/**
 * The inventory lives in the peer's cluster as ConfigMap `meshfed-inventory-<peer>` in the east-west gateway
 * namespace, labelled as meshfed's:
 *
 *   data:
 *     peer: alpha
 *     objects: |            one line per object: apiVersion kind namespace name
 *       networking.istio.io/v1 DestinationRule demo echo-from-beta
 *     pendingPrune: |       only after a refused mass prune: the entries still waiting for --allow-mass-prune
 *       networking.istio.io/v1 DestinationRule demo echo-old
 *     checksum: sha256:…    over "peer\nobjects", plus "\npendingPrune\n" + pendingPrune when that key is present
 *
 * Without pending entries the key is left out, so the ConfigMap is exactly the older format (which still reads).
 * Anything that does not parse, or whose checksum or peer does not match, is "corrupted": treated as lost.
 */
const LABEL_INVENTORY = 'meshfed.io/inventory';

function inventoryRef(scope: PeerScope): ObjectRef {
  return { apiVersion: 'v1', kind: 'ConfigMap', namespace: scope.inventoryNamespace, name: inventoryName(scope.peer) };
}

function checksum(peer: string, objects: string, pendingPrune: string | undefined): string {
  const text = pendingPrune === undefined ? `${peer}\n${objects}` : `${peer}\n${objects}\npendingPrune\n${pendingPrune}`;
  return `sha256:${createHash('sha256').update(text).digest('hex')}`;
}

export function inventoryManifest(scope: PeerScope, entries: readonly InventoryEntry[], pendingPrune: readonly InventoryEntry[] = []): Manifest {
  const objects = formatInventoryObjects(entries);
  const pending = pendingPrune.length > 0 ? formatInventoryObjects(pendingPrune) : undefined;
  const ref = inventoryRef(scope);
  return {
    apiVersion: ref.apiVersion,
    kind: ref.kind,
    metadata: {
      name: ref.name,
      namespace: ref.namespace,
      labels: { ...ownershipLabels(scope.peer), [LABEL_INVENTORY]: 'true' },
      annotations: {
        'meshfed.io/description': 'What meshfed applied for this peer; `meshfed apply --prune` deletes only objects listed here. Do not edit.',
      },
    },
    data: {
      peer: scope.peer,
      objects,
      ...(pending === undefined ? {} : { pendingPrune: pending }),
      checksum: checksum(scope.peer, objects, pending),
    },
  };
}

export function inventoryStateOf(cm: LiveObject | undefined, peer: string): InventoryState {
  if (!cm) return { status: 'missing' };
  const raw = cm.body.data;
  const data = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : undefined;
  if (!data) return { status: 'corrupted', reason: 'the inventory ConfigMap has no data' };
  const { peer: owner, objects, pendingPrune, checksum: sum } = data;
  if (typeof objects !== 'string' || typeof sum !== 'string' || typeof owner !== 'string') {
    return { status: 'corrupted', reason: 'the inventory ConfigMap lacks data.peer, data.objects or data.checksum' };
  }
  if (pendingPrune !== undefined && typeof pendingPrune !== 'string') {
    return { status: 'corrupted', reason: 'data.pendingPrune of the inventory ConfigMap is not text' };
  }
  if (owner !== peer) return { status: 'corrupted', reason: `the inventory belongs to peer "${owner}", not "${peer}"` };
  if (checksum(peer, objects, pendingPrune) !== sum) return { status: 'corrupted', reason: 'its checksum does not match its contents (edited or truncated)' };
  const parsed = parseInventoryObjects(objects);
  if ('error' in parsed) return { status: 'corrupted', reason: parsed.error };
  if (pendingPrune === undefined) return { status: 'ok', entries: parsed.entries };
  const pending = parseInventoryObjects(pendingPrune);
  if ('error' in pending) return { status: 'corrupted', reason: `data.pendingPrune: ${pending.error}` };
  return { status: 'ok', entries: parsed.entries, pendingPrune: pending.entries };
}

export async function readInventory(api: KubeApi, scope: PeerScope): Promise<InventoryState> {
  return inventoryStateOf(await api.get(inventoryRef(scope)), scope.peer);
}

/** Server-side apply of the inventory; forced, because the inventory is meshfed's alone. */
export async function writeInventory(
  api: KubeApi,
  scope: PeerScope,
  entries: readonly InventoryEntry[],
  pendingPrune: readonly InventoryEntry[] = [],
): Promise<void> {
  await api.apply(inventoryManifest(scope, entries, pendingPrune), { dryRun: false, force: true });
}
