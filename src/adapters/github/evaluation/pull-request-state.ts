import type { Review, ReviewState } from '../../../core/consent/consent-types.js';
import { isStickyComment } from '../../../core/report/pr-comment.js';
import type { GitHubClient } from '../github-client.js';
import { graphql } from '../graphql-request.js';
import type { RepoRef } from '../repo-ref.js';

/**
 * The pull request as GitHub has it now, read with ONE GraphQL query (plus a page per further 100 reviewers):
 * its state and head, the base branch's tip, who is requested, every reviewer's latest decisive review, the
 * bot's own sticky comment and the bot's own check runs on the head. Nothing here comes from a place a user
 * can write into: the comment is found only among comments the token's own identity wrote
 * (`IssueComment.viewerDidAuthor`), check runs only in check suites of the token's own App
 * (`CheckSuite.app.slug` against the `<slug>[bot]` login of `viewer`), and a comment's text is never read for
 * ids or decisions (https://docs.github.com/graphql/reference/objects#issuecomment,
 * https://docs.github.com/graphql/reference/objects#checksuite).
 */
export interface PullRequestState {
  readonly state: 'OPEN' | 'CLOSED' | 'MERGED';
  readonly headSha: string;
  readonly headRef: string;
  /** `owner/name` of the repository the head branch lives in (a fork for fork pull requests); absent when deleted. */
  readonly headRepository?: string;
  readonly baseRef: string;
  readonly defaultBranch?: string;
  readonly draft: boolean;
  readonly requestedUsers: readonly string[];
  readonly requestedTeams: readonly string[];
  /** Each reviewer's latest APPROVED / CHANGES_REQUESTED / DISMISSED review, all pages read. */
  readonly reviews: readonly Review[];
  /** The bot's own sticky comment (id and body), when it wrote one. */
  readonly sticky?: { readonly id: number; readonly body: string };
  /** The latest check run of each name in this App's check suites on the head commit. */
  readonly ownCheckRuns: ReadonlyMap<string, OwnCheckRun>;
}

export interface OwnCheckRun {
  readonly id: number;
  readonly status: string;
  readonly conclusion: string | null;
  readonly title: string | null;
  readonly summary: string | null;
  readonly startedAt: string | null;
  readonly completedAt: string | null;
  /** Written only by this App (check-run-writer.ts `externalIdFor`). */
  readonly externalId: string | null;
}

export class IncompleteReadError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'IncompleteReadError';
  }
}

const STATE_QUERY = `query MeshfedPullRequest($owner: String!, $repo: String!, $number: Int!, $head: GitObjectID!) {
  viewer { login }
  repository(owner: $owner, name: $repo) {
    defaultBranchRef { name }
    pullRequest(number: $number) {
      state isDraft headRefOid headRefName baseRefName
      headRepository { nameWithOwner }
      reviewRequests(first: 100) { nodes { requestedReviewer { __typename ... on User { login } ... on Team { slug } } } }
      latestOpinionatedReviews(first: 100) { pageInfo { hasNextPage endCursor } nodes { author { login } state submittedAt commit { oid } } }
      comments(last: 100) { nodes { databaseId body viewerDidAuthor } }
    }
    object(oid: $head) {
      ... on Commit {
        checkSuites(first: 100) {
          nodes { app { slug } checkRuns(first: 100) { nodes { databaseId name status conclusion title summary startedAt completedAt externalId } } }
        }
      }
    }
  }
}`;

const REVIEWS_QUERY = `query MeshfedReviews($owner: String!, $repo: String!, $number: Int!, $after: String!) {
  repository(owner: $owner, name: $repo) {
    pullRequest(number: $number) {
      latestOpinionatedReviews(first: 100, after: $after) { pageInfo { hasNextPage endCursor } nodes { author { login } state submittedAt commit { oid } } }
    }
  }
}`;

interface ReviewsPage {
  readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor: string | null };
  readonly nodes: readonly ({ author: { login: string } | null; state: string; submittedAt: string | null; commit: { oid: string } | null } | null)[];
}

interface StateData {
  viewer: { login: string };
  repository: {
    defaultBranchRef: { name: string } | null;
    pullRequest: {
      state: 'OPEN' | 'CLOSED' | 'MERGED';
      isDraft: boolean;
      headRefOid: string;
      headRefName: string;
      baseRefName: string;
      headRepository: { nameWithOwner: string } | null;
      reviewRequests: { nodes: ({ requestedReviewer: { __typename: string; login?: string; slug?: string } | null } | null)[] } | null;
      latestOpinionatedReviews: ReviewsPage | null;
      comments: { nodes: ({ databaseId: number | null; body: string; viewerDidAuthor: boolean } | null)[] };
    } | null;
    object: {
      checkSuites?: {
        nodes: ({ app: { slug: string } | null; checkRuns: { nodes: ({ databaseId: number | null; name: string; status: string; conclusion: string | null; title: string | null; summary: string | null; startedAt: string | null; completedAt: string | null; externalId: string | null } | null)[] } | null } | null)[];
      } | null;
    } | null;
  } | null;
}

