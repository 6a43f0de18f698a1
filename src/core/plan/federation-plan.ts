/**
 * What a change does to every peer's cluster: base vs head rendered objects, per peer.
 * Plain data (arrays, strings, numbers): `JSON.stringify(plan)` is already a faithful JSON form.
 */
export type ChangeType = 'added' | 'changed' | 'removed';

export interface ObjectChange {
  readonly type: ChangeType;
  /** `group/Kind/namespace/name` (see `objectKey`): the same object across API versions. */
  readonly key: string;
  /** The head object's apiVersion (the base one's for a removal). */
  readonly apiVersion: string;
  /** The base object's apiVersion, when it differs from `apiVersion` (an API version bump). */
  readonly previousApiVersion?: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  /** Unified diff of the object's YAML, labelled `a/<peer>/<Kind>/<ns>/<name>` and `b/...` (`/dev/null` for the missing side). */
  readonly diff: string;
}

/**
 * `both`: the peer is rendered at base and at head; `added`: only at head (a new peer);
 * `removed`: only at base (a peer leaving the federation).
 */
export type PeerPresence = 'both' | 'added' | 'removed';

export interface PeerPlan {
  readonly peer: string;
  readonly presence: PeerPresence;
  /** Each list sorted by `key`. */
  readonly added: readonly ObjectChange[];
  readonly changed: readonly ObjectChange[];
  readonly removed: readonly ObjectChange[];
  /**
   * Objects present at base and head with identical content. Absent when the peer was not rendered because its
   * render inputs are the same at base and head (`inputsUnchanged`): it then renders the same objects on both sides
   * (the isolation rule, render-inputs.ts) and counting them would cost a render of every peer a change does not touch.
   */
  readonly unchanged?: number;
  /** The peer's render inputs are the same at base and head (plan-change.ts): no changes, nothing rendered. */
  readonly inputsUnchanged?: true;
}

export interface FederationPlan {
  /** Every peer rendered at base or at head, sorted by name. */
  readonly peers: readonly PeerPlan[];
}

export function peerHasChanges(p: PeerPlan): boolean {
  return p.added.length + p.changed.length + p.removed.length > 0;
}

/** Peers whose rendered output the change alters (an object added, changed or removed), sorted. */
export function affectedPeers(plan: FederationPlan): string[] {
  return plan.peers.filter(peerHasChanges).map((p) => p.peer);
}

export interface PlanTotals {
  readonly peers: number;
  readonly affectedPeers: number;
  readonly added: number;
  readonly changed: number;
  readonly removed: number;
  /** Unchanged objects of the peers that were rendered (see `PeerPlan.unchanged`). */
  readonly unchanged: number;
  /** Peers left unrendered because their render inputs are the same at base and head. */
  readonly inputsUnchangedPeers: number;
}

export function planTotals(plan: FederationPlan): PlanTotals {
  let added = 0;
  let changed = 0;
  let removed = 0;
  let unchanged = 0;
  let affected = 0;
  let inputsUnchangedPeers = 0;
  for (const p of plan.peers) {
    added += p.added.length;
    changed += p.changed.length;
    removed += p.removed.length;
    unchanged += p.unchanged ?? 0;
    if (p.inputsUnchanged === true) inputsUnchangedPeers++;
    if (peerHasChanges(p)) affected++;
  }
  return { peers: plan.peers.length, affectedPeers: affected, added, changed, removed, unchanged, inputsUnchangedPeers };
}
