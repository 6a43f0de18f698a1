import { peerHasChanges } from '../plan/federation-plan.js';
import { admissionNeeded, admissionPolicy } from './admission.js';
import { classifyChangedFiles } from './classify-changed-files.js';
import type {
  AdmissionRequirement,
  Approval,
  ConsentInput,
  ConsentResult,
  PeerRequirement,
  RequirementReason,
  ReviewRequest,
} from './consent-types.js';
import { currentApprovals } from './current-approvals.js';
import { formatConsent } from './format-consent.js';
import { narrowedAccess } from './narrowed-access.js';
import { DEFAULT_CODEOWNERS_PATH, DEFAULT_FEDERATION_WIDE_PATHS, DEFAULT_WORKFLOWS_PREFIX } from './governed-paths.js';
import {
  normalizeLogin,
  normalizeTeamMembers,
  ownerEntryFor,
  ownersOf,
  parseOwner,
  peersWithPeerDocument,
  teamsToResolve,
} from './owners.js';

/**
 * The consent rule (docs/consent.md), as a pure function. Which peers must approve:
 * - every peer whose rendered output changes (plan), or whose folder the change touches (changed files);
 * - every existing peer for federation-wide files (the federation root outside peer folders, CODEOWNERS, workflows);
 * - a peer that leaves: its own owners;
 * - a new peer: `admission.newPeer` of the existing peers (the new peer's own owners cannot admit themselves).
 * Owners and the admission policy come from the base only. An approval counts when the reviewer's latest
 * decisive review is APPROVED on the head commit and the reviewer is a base owner (user, or member of a base
 * owner team); the author counts as approving every peer the author owns in the base.
 */
export function evaluateConsent(input: ConsentInput): ConsentResult {
  const { base, head, plan } = input;
  const options = input.options ?? {};
  const teams = normalizeTeamMembers(input.teamMembers);
  const unresolvedTeams = teamsToResolve(base).filter((t) => !teams.has(t));
  const reviewers = [...currentApprovals(input.reviews, input.headSha, input.author)].sort();
  const displayName = loginDisplayNames(input);
  const files = classifyChangedFiles(input.changedFiles, {
    root: options.root ?? base.root,
    codeownersPath: options.codeownersPath ?? DEFAULT_CODEOWNERS_PATH,
    workflowsPrefix: options.workflowsPrefix ?? DEFAULT_WORKFLOWS_PREFIX,
    federationWidePaths: options.federationWidePaths ?? DEFAULT_FEDERATION_WIDE_PATHS,
  });

  const existing = new Set(peersWithPeerDocument(base));
  const isNew = (peer: string): boolean => !existing.has(peer) && head.peers.has(peer);
  const authorship = authorshipCounts(input);
  /** The peers whose approval the author's ownership would have given, had it counted. */
  const authorNotCountedFor = new Set<string>();
  const approvalsFor = (peer: string, owners: readonly string[]): Approval[] => {
    const out: Approval[] = [];
    const asAuthor = ownerEntryFor(input.author, owners, teams);
    if (asAuthor !== undefined && authorship === true) out.push({ login: displayName(input.author), via: 'author', as: asAuthor });
    if (asAuthor !== undefined && authorship !== true) authorNotCountedFor.add(peer);
    for (const login of reviewers) {
      const as = ownerEntryFor(login, owners, teams);
      if (as !== undefined) out.push({ login: displayName(login), via: 'review', as });
    }
    return out;
  };

  // Which peers, and why.
  const reasons = new Map<string, Set<RequirementReason>>();
  const need = (peer: string, reason: RequirementReason): void => {
    if (isNew(peer)) return; // a new peer is admitted by the existing peers, below
    const set = reasons.get(peer) ?? new Set<RequirementReason>();
    set.add(reason);
    reasons.set(peer, set);
  };
  for (const p of plan.peers) if (peerHasChanges(p)) need(p.peer, 'output-changed');
  for (const peer of files.peerFolders.keys()) need(peer, 'folder-touched');
  if (files.federationWide.length > 0) for (const peer of existing) need(peer, 'federation-wide');
  for (const peer of existing) if (!head.peers.has(peer)) need(peer, 'peer-removed');
  const narrowed = narrowedAccess(input.before ?? base, head);
  for (const n of narrowed) if (existing.has(n.consumer)) need(n.consumer, 'access-narrowed');

  const peers: PeerRequirement[] = [...reasons.keys()].sort().map((peer) => {
    const owners = ownersOf(base, peer);
    const approvals = approvalsFor(peer, owners);
    const usable = hasUsableOwners(owners);
    return {
      peer,
      reasons: [...(reasons.get(peer) ?? [])].sort(),
      owners,
      approvedBy: [...new Set(approvals.map((a) => a.login))].sort(),
      approvals,
      satisfied: approvals.length > 0,
      ...(usable
        ? {}
        : {
            blocker:
              `peer "${peer}" has no usable owners in the base branch (no peer.yaml, or no valid @user/@org/team there), ` +
              'so no review can approve for it: a repository administrator must review and merge this change',
          }),
    };
  });

  const blockers = new Set<string>();
  for (const p of peers) if (p.blocker !== undefined) blockers.add(p.blocker);
  const admitting = [...existing].filter((p) => hasUsableOwners(ownersOf(base, p))).sort();
  const bootstrap =
    'the base branch has no peer with owners yet (bootstrapping), so no peer can approve this change: ' +
    'a repository administrator must review and merge it (e.g. by bypassing the meshfed/consent rule); ' +
    'from then on the peers it adds decide';
  if (files.federationWide.length > 0 && admitting.length === 0) blockers.add(bootstrap);

  const newPeers = [...head.peers.keys()].filter(isNew).sort();
  let admission: AdmissionRequirement | undefined;
  if (newPeers.length > 0) {
    const policy = admissionPolicy(base);
    const needed = admissionNeeded(policy, admitting.length);
    const approvingPeers = admitting.filter((p) => approvalsFor(p, ownersOf(base, p)).length > 0);
    if (admitting.length === 0) blockers.add(bootstrap);
    admission = {
      newPeers,
      policy,
      existingPeers: admitting,
      needed,
      approvingPeers,
      satisfied: admitting.length > 0 && approvingPeers.length >= needed,
      proposedOwners: Object.fromEntries(newPeers.map((p) => [p, ownersOf(head, p)])),
      ...(admitting.length === 0 ? { blocker: bootstrap } : {}),
    };
  }

  const approving = new Set(admission?.approvingPeers ?? []);
  const requestFrom = [
    ...peers.filter((p) => !p.satisfied).map((p) => p.owners),
    ...(admission !== undefined && !admission.satisfied ? admission.existingPeers.filter((p) => !approving.has(p)).map((p) => ownersOf(base, p)) : []),
  ];
  const result: Omit<ConsentResult, 'text'> = {
    satisfied: peers.every((p) => p.satisfied) && (admission?.satisfied ?? true) && blockers.size === 0,
    headSha: input.headSha,
    peers,
    ...(admission === undefined ? {} : { admission }),
    blockers: [...blockers].sort(),
    requestReviews: reviewRequest(requestFrom.flat(), input.author),
    unresolvedTeams,
    narrowed,
    ...(authorship === true || authorNotCountedFor.size === 0 ? {} : { authorNotCounted: authorNotCountedText(authorship, [...authorNotCountedFor].sort()) }),
  };
  return { ...result, text: formatConsent(result) };
}

