import type { CheckConclusion } from '../../../core/report/check-summary.js';
import { assessPullRequest } from './assess-pull-request.js';
import type { BotContext } from '../bot-context.js';
import { evaluateConsentWithTeams } from './consent-with-teams.js';
import { gatherPullRequest } from '../snapshot/gather-pull-request.js';
import { publishFailure, publishResults } from '../publish/publish-results.js';
import type { PullRequestRef } from './pull-request-ref.js';
import { readPullRequestState } from './pull-request-state.js';
import { pushToRemember, rememberedPusher } from './remembered-pusher.js';

export interface EvaluationTrigger {
  /** Webhook delivery id (or a synthetic one for sweeps and Actions runs). */
  readonly delivery: string;
  /** Rewrite every check even when the same results are already on GitHub (`/meshfed plan`, re-run). */
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
  | { readonly kind: 'stale'; readonly reason: string }
  | { readonly kind: 'skipped'; readonly reason: string }
  | { readonly kind: 'failed'; readonly reason: string };

/**
 * One full pull-request evaluation: read the pull request as GitHub has it NOW (one GraphQL query: head, base,
 * state, every reviewer's latest review, the bot's own comment and check runs), then the archives and trees,
 * assess (compile, plan, CODEOWNERS), decide consent, write (two completed check runs, review requests, the
 * sticky comment). An event for a head that is no longer the pull request's head is dropped (`stale`): its
 * results would describe an old commit. Nothing is read from a place a user can write into (see
 * pull-request-state.ts), so a repeated delivery evaluates again and writes only what changed. Any failure once
 * reading starts ends in concluded failing checks that say why (see `publishFailure`).
 */
export async function evaluatePullRequest(ctx: BotContext, pr: PullRequestRef, trigger: EvaluationTrigger): Promise<EvaluationOutcome> {
  if (pr.state !== 'open') return { kind: 'skipped', reason: `pull request #${pr.number} is ${pr.state}` };
  const notDefault = intoOtherBranch(pr.number, pr.baseRef, pr.defaultBranch);
  if (notDefault !== undefined) return { kind: 'skipped', reason: notDefault };
  try {
    const state = await readPullRequestState(ctx.client, pr.repo, pr.number, pr.headSha);
    if (state.headSha !== pr.headSha) return { kind: 'stale', reason: `the pull request's head is now ${state.headSha.slice(0, 7)}` };
    if (state.state !== 'OPEN') return { kind: 'skipped', reason: `pull request #${pr.number} is ${state.state.toLowerCase()}` };
    const retargeted = intoOtherBranch(pr.number, state.baseRef, state.defaultBranch);
    if (retargeted !== undefined) return { kind: 'skipped', reason: retargeted };
    const current: PullRequestRef = {
      ...pr,
      baseRef: state.baseRef,
      ...(state.defaultBranch === undefined ? {} : { defaultBranch: state.defaultBranch }),
      draft: state.draft,
      requestedUsers: state.requestedUsers,
      requestedTeams: state.requestedTeams,
    };
    const gathered = await gatherPullRequest(ctx.client, ctx.config, current);
    const assessment = assessPullRequest(gathered, ctx.config, ctx.cache);
    const pushedByEvent = pr.pushedBy?.sha === current.headSha ? pr.pushedBy : undefined;
    const remembered = rememberedPusher(state, pr.number, current.headSha);
    const { consent, teamProblems, pusher } = await evaluateConsentWithTeams(ctx.client, ctx.config, {
      base: assessment.base.model,
      before: assessment.diffBase.model,
      head: assessment.head.model,
      plan: assessment.plan ?? { peers: [] },
      changedFiles: assessment.changedFiles,
      headSha: current.headSha,
      author: current.author,
      reviews: state.reviews,
    }, {
      headSha: current.headSha,
      headRef: state.headRef,
      baseRef: current.baseRef,
      behindBase: gathered.diffBase !== gathered.base,
      ...(state.headRepository === undefined ? {} : { headRepository: state.headRepository }),
      ...(pushedByEvent === undefined ? {} : { pushedBy: pushedByEvent }),
      ...(remembered === undefined ? {} : { remembered }),
    });
    const remember = pushToRemember(pusher, current.headSha) ?? pushedByEvent ?? remembered;
    return await publishResults(ctx, { pr: current, trigger, state, gathered, assessment, consent, teamProblems, ...(remember === undefined ? {} : { remember }) });
  } catch (error) {
    return publishFailure(ctx, pr, error);
  }
}

/**
 * Only pull requests into the default branch are evaluated. Check runs belong to a commit, not to a pull request:
 * a success computed against another branch (whose peer.yaml files anyone with push access can rewrite, or whose
 * diff to the head is empty) would also satisfy the required check of a pull request of the same head commit into
 * the default branch. Nothing is written for the others (even a neutral check run counts as passing).
 */
function intoOtherBranch(number: number, baseRef: string, defaultBranch: string | undefined): string | undefined {
  if (defaultBranch !== undefined && baseRef === defaultBranch) return undefined;
  return `pull request #${number} merges into ${baseRef}, not the default branch ${defaultBranch ?? '(unknown)'}: meshfed evaluates only pull requests into the default branch`;
}
