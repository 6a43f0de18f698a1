import type { Review } from '../../core/consent/consent-types.js';
import type { BotConfig } from './bot-config.js';
import { governedPaths } from './bot-config.js';
import type { GitHubClient } from './github-client.js';
import { listReviews } from './list-reviews.js';
import type { PullRequestRef } from './pull-request-ref.js';
import { readRepoSnapshot, type RepoSnapshot } from './read-repo-snapshot.js';

/** Everything read from GitHub for one evaluation. */
export interface GatheredPullRequest {
  /** Where the pull request's own changes start (GitHub's three-dot diff). */
  readonly mergeBase: string;
  /** Base branch tip: owners, admission policy. */
  readonly base: RepoSnapshot;
  /** The merge base (the same object as `base` when the branch is up to date): the "before" of the plan. */
  readonly diffBase: RepoSnapshot;
  readonly head: RepoSnapshot;
  readonly reviews: readonly Review[];
}

/**
 * Four reads in parallel (compare for the merge base, the head and base archives, the reviews) plus one more
 * archive only when the branch is behind its base. None of them grows with the number of peers or files.
 */
export async function gatherPullRequest(client: GitHubClient, config: BotConfig, pr: PullRequestRef): Promise<GatheredPullRequest> {
  const selection = { root: config.root, extraPaths: governedPaths(config) };
  const read = (ref: string): Promise<RepoSnapshot> => readRepoSnapshot(client, pr.repo, ref, selection, config.tarLimits);
  const [mergeBase, head, base, reviews] = await Promise.all([
    findMergeBase(client, pr),
    read(pr.headSha),
    read(pr.baseSha),
    listReviews(client, pr.repo, pr.number),
  ]);
  const diffBase = mergeBase === pr.baseSha ? base : await read(mergeBase);
  return { mergeBase, base, diffBase, head, reviews };
}

async function findMergeBase(client: GitHubClient, pr: PullRequestRef): Promise<string> {
  const { data } = await client.request('GET /repos/{owner}/{repo}/compare/{basehead}', {
    owner: pr.repo.owner,
    repo: pr.repo.repo,
    basehead: `${pr.baseSha}...${pr.headSha}`,
    per_page: 1,
  });
  return data.merge_base_commit.sha;
}