/** true when the author's ownership counts, else why not: `reason` (a clause) and, when known, how to `settle` it. */
function authorshipCounts(input: ConsentInput): true | { reason: string; settle?: string } {
  const pushed = input.headPushedBy;
  if (pushed === undefined) return true;
  const sha = input.headSha.slice(0, 7);
  if ('unknown' in pushed) {
    return pushed.settle === undefined
      ? { reason: `who pushed the head commit ${sha} cannot be told (${pushed.unknown})` }
      : { reason: pushed.unknown, settle: pushed.settle };
  }
  if (normalizeLogin(pushed.login) === normalizeLogin(input.author)) return true;
  return { reason: `the head commit ${sha} was pushed by ${pushed.login}, not by the author ${input.author}` };
}

/** "<reason>, so the author's ownership is not counted: [<settle>, or ]have another owner of <peers> approve". */
function authorNotCountedText(why: { reason: string; settle?: string }, peers: readonly string[]): string {
  const others = `have another owner of ${peers.length === 1 ? '' : 'each of '}${peers.join(', ')} approve`;
  return `${why.reason}, so the author's ownership is not counted: ${why.settle === undefined ? others : `${why.settle}, or ${others}`}`;
}

function hasUsableOwners(owners: readonly string[]): boolean {
  return owners.some((o) => parseOwner(o) !== undefined);
}

/** Owners of unmet requirements, as the request-reviewers API takes them; never the author. */
function reviewRequest(owners: readonly string[], author: string): ReviewRequest {
  const users = new Map<string, string>();
  const teams = new Map<string, { org: string; slug: string }>();
  const authorLogin = normalizeLogin(author);
  for (const raw of owners) {
    const o = parseOwner(raw);
    if (o?.type === 'user' && o.login !== authorLogin && !users.has(o.login)) users.set(o.login, raw.trim().slice(1));
    if (o?.type === 'team' && !teams.has(o.key)) teams.set(o.key, { org: o.org, slug: o.slug });
  }
  return {
    users: [...users.keys()].sort().map((k) => users.get(k) as string),
    teams: [...teams.keys()].sort().map((k) => teams.get(k) as { org: string; slug: string }),
  };
}

/** Logins as GitHub spells them (first spelling seen), looked up by their lower-cased form. */
function loginDisplayNames(input: ConsentInput): (login: string) => string {
  const names = new Map<string, string>();
  for (const login of [input.author, ...input.reviews.map((r) => r.login)]) {
    const key = normalizeLogin(login);
    if (!names.has(key)) names.set(key, login.trim().replace(/^@/, ''));
  }
  return (login) => names.get(normalizeLogin(login)) ?? normalizeLogin(login);
}
