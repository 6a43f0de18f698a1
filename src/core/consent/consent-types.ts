import type { FederationModel } from '../model/federation-model.js';
import type { FederationPlan } from '../plan/federation-plan.js';
import type { NarrowedAccess } from './narrowed-access.js';

export type ReviewState = 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED';

/** One pull-request review as GitHub lists it (`GET /repos/{o}/{r}/pulls/{n}/reviews`, chronological). */
export interface Review {
  /** GitHub login, without "@" (compared case-insensitively, as GitHub does). */
  readonly login: string;
  /** The commit the review was given on; `null` when GitHub no longer has it. */
  readonly commitId: string | null;
  readonly state: ReviewState;
  /** ISO 8601. When every review has one, reviews are ordered by it; otherwise the array order counts. */
  readonly submittedAt?: string | null;
}

export interface ConsentOptions {
  /** Folder of the federation in the repository (default: the base model's `root`, normally `federation`). */
  readonly root?: string;
  /** Where meshfed writes CODEOWNERS (default `.github/CODEOWNERS`). Every location GitHub reads is guarded anyway. */
  readonly codeownersPath?: string;
  /** Workflows that run meshfed (default `.github/workflows/`). */
  readonly workflowsPrefix?: string;
  /** More path prefixes (or exact paths) that define how meshfed runs (default `['.github/actions/']`). */
  readonly federationWidePaths?: readonly string[];
}

export interface ConsentInput {
  /** Owners and the admission policy are read from here only, never from the pull request. */
  readonly base: FederationModel;
  readonly head: FederationModel;
  readonly plan: FederationPlan;
  /** The federation the plan starts from (the merge base), for narrowed access; default `base`. */
  readonly before?: FederationModel;
  /** Repository-relative paths the pull request touches, including the old path of every rename. */
  readonly changedFiles: readonly string[];
  readonly headSha: string;
  /** Login of the pull request's author, without "@". */
  readonly author: string;
  readonly reviews: readonly Review[];
  /**
   * Who pushed the head commit. The author's ownership counts as approval only when the author pushed it (GitHub's
   * own branch protection asks for approval of the most recent push by someone other than its pusher): a login
   * other than the author's, or `unknown` (with the reason), and authorship counts for nothing. Absent: the
   * caller vouches that the author pushed it (the CLI's `--author`, which describes a local what-if).
   * `settle`, with `unknown`: what makes the pusher known (e.g. "update the branch … so the push names its pusher");
   * the text then offers it next to another owner's approval.
   */
  readonly headPushedBy?: { readonly login: string } | { readonly unknown: string; readonly settle?: string };
  /** `@org/team` -> member logins, for every team of `teamsToResolve(base)` (resolved by the caller). */
  readonly teamMembers: ReadonlyMap<string, ReadonlySet<string>>;
  readonly options?: ConsentOptions;
}

/** Why a peer's approval is needed. */
export type RequirementReason =
  /** An object rendered for the peer's cluster is added, changed or removed. */
  | 'output-changed'
  /** A file in the peer's folder is added, changed, renamed or deleted. */
  | 'folder-touched'
  /** federation.yaml, CODEOWNERS, workflows, or another file that governs every peer. */
  | 'federation-wide'
  /** The peer leaves the federation (its folder is gone at head). */
  | 'peer-removed'
  /** A provider takes away access the peer uses: removed from `consumers`, fewer `serviceAccounts`, fewer ports, export gone. */
  | 'access-narrowed';

export interface Approval {
  /** Who approved (a login). */
  readonly login: string;
  /** `review`: an APPROVED review on the head commit; `author`: the pull request's author owns the peer. */
  readonly via: 'review' | 'author';
  /** The base owner entry that makes the login count: `@login` or `@org/team`. */
  readonly as: string;
}

export interface PeerRequirement {
  readonly peer: string;
  /** Sorted, without duplicates. */
  readonly reasons: readonly RequirementReason[];
  /** The peer's owners in the base branch, as written in its peer.yaml. Empty when the base has none. */
  readonly owners: readonly string[];
  /** Logins whose approval counts for this peer, sorted (the author included when the author owns the peer). */
  readonly approvedBy: readonly string[];
  readonly approvals: readonly Approval[];
  readonly satisfied: boolean;
  /** Set when no review can satisfy the requirement (e.g. the base names no owner): what to do instead. */
  readonly blocker?: string;
}

export type AdmissionPolicy = 'all' | 'majority' | 'any';

export interface AdmissionRequirement {
  /** Peers in the head but not (with a Peer document) in the base, sorted. */
  readonly newPeers: readonly string[];
  /** From the base federation.yaml (`all` when the base has none). */
  readonly policy: AdmissionPolicy;
  /** Existing peers that can admit: base peers with at least one owner, sorted. */
  readonly existingPeers: readonly string[];
  /** How many of them must approve. */
  readonly needed: number;
  /** Existing peers with at least one counting approval, sorted. */
  readonly approvingPeers: readonly string[];
  readonly satisfied: boolean;
  /** The owners the new peers' peer.yaml names (informational: they cannot admit themselves). */
  readonly proposedOwners: Readonly<Record<string, readonly string[]>>;
  readonly blocker?: string;
}

/** Who to ask, in the form `POST /repos/{o}/{r}/pulls/{n}/requested_reviewers` takes. */
export interface ReviewRequest {
  /** User logins (never the author: GitHub refuses to request a review from the author). */
  readonly users: readonly string[];
  /** Teams: the API takes `slug` only and only for the repository's own organisation, so filter by `org`. */
  readonly teams: readonly { readonly org: string; readonly slug: string }[];
}

export interface ConsentResult {
  readonly satisfied: boolean;
  /** The commit approvals were judged on. */
  readonly headSha: string;
  /** Every peer whose approval is needed, sorted by peer. */
  readonly peers: readonly PeerRequirement[];
  /** Present when the pull request adds peers. */
  readonly admission?: AdmissionRequirement;
  /** Requirements no approval can meet (bootstrapping, a base without owners), each a sentence with the way out. */
  readonly blockers: readonly string[];
  /** Owners of unmet requirements to request reviews from. */
  readonly requestReviews: ReviewRequest;
  /** Base owner teams missing from `teamMembers` (treated as having no members). */
  readonly unresolvedTeams: readonly string[];
  /** Consumers that may reach less of an export they import after the change (each must approve: `access-narrowed`). */
  readonly narrowed?: readonly NarrowedAccess[];
  /** Set when the author owns a peer the change needs but their ownership was not counted: why (who pushed the head). */
  readonly authorNotCounted?: string;
  /** Human-readable summary (the same text `formatConsent` gives). */
  readonly text: string;
}
