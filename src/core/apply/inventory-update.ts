import type { RenderedObject } from '../render/rendered-object.js';
import { entryKey, entryOf, mergeEntries, type InventoryEntry, type InventoryState } from './inventory.js';
import type { LiveObject } from './live-object.js';
import { isAllowedKind } from './check-allowlist.js';
import { carriesOwnershipLabels, type PeerScope } from './peer-scope.js';
import { appliedByMeshfed } from './select-prune.js';

/**
 * The inventory is written in two steps, like kubectl's ApplySet: before any object is applied it grows to
 * previous ∪ desired, so an object the apply creates is recorded even if the run dies half-way; after the
 * apply (and prune) it shrinks to what is really meshfed's now.
 */
export function inventoryBeforeApply(previous: InventoryState, desired: readonly RenderedObject[]): InventoryEntry[] {
  return mergeEntries(previous.status === 'ok' ? previous.entries : [], desired.map(entryOf));
}

/**
 * After the run: every desired object, plus every earlier entry that still exists with meshfed's labels and
 * was not pruned (left for a later `--prune`). Entries whose objects are gone or were taken over (labels
 * removed, or recreated by another tool: no meshfed field manager) are dropped. Entries the runner could not
 * look at (a namespace no longer in the peer's scope, a kind meshfed no longer renders) are kept: forgetting
 * them would orphan objects meshfed created.
 */
export function inventoryAfterApply(input: {
  readonly recorded: readonly InventoryEntry[];
  readonly desired: readonly RenderedObject[];
  readonly live: ReadonlyMap<string, LiveObject>;
  readonly pruned: ReadonlySet<string>;
  readonly scope: PeerScope;
}): InventoryEntry[] {
  const desired = input.desired.map(entryOf);
  const desiredKeys = new Set(desired.map(entryKey));
  const kept = input.recorded.filter((e) => {
    const key = entryKey(e);
    if (desiredKeys.has(key) || input.pruned.has(key)) return false;
    if (!input.scope.namespaces.includes(e.namespace) || !isAllowedKind(e.apiVersion, e.kind)) return true;
    const live = input.live.get(key);
    return live !== undefined && carriesOwnershipLabels(live.metadata.labels, input.scope.peer) && appliedByMeshfed(live);
  });
  return mergeEntries(kept, desired);
}

/**
 * The entries still waiting for a person's `--allow-mass-prune` after this run: the earlier ones plus those
 * refused now, minus every one that is desired again or no longer in the inventory (gone, taken over). Once
 * a person allowed the mass prune and it ran, none are left.
 */
export function pendingPruneAfter(input: {
  readonly previous: InventoryState;
  readonly refused: readonly InventoryEntry[];
  readonly massPruneAllowed: boolean;
  readonly entries: readonly InventoryEntry[];
  readonly desired: readonly RenderedObject[];
}): InventoryEntry[] {
  if (input.massPruneAllowed) return [];
  const earlier = input.previous.status === 'ok' ? (input.previous.pendingPrune ?? []) : [];
  const inInventory = new Set(input.entries.map(entryKey));
  const desiredKeys = new Set(input.desired.map((o) => entryKey(entryOf(o))));
  return mergeEntries(earlier, input.refused).filter((e) => inInventory.has(entryKey(e)) && !desiredKeys.has(entryKey(e)));
}
