import { isAllowedKind } from './check-allowlist.js';
import { appliedEntries } from './compare-with-live.js';
import { entryKey, type InventoryEntry, type InventoryState } from './inventory.js';
import type { LiveObject } from './live-object.js';
import { carriesOwnershipLabels, FIELD_MANAGER, type PeerScope } from './peer-scope.js';

export interface PruneCandidate {
  readonly key: string;
  readonly entry: InventoryEntry;
  /** The live object's uid: the delete carries it as a precondition, so a look-alike recreated since is kept. */
  readonly uid: string | undefined;
}

export interface PruneSkip {
  readonly key: string;
  readonly reason: string;
}

export type PruneDecision =
  /** Delete exactly these. */
  | { readonly status: 'prune'; readonly delete: readonly PruneCandidate[]; readonly skipped: readonly PruneSkip[] }
  /** Prune does not run, and that is expected (no inventory yet, apply failed): a warning, not an error. */
  | { readonly status: 'skipped'; readonly reason: string }
  /**
   * Prune would be dangerous: nothing is deleted and the run fails until a person decides. `candidates` are the
   * objects refused by the mass-prune guard (now or by an earlier run): the inventory records them as pending, so
   * later runs refuse them too until `--allow-mass-prune`.
   */
  | { readonly status: 'refused'; readonly reason: string; readonly candidates: readonly PruneCandidate[] };

export interface PruneInput {
  readonly inventory: InventoryState;
  /** Keys (objectKey) of every desired object. */
  readonly desiredKeys: ReadonlySet<string>;
  /** The peer's objects in the cluster that carry meshfed's labels for this peer, by objectKey. */
  readonly live: ReadonlyMap<string, LiveObject>;
  readonly scope: PeerScope;
  /** True only when every object was applied (or was already as desired) without error. */
  readonly applySucceeded: boolean;
  readonly allowMassPrune: boolean;
  /** The mass-prune guard's absolute count (default DEFAULT_MASS_PRUNE_THRESHOLD): see massPruneReason. */
  readonly massPruneThreshold?: number;
}

/**
 * Prune may delete up to this many objects in one run even when they are more than half of the inventory.
 * Why 10: an intent renders 2 to 4 objects in the bundled examples (an export 4, an import 3, an edge gateway 2),
 * so removing one or two intents of even the smallest peer goes through, and that removal was approved by the
 * peer's owners on its pull request. The guard is for a desired state nobody reviewed: a wrong folder, a
 * truncated checkout, a merge that lost most of a peer's files. Those cost more than 10 objects on any peer
 * large enough for a count to matter, and an empty desired state is refused whatever its size.
 */
export const DEFAULT_MASS_PRUNE_THRESHOLD = 10;

/**
 * Guarantee 3 (README; docs/runners.md, "Prune and its guards"). An object is pruned only if it is in the previous inventory (meshfed applied it), still
 * carries meshfed's labels for this peer, is of an allowed kind in the peer's namespaces, and is no longer
 * desired. Never after a failed apply; never from a lost or corrupted inventory; and, without
 * `allowMassPrune`, never more than half of the inventory at once when that is also more than
 * `massPruneThreshold` objects, nor anything when the desired state is empty. A refusal persists: candidates an earlier run refused (`inventory.pendingPrune`) are refused
 * again, whatever their share of the inventory now, until `allowMassPrune`.
 */
