import type { GitHubClient } from './github-client.js';
import type { RepoRef } from './repo-ref.js';

/** What the bot needs to know about a pull request, from a webhook payload or from the API. */
export interface PullRequestRef {
  readonly repo: RepoRef;
  readonly number: number;
  readonly headSha: string;
  /** Tip of the base branch when the event was sent: owners and policy are read here. */
  readonly baseSha: string;
  readonly baseRef: string;
  readonly author: string;
  readonly state: string;
  readonly draft: boolean;
  /** The head lives in another repository (a fork). Its code is never run: the bot only reads archives. */
  readonly fork: boolean;
  readonly updatedAt?: string;
  readonly requestedUsers: readonly string[];
  readonly requestedTeams: readonly string[];
}

/** The subset of GitHub's pull-request object (webhook or REST) this module reads. */
export interface PullRequestLike {
  readonly number: number;
  readonly state: string;
  readonly draft?: boolean | null;
  readonly updated_at?: string | null;
  readonly user: { readonly login: string } | null;
  readonly head: { readonly sha: string; readonly repo?: { readonly full_name: string } | null };
  readonly base: { readonly sha: string; readonly ref: string; readonly repo: { readonly full_name: string } };
  readonly requested_reviewers?: readonly ({ readonly login?: string } | null)[] | null;
  readonly requested_teams?: readonly ({ readonly slug?: string } | null)[] | null;
}

export function pullRequestRef(repo: RepoRef, pr: PullRequestLike): PullRequestRef {
  return {
    repo,
    number: pr.number,
    headSha: pr.head.sha,
    baseSha: pr.base.sha,
    baseRef: pr.base.ref,
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
