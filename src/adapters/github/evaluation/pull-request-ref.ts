import type { GitHubClient } from '../github-client.js';
import type { RepoRef } from '../repo-ref.js';

/** What the bot needs to know about a pull request, from a webhook payload or from the API. */
export interface PullRequestRef {
  readonly repo: RepoRef;
  readonly number: number;
  readonly headSha: string;
  /**
   * `base.sha` as GitHub reports it: NOT necessarily the base branch's tip (GitHub sets it when the pull request
   * is opened and does not move it when the branch advances, github/docs#431). Owners and policy are read at the
   * tip of `baseRef`, resolved when the pull request is evaluated (see gather-pull-request.ts).
   */
  readonly baseSha: string;
  readonly baseRef: string;
  /** The repository's default branch (`base.repo.default_branch`): only pull requests into it are evaluated. */
  readonly defaultBranch?: string;
  readonly author: string;
  readonly state: string;
  readonly draft: boolean;
  /** The head lives in another repository (a fork). Its code is never run: the bot only reads archives. */
  readonly fork: boolean;
  readonly updatedAt?: string;
  readonly requestedUsers: readonly string[];
  readonly requestedTeams: readonly string[];
  /** From a `pull_request.synchronize` delivery: its `sender` pushed `after` (who pushed the head, head-pusher.ts). */
  readonly pushedBy?: { readonly sha: string; readonly login: string };
}

/** The subset of GitHub's pull-request object (webhook or REST) this module reads. */
export interface PullRequestLike {
  readonly number: number;
  readonly state: string;
  readonly draft?: boolean | null;
  readonly updated_at?: string | null;
  readonly user: { readonly login: string } | null;
  readonly head: { readonly sha: string; readonly repo?: { readonly full_name: string } | null };
  readonly base: { readonly sha: string; readonly ref: string; readonly repo: { readonly full_name: string; readonly default_branch?: string | null } };
  readonly requested_reviewers?: readonly ({ readonly login?: string } | null)[] | null;
  readonly requested_teams?: readonly ({ readonly slug?: string } | null)[] | null;
}

export function pullRequestRef(repo: RepoRef, pr: PullRequestLike, pushedBy?: { readonly sha: string; readonly login: string }): PullRequestRef {
  return {
    ...(pushedBy === undefined ? {} : { pushedBy }),
    repo,
    number: pr.number,
    headSha: pr.head.sha,
    baseSha: pr.base.sha,
    baseRef: pr.base.ref,
    ...(pr.base.repo.default_branch ? { defaultBranch: pr.base.repo.default_branch } : {}),
    author: pr.user?.login ?? '',
    state: pr.state,
    draft: pr.draft === true,
    fork: pr.head.repo == null || pr.head.repo.full_name !== pr.base.repo.full_name,
    ...(pr.updated_at ? { updatedAt: pr.updated_at } : {}),
    requestedUsers: (pr.requested_reviewers ?? []).flatMap((u) => (u?.login ? [u.login] : [])),
    requestedTeams: (pr.requested_teams ?? []).flatMap((t) => (t?.slug ? [t.slug] : [])),
  };
}

export async function fetchPullRequest(client: GitHubClient, repo: RepoRef, pullNumber: number): Promise<PullRequestRef> {
  const { data } = await client.request('GET /repos/{owner}/{repo}/pulls/{pull_number}', {
    owner: repo.owner,
    repo: repo.repo,
    pull_number: pullNumber,
  });
  return pullRequestRef(repo, data as unknown as PullRequestLike);
}