const DECISIVE: ReadonlySet<string> = new Set<ReviewState>(['APPROVED', 'CHANGES_REQUESTED', 'DISMISSED', 'COMMENTED']);

export async function readPullRequestState(client: GitHubClient, repo: RepoRef, number: number, headSha: string): Promise<PullRequestState> {
  const data = await graphql<StateData>(client, STATE_QUERY, { owner: repo.owner, repo: repo.repo, number, head: headSha });
  const pr = data.repository?.pullRequest;
  if (pr == null) throw new IncompleteReadError(`GitHub did not return pull request #${number} of ${repo.owner}/${repo.repo}`);
  if (pr.latestOpinionatedReviews == null) throw new IncompleteReadError(`GitHub did not return the reviews of pull request #${number}`);
  const reviews = await allReviews(client, repo, number, pr.latestOpinionatedReviews);
  const appSlug = /^(.+)\[bot\]$/.exec(data.viewer.login)?.[1];
  const sticky = pr.comments.nodes.find((c) => c !== null && c.viewerDidAuthor && c.databaseId !== null && isStickyComment(c.body));
  const requested = (pr.reviewRequests?.nodes ?? []).flatMap((n) => (n?.requestedReviewer ? [n.requestedReviewer] : []));
  return {
    state: pr.state,
    headSha: pr.headRefOid,
    headRef: pr.headRefName,
    ...(pr.headRepository === null ? {} : { headRepository: pr.headRepository.nameWithOwner }),
    baseRef: pr.baseRefName,
    ...(data.repository?.defaultBranchRef ? { defaultBranch: data.repository.defaultBranchRef.name } : {}),
    draft: pr.isDraft,
    requestedUsers: requested.flatMap((r) => (r.__typename === 'User' && r.login ? [r.login] : [])),
    requestedTeams: requested.flatMap((r) => (r.__typename === 'Team' && r.slug ? [r.slug] : [])),
    reviews,
    ...(sticky?.databaseId == null ? {} : { sticky: { id: sticky.databaseId, body: sticky.body } }),
    ownCheckRuns: appSlug === undefined ? new Map() : ownRuns(data.repository?.object?.checkSuites?.nodes ?? [], appSlug),
  };
}

/** Every reviewer's latest decisive review: GitHub returns one per reviewer, so pages grow with reviewers, never with reviews. */
async function allReviews(client: GitHubClient, repo: RepoRef, number: number, first: ReviewsPage): Promise<Review[]> {
  const out: Review[] = [];
  const seen = new Set<string>();
  let page: ReviewsPage = first;
  for (;;) {
    for (const r of page.nodes) {
      if (r === null || r.author === null || !DECISIVE.has(r.state)) continue;
      out.push({ login: r.author.login, commitId: r.commit?.oid ?? null, state: r.state as ReviewState, submittedAt: r.submittedAt });
    }
    if (!page.pageInfo.hasNextPage) return out;
    const cursor = page.pageInfo.endCursor;
    if (cursor === null || seen.has(cursor)) throw new IncompleteReadError(`GitHub's list of reviews of pull request #${number} does not continue (cursor ${String(cursor)}), so not every review could be read`);
    seen.add(cursor);
    const next = await graphql<{ repository: { pullRequest: { latestOpinionatedReviews: ReviewsPage | null } | null } | null }>(client, REVIEWS_QUERY, {
      owner: repo.owner, repo: repo.repo, number, after: cursor,
    });
    const reviews = next.repository?.pullRequest?.latestOpinionatedReviews;
    if (reviews == null) throw new IncompleteReadError(`GitHub did not return a page of the reviews of pull request #${number}`);
    page = reviews;
  }
}

type SuiteNodes = NonNullable<NonNullable<NonNullable<NonNullable<StateData['repository']>['object']>['checkSuites']>['nodes']>;

function ownRuns(suites: SuiteNodes, appSlug: string): Map<string, OwnCheckRun> {
  const out = new Map<string, OwnCheckRun>();
  for (const suite of suites) {
    if (suite?.app?.slug !== appSlug) continue;
    for (const run of suite.checkRuns?.nodes ?? []) {
      if (run === null || run.databaseId === null) continue;
      const seen = out.get(run.name);
      if (seen !== undefined && seen.id > run.databaseId) continue;
      out.set(run.name, { id: run.databaseId, status: run.status, conclusion: run.conclusion, title: run.title, summary: run.summary, startedAt: run.startedAt, completedAt: run.completedAt, externalId: run.externalId ?? null });
    }
  }
  return out;
}
