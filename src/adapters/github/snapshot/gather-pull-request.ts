import type { BotConfig } from '../bot-config.js';
import { governedPaths } from '../bot-config.js';
import type { GitHubClient } from '../github-client.js';
import type { PullRequestRef } from '../evaluation/pull-request-ref.js';
import { readRepoSnapshot, type RepoSnapshot } from './read-repo-snapshot.js';

/** Everything read from GitHub for one evaluation. */
export interface GatheredPullRequest {
  /** Where the pull request's own changes start (GitHub's three-dot diff). */
  readonly mergeBase: string;
  /** Base branch tip as it is now (not the payload's possibly outdated `base.sha`): owners, admission policy. */
  readonly base: RepoSnapshot;
  /** The merge base (the same object as `base` when the branch is up to date): the "before" of the plan. */
  readonly diffBase: RepoSnapshot;
  readonly head: RepoSnapshot;
}

/**
 * Two reads in parallel (compare of the base BRANCH with the head, the head snapshot); the compare
 * gives the base branch's current tip and the merge base, whose archives follow (one when the branch is up to
 * date). None of them grows with the number of peers or files. The payload's `base.sha` is not used for policy:
 * GitHub does not move it when the base branch advances, so owners removed since the pull request was opened
 * would still count.
 */
export async function gatherPullRequest(client: GitHubClient, config: BotConfig, pr: PullRequestRef): Promise<GatheredPullRequest> {
  const selection = { root: config.root, extraPaths: governedPaths(config) };
  const read = (ref: string): Promise<RepoSnapshot> => readRepoSnapshot(client, pr.repo, ref, selection, config.tarLimits);
  const bases = findBases(client, pr).then(async ({ tip, mergeBase }) => {
    const [base, diffBase] = await Promise.all([read(tip), mergeBase === tip ? undefined : read(mergeBase)]);
    return { mergeBase, base, diffBase: diffBase ?? base };
  });
  // Settle every read before failing, so nothing keeps running after the evaluation reports the error.
  // The head's error first: it is the most specific (a deleted branch also fails the compare).
  const [b, h] = await Promise.allSettled([bases, read(pr.headSha)]);
  if (h.status === 'rejected') throw h.reason;
  if (b.status === 'rejected') throw b.reason;
  return { mergeBase: b.value.mergeBase, base: b.value.base, diffBase: b.value.diffBase, head: h.value };
}

async function findBases(client: GitHubClient, pr: PullRequestRef): Promise<{ tip: string; mergeBase: string }> {
  const { data } = await client.request('GET /repos/{owner}/{repo}/compare/{basehead}', {
    owner: pr.repo.owner,
    repo: pr.repo.repo,
    basehead: `${pr.baseRef}...${pr.headSha}`,
    per_page: 1,
  });
  return { tip: data.base_commit.sha, mergeBase: data.merge_base_commit.sha };
}
