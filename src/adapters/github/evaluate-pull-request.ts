import type { CheckConclusion } from '../../core/report/check-summary.js';
import type { StickyMarker } from '../../core/report/pr-comment.js';
import { assessPullRequest } from './assess-pull-request.js';
import type { BotContext } from './bot-context.js';
import { evaluateConsentWithTeams } from './consent-with-teams.js';
import { gatherPullRequest } from './gather-pull-request.js';
import { publishFailure, publishResults } from './publish-results.js';
import { fetchPullRequest, type PullRequestRef } from './pull-request-ref.js';
import { findStickyComment } from './sticky-comment.js';

export interface EvaluationTrigger {
  /** Webhook delivery id (or a synthetic one for sweeps and Actions runs). */
  readonly delivery: string;
  /** The PullRequestRef was just read from the API (not from a possibly old payload). */
  readonly fresh?: boolean;
  /** Rewrite every check even when the same head was already evaluated (`/meshfed plan`, re-run). */
  readonly force?: boolean;
}

export type EvaluationOutcome =
  | {
      readonly kind: 'evaluated';
      readonly validate: CheckConclusion;
      readonly consent: CheckConclusion;
      /** Absent (and `commentError` set) when the sticky comment could not be written. */
      readonly commentId?: number;
      readonly commentError?: true;
    }
  | { readonly kind: 'duplicate' }
  | { readonly kind: 'stale'; readonly reason: string }
  | { readonly kind: 'skipped'; readonly reason: string }
  | { readonly kind: 'failed'; readonly reason: string };

/**
 * One full pull-request evaluation: read (archives, reviews), assess (compile, plan, CODEOWNERS), decide
 * consent, write (two completed check runs, review requests, the sticky comment). Never overwrites the
 * results of a newer head with an older event, and a repeated delivery id writes nothing. Any failure after
 * reading starts ends in concluded checks that say why (see `publishFailure`).
 */
export async function evaluatePullRequest(ctx: BotContext, pr: PullRequestRef, trigger: EvaluationTrigger): Promise<EvaluationOutcome> {
  if (pr.state !== 'open') return { kind: 'skipped', reason: `pull request #${pr.number} is ${pr.state}` };
  const notDefault = intoOtherBranch(pr);
  if (notDefault !== undefined) return { kind: 'skipped', reason: notDefault };
  const sticky = await findStickyComment(ctx.client, pr.repo, pr.number);
  const marker = sticky?.marker;
  if (marker?.delivery === trigger.delivery) return { kind: 'duplicate' };

  let current = pr;
  const order = ordering(pr, marker, trigger.fresh === true);
  if (order === 'older') return { kind: 'stale', reason: `results for a newer head (${marker?.head.slice(0, 7)}) are already shown` };
  if (order === 'unknown') {
    current = await fetchPullRequest(ctx.client, pr.repo, pr.number);
    if (current.headSha !== pr.headSha) return { kind: 'stale', reason: `the pull request's head is now ${current.headSha.slice(0, 7)}` };
    if (current.state !== 'open') return { kind: 'skipped', reason: `pull request #${pr.number} is ${current.state}` };
    const retargeted = intoOtherBranch(current);
    if (retargeted !== undefined) return { kind: 'skipped', reason: retargeted };
  }
  const sameHead = marker !== undefined && marker.head === current.headSha;
  const reuse = sameHead && trigger.force !== true ? marker : undefined;

  try {
    const gathered = await gatherPullRequest(ctx.client, ctx.config, current);
    const assessment = assessPullRequest(gathered, ctx.config);
    const { consent, teamProblems } = await evaluateConsentWithTeams(ctx.client, ctx.config, {
      base: assessment.base.model,
      head: assessment.head.model,
      plan: assessment.plan ?? { peers: [] },
      changedFiles: assessment.changedFiles,
      headSha: current.headSha,
      author: current.author,
      reviews: gathered.reviews,
    });
    return await publishResults(ctx, {
      pr: current,
      trigger,
      sticky,
      reuse,
      gathered,
      assessment,
      consent,
      teamProblems,
    });
  } catch (error) {
    return publishFailure(ctx, current, error);
  }
}

/**
 * Only pull requests into the default branch are evaluated. Check runs belong to a commit, not to a pull request:
 * a success computed against another branch (whose peer.yaml files anyone with push access can rewrite, or whose
 * diff to the head is empty) would also satisfy the required check of a pull request of the same head commit into
 * the default branch. Nothing is written for the others (even a neutral check run counts as passing).
 */
function intoOtherBranch(pr: PullRequestRef): string | undefined {
  if (pr.defaultBranch !== undefined && pr.baseRef === pr.defaultBranch) return undefined;
  return `pull request #${pr.number} merges into ${pr.baseRef}, not the default branch ${pr.defaultBranch ?? '(unknown)'}: meshfed evaluates only pull requests into the default branch`;
}

/**
 * Whether this event may replace what the sticky comment shows. Same head: yes (newer reviews). Different head:
 * decided by `pull_request.updated_at`, which every push moves forward; a tie (or no timestamp) needs the API.
 */
function ordering(pr: PullRequestRef, marker: StickyMarker | undefined, fresh: boolean): 'first' | 'same-head' | 'newer' | 'older' | 'unknown' {
  if (marker === undefined || marker.head === '') return 'first';
  if (marker.head === pr.headSha) return 'same-head';
  if (pr.updatedAt !== undefined && marker.updatedAt !== undefined) {
    if (pr.updatedAt > marker.updatedAt) return 'newer';
    if (pr.updatedAt < marker.updatedAt) return fresh ? 'newer' : 'older';
  }
  return fresh ? 'newer' : 'unknown';
}
