import { compileFederation } from '../../../core/pipeline.js';
import { peerHasChanges, type PeerPlan } from '../../../core/plan/federation-plan.js';
import { planFederation } from '../../../core/plan/plan-federation.js';
import type { BotContext } from '../bot-context.js';
import type { GitHubClient } from '../github-client.js';
import { federationFiles, readRepoSnapshot, type RepoSnapshot } from '../snapshot/read-repo-snapshot.js';
import { ArchiveMismatchError } from '../snapshot/verify-archive.js';
import type { RepoRef } from '../repo-ref.js';

/** Environment of a peer's deployments: the peer's runner listens for `deployment` events of this environment. */
export function environmentFor(peer: string): string {
  return `meshfed-${peer}`;
}

export const DELIVER_STATUS_CONTEXT = 'meshfed/deliver';

/** What a peer's runner reads from `deployment.payload`. */
export interface DeploymentPayload {
  readonly meshfed: 1;
  readonly peer: string;
  /** Federation folder in the repository. */
  readonly root: string;
  /** Commit the change starts from (absent for the first commit of the branch). */
  readonly before?: string;
  /** Commit to apply (also the deployment's ref). */
  readonly after: string;
  /** `removed`: the peer left the federation; its runner prunes what meshfed created. */
  readonly presence: PeerPlan['presence'];
  readonly added: number;
  readonly changed: number;
  readonly removed: number;
}

export interface PushInput {
  readonly repo: RepoRef;
  readonly ref: string;
  readonly defaultBranch: string;
  readonly before: string;
  readonly after: string;
  readonly deleted: boolean;
}

export type DeliveryOutcome =
  | { readonly kind: 'ignored'; readonly reason: string }
  | { readonly kind: 'invalid'; readonly reason: string }
  | { readonly kind: 'delivered'; readonly created: readonly string[]; readonly existing: readonly string[] };

const ZERO_SHA = /^0+$/;

/**
 * After a merge (a push to the default branch): one GitHub Deployment per peer whose rendered output changed
 * between `before` and `after`, environment `meshfed-<peer>`, ref = `after`, so each peer's own runner (which
 * alone holds its cluster's credentials) applies exactly its objects. Redelivery-safe: peers that already have a
 * deployment for `after` are skipped. If `before` does not validate, every peer is delivered (full resync).
 */
export async function deliverAfterMerge(ctx: BotContext, push: PushInput): Promise<DeliveryOutcome> {
  if (push.deleted) return { kind: 'ignored', reason: 'branch deleted' };
  if (push.ref !== `refs/heads/${push.defaultBranch}`) return { kind: 'ignored', reason: `${push.ref} is not the default branch` };
  const before = ZERO_SHA.test(push.before) ? undefined : push.before;
  const selection = { root: ctx.config.root, extraPaths: [] };
  const read = (ref: string): Promise<RepoSnapshot> => readRepoSnapshot(ctx.client, push.repo, ref, selection, ctx.config.tarLimits);
  const deliverError = async (description: string): Promise<void> => {
    await ctx.client.request('POST /repos/{owner}/{repo}/statuses/{sha}', {
      owner: push.repo.owner,
      repo: push.repo.repo,
      sha: push.after,
      state: 'error',
      context: DELIVER_STATUS_CONTEXT,
      description: description.slice(0, 140),
    });
  };
  let snapshots: [Set<string>, RepoSnapshot, RepoSnapshot | undefined];
  try {
    snapshots = await Promise.all([
      existingEnvironments(ctx.client, push.repo, push.after),
      read(push.after),
      before === undefined ? Promise.resolve(undefined) : read(before),
    ]);
  } catch (error) {
    // What the runners would apply cannot be known from the archive: deliver nothing, and say so on the commit.
    if (!(error instanceof ArchiveMismatchError)) throw error;
    await deliverError('The archive differs from the commit (.gitattributes export-ignore/export-subst): nothing delivered.');
    return { kind: 'invalid', reason: error.message };
  }
  const [existing, afterSnap, beforeSnap] = snapshots;
  const compile = (snap: RepoSnapshot) => compileFederation(federationFiles(snap, ctx.config.root), { root: ctx.config.root, ...(ctx.cache === undefined ? {} : { cache: ctx.cache }) });
  const after = compile(afterSnap);
  if (after.rendered === undefined) {
    const reason = `the federation at ${push.after.slice(0, 7)} does not validate (${after.diagnostics.length} problems), so nothing was delivered`;
    await deliverError('Intents do not validate: nothing delivered. Run `meshfed validate`.');
    return { kind: 'invalid', reason };
  }
  const prior = beforeSnap === undefined ? undefined : compile(beforeSnap);
  const plan = planFederation(prior?.rendered ?? new Map(), after.rendered);
  const affected = plan.peers.filter((p) => peerHasChanges(p) || (prior?.rendered === undefined && p.presence !== 'removed'));
  const created: string[] = [];
  const skipped: string[] = [];
  for (const p of affected) {
    const environment = environmentFor(p.peer);
    if (existing.has(environment)) {
      skipped.push(p.peer);
      continue;
    }
    const payload: DeploymentPayload = {
      meshfed: 1,
      peer: p.peer,
      root: ctx.config.root,
      ...(before === undefined ? {} : { before }),
      after: push.after,
      presence: p.presence,
      added: p.added.length,
      changed: p.changed.length,
      removed: p.removed.length,
    };
    await ctx.client.request('POST /repos/{owner}/{repo}/deployments', {
      owner: push.repo.owner,
      repo: push.repo.repo,
      ref: push.after,
      task: 'deploy',
      environment,
      payload: { ...payload },
      auto_merge: false,
      required_contexts: [],
      transient_environment: false,
      production_environment: true,
      description: `meshfed: +${p.added.length} ~${p.changed.length} -${p.removed.length} for peer ${p.peer}`.slice(0, 140),
    });
    created.push(p.peer);
  }
  ctx.log.info(`meshfed: ${push.after.slice(0, 7)} delivered to ${created.length} peers (${skipped.length} already had a deployment)`);
  return { kind: 'delivered', created, existing: skipped };
}

/** Environments that already have a deployment for `sha` (a redelivered push creates nothing twice). */
async function existingEnvironments(client: GitHubClient, repo: RepoRef, sha: string): Promise<Set<string>> {
  const envs = new Set<string>();
  for (let page = 1; page <= 20; page++) {
    const { data } = await client.request('GET /repos/{owner}/{repo}/deployments', {
      owner: repo.owner,
      repo: repo.repo,
      sha,
      per_page: 100,
      page,
    });
    for (const d of data) envs.add(d.environment);
    if (data.length < 100) break;
  }
  return envs;
}
