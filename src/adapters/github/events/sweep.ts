import { DEFAULT_BOT_CONFIG, type BotConfig } from '../bot-config.js';
import { SILENT_LOG, type BotContext, type BotLog } from '../bot-context.js';
import { CHECK_CONSENT, CHECK_VALIDATE } from '../publish/check-run-writer.js';
import { evaluatePullRequest, type EvaluationOutcome } from '../evaluation/evaluate-pull-request.js';
import { createTokenClient, type GitHubClient, type OctokitTuning } from '../github-client.js';
import { pullRequestRef, type PullRequestLike } from '../evaluation/pull-request-ref.js';
import { readPullRequestState } from '../evaluation/pull-request-state.js';
import type { RepoRef } from '../repo-ref.js';

/**
 * GitHub does not redeliver failed webhooks by itself. The sweep (run on a schedule: `meshfed sweep`, or the
 * Actions template's cron) finds open pull requests whose meshfed checks are missing, unfinished, or older than
 * the newest review on the head, and evaluates them again.
 */
export interface SweepOptions {
  readonly config?: BotConfig;
  readonly log?: BotLog;
  /** A check run still unfinished after this long is considered lost (default 10 minutes). */
  readonly stuckAfterMs?: number;
  /** Clock (tests). */
  readonly now?: () => Date;
  /** Most open pull requests looked at (default 300). */
  readonly maxPullRequests?: number;
}

export interface SweepRow {
  readonly number: number;
  readonly head: string;
  /** Why it was (re-)evaluated, or `current`. */
  readonly reason: 'missing' | 'unfinished' | 'review-after-check' | 'current';
  readonly outcome?: EvaluationOutcome['kind'] | 'error';
  readonly error?: string;
}

export async function runSweep(client: GitHubClient, repo: RepoRef, options: SweepOptions = {}): Promise<SweepRow[]> {
  const config = options.config ?? DEFAULT_BOT_CONFIG;
  const log = options.log ?? SILENT_LOG;
  const now = options.now ?? (() => new Date());
  const ctx: BotContext = { client, config, log };
  const rows: SweepRow[] = [];
  const started = now().toISOString();
  for (const pr of await openPullRequests(client, repo, options.maxPullRequests ?? 300)) {
    const ref = pullRequestRef(repo, pr);
    const reason = await staleness(client, repo, ref.number, ref.headSha, now().getTime() - (options.stuckAfterMs ?? 10 * 60_000));
    if (reason === 'current') {
      rows.push({ number: ref.number, head: ref.headSha, reason });
      continue;
    }
    try {
      const r = await evaluatePullRequest(ctx, ref, { delivery: `sweep:${started}:${ref.number}` });
      rows.push({ number: ref.number, head: ref.headSha, reason, outcome: r.kind });
    } catch (error) {
      log.error(`meshfed sweep: #${ref.number}: ${(error as Error).message}`);
      rows.push({ number: ref.number, head: ref.headSha, reason, outcome: 'error', error: (error as Error).message });
    }
  }
  return rows;
}

/** For `meshfed sweep --repo owner/name` (the lead's CLI): a token client with retries, then `runSweep`. */
export async function runSweepWithToken(input: {
  readonly owner: string;
  readonly repo: string;
  readonly token: string;
  readonly baseUrl?: string;
  readonly config?: BotConfig;
  readonly log?: BotLog;
  readonly tuning?: OctokitTuning;
}): Promise<SweepRow[]> {
  const client = createTokenClient(input.token, {
    ...input.tuning,
    ...(input.baseUrl === undefined ? {} : { baseUrl: input.baseUrl }),
    ...(input.log === undefined ? {} : { log: input.log }),
  });
  return runSweep(client, { owner: input.owner, repo: input.repo }, {
    ...(input.config === undefined ? {} : { config: input.config }),
    ...(input.log === undefined ? {} : { log: input.log }),
  });
}

async function openPullRequests(client: GitHubClient, repo: RepoRef, max: number): Promise<PullRequestLike[]> {
  const out: PullRequestLike[] = [];
  for (let page = 1; out.length < max; page++) {
    const { data } = await client.request('GET /repos/{owner}/{repo}/pulls', { owner: repo.owner, repo: repo.repo, state: 'open', per_page: 100, page });
    out.push(...(data as unknown as PullRequestLike[]));
    if (data.length < 100) break;
  }
  return out.slice(0, max);
}

/**
 * Whether a pull request needs evaluating again, from this App's own check runs on the head (found in its own check
 * suites, so another App's run of the same name changes nothing) and every reviewer's latest review.
 */
async function staleness(
  client: GitHubClient,
  repo: RepoRef,
  number: number,
  head: string,
  stuckBefore: number,
): Promise<SweepRow['reason']> {
  const state = await readPullRequestState(client, repo, number, head);
  const validate = state.ownCheckRuns.get(CHECK_VALIDATE);
  const consent = state.ownCheckRuns.get(CHECK_CONSENT);
  if (validate === undefined || consent === undefined) return 'missing';
  for (const run of [validate, consent]) {
    if (run.status !== 'COMPLETED') {
      return Date.parse(run.startedAt ?? '') < stuckBefore ? 'unfinished' : 'current';
    }
  }
  const checked = Date.parse(consent.completedAt ?? '');
  const newest = Math.max(...state.reviews.map((r) => Date.parse(r.submittedAt ?? '')).filter(Number.isFinite), -Infinity);
  return newest > checked ? 'review-after-check' : 'current';
}