export function selectPrune(input: PruneInput): PruneDecision {
  const { inventory, scope } = input;
  if (!input.applySucceeded) {
    return { status: 'skipped', reason: 'the apply did not fully succeed, and nothing is pruned after a failed apply' };
  }
  if (inventory.status === 'missing') {
    return {
      status: 'skipped',
      reason:
        'there is no inventory of what meshfed applied before (first apply, or it was deleted), so nothing can be ' +
        'pruned safely; this apply records a new inventory, and later runs prune from it',
    };
  }
  if (inventory.status === 'corrupted') {
    return {
      status: 'skipped',
      reason:
        `the inventory cannot be trusted (${inventory.reason}), so it is treated as lost and nothing is pruned; ` +
        'this apply rewrites it; objects meshfed applied earlier and no longer desires show up as "extra" in `meshfed drift`',
    };
  }
  const candidates: PruneCandidate[] = [];
  const skipped: PruneSkip[] = [];
  for (const entry of inventory.entries) {
    const key = entryKey(entry);
    if (input.desiredKeys.has(key)) continue;
    if (!isAllowedKind(entry.apiVersion, entry.kind)) {
      skipped.push({ key, reason: `kind ${entry.kind} is not one meshfed manages; left alone` });
      continue;
    }
    if (!scope.namespaces.includes(entry.namespace)) {
      skipped.push({ key, reason: `namespace ${entry.namespace} is outside peer ${scope.peer}'s namespaces; left alone` });
      continue;
    }
    const live = input.live.get(key);
    if (!live || !carriesOwnershipLabels(live.metadata.labels, scope.peer)) {
      skipped.push({
        key,
        reason: `not in the cluster with meshfed's labels for peer ${scope.peer} (already deleted, or someone else took it over); left alone`,
      });
      continue;
    }
    if (!appliedByMeshfed(live)) {
      skipped.push({
        key,
        reason: `meshfed never applied the object now in the cluster (no field manager "${FIELD_MANAGER}" in its managedFields): someone else recreated it under the same name; left alone`,
      });
      continue;
    }
    candidates.push({ key, entry, uid: live.metadata.uid });
  }
  const total = inventory.entries.length;
  if (candidates.length === 0 || input.allowMassPrune) return { status: 'prune', delete: candidates, skipped };
  // An earlier run refused these: the refusal holds until a person decides, however small the prune looks now.
  const pending = new Set((inventory.pendingPrune ?? []).map(entryKey));
  const held = candidates.filter((c) => pending.has(c.key));
  const fresh = candidates.filter((c) => !pending.has(c.key));
  const threshold = input.massPruneThreshold ?? DEFAULT_MASS_PRUNE_THRESHOLD;
  const freshReason = massPruneReason(fresh.length, total, input.desiredKeys.size === 0, scope.peer, threshold);
  if (held.length > 0) {
    const shown = held.slice(0, 10).map((c) => c.key);
    const more = held.length > shown.length ? ` and ${held.length - shown.length} more` : '';
    return {
      status: 'refused',
      reason:
        `an earlier run refused to prune ${held.length} object(s) (${shown.join(', ')}${more}), and that refusal holds until ` +
        'a person decides: re-run with --allow-mass-prune if deleting them is intended, or make them desired again' +
        (freshReason === undefined ? '' : `; besides, ${freshReason}`),
      candidates: freshReason === undefined ? held : candidates,
    };
  }
  if (freshReason !== undefined) {
    return { status: 'refused', reason: `${freshReason}; re-run with --allow-mass-prune if that is intended`, candidates };
  }
  return { status: 'prune', delete: candidates, skipped };
}

/**
 * Why deleting `n` of the inventory's `total` objects at once needs a person, or undefined when it does not:
 * relative AND absolute (more than half, and more than `threshold`), so a small peer removing one of its two
 * intents is not refused; and always when the desired state is empty.
 */
function massPruneReason(n: number, total: number, desiredEmpty: boolean, peer: string, threshold: number): string | undefined {
  if (n === 0) return undefined;
  if (desiredEmpty) return `the desired state for peer ${peer} is empty and prune would delete all ${n} object(s) meshfed applied`;
  if (n * 2 > total && n > threshold) {
    return (
      `prune would delete ${n} of the ${total} object(s) in the inventory (${n === total ? 'all of them' : 'more than half'}, ` +
      `and more than the ${threshold} that --mass-prune-threshold lets through)`
    );
  }
  return undefined;
}

/**
 * Proof, beyond labels anyone can copy, that meshfed applied this very object: server-side apply recorded
 * meshfed's field manager in its managedFields. An object deleted and recreated by another tool (kubectl create,
 * a restore from a YAML copy) under the same name and with meshfed's labels has a new uid and no such entry.
 */
export function appliedByMeshfed(live: LiveObject): boolean {
  return appliedEntries(live, FIELD_MANAGER).length > 0;
}
