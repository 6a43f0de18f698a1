/**
 * Shared test harness for the GitHub App: the Probot app wired as in production (token auth, meshfed's Octokit
 * with tiny retry delays), real webhook payloads from @octokit/webhooks-examples adapted to a scenario, and the
 * read side of a pull-request evaluation mocked from intent files.
 */
import { createRequire } from 'node:module';
import { Probot } from 'probot';
import { DEFAULT_BOT_CONFIG, type BotConfig } from '../../src/adapters/github/bot-config.js';
import { DeliveryLedger } from '../../src/adapters/github/events/delivery-ledger.js';
import { meshfedOctokitClass } from '../../src/adapters/github/github-client.js';
import { meshfedProbotApp } from '../../src/adapters/github/events/probot-app.js';
import { gitBlobSha } from '../../src/adapters/github/snapshot/tar-gz-reader.js';
import type { HandlerOutcome } from '../../src/adapters/github/events/webhook-router.js';
import type { RepoFiles } from './fixtures/federation-fixture.js';
import { makeTarball } from './fixtures/make-tarball.js';
import type { GitHubMock } from './http-mock.js';

export const OWNER = 'acme';
export const REPO = 'federation';
export const PR = 7;

export function sha(n: number): string {
  return n.toString(16).padStart(40, '0');
}
export const BASE_SHA = sha(0xba5e);
export const HEAD_SHA = sha(0x4ead);
export const OLD_HEAD_SHA = sha(0x01d);

/** Octokit for tests: retries and rate-limit waits in milliseconds, no write spacing. */
export const TestOctokit = meshfedOctokitClass({ retryBaseMs: 1, throttleBaseMs: 1, writeSpacing: 'none' });

export interface TestApp {
  readonly probot: Probot;
  readonly ledger: DeliveryLedger<HandlerOutcome>;
  receive(name: string, payload: unknown, id?: string): Promise<HandlerOutcome | undefined>;
}

let deliveries = 0;
export async function createTestApp(config: BotConfig = DEFAULT_BOT_CONFIG): Promise<TestApp> {
  const ledger = new DeliveryLedger<HandlerOutcome>();
  const probot = new Probot({ githubToken: 'test-token', Octokit: TestOctokit, logLevel: 'fatal' });
  await probot.load(meshfedProbotApp(config, ledger));
  return {
    probot,
    ledger,
    async receive(name, payload, id = `delivery-${++deliveries}`) {
      await probot.receive({ id, name, payload } as Parameters<Probot['receive']>[0]);
      return ledger.result(id);
    },
  };
}

const examples = createRequire(import.meta.url)('@octokit/webhooks-examples') as { name: string; examples: Record<string, unknown>[] }[];

/** A deep copy of a real example payload. */
export function example(name: string, action: string | undefined, index = 0): Record<string, unknown> {
  const list = examples.find((e) => e.name === name)?.examples.filter((x) => action === undefined || x.action === action) ?? [];
  const found = list[index];
  if (found === undefined) throw new Error(`no ${name}.${action} example #${index}`);
  return structuredClone(found);
}

function adaptRepository(p: Record<string, unknown>): void {
  const repo = p.repository as Record<string, unknown>;
  repo.name = REPO;
  repo.full_name = `${OWNER}/${REPO}`;
  (repo.owner as Record<string, unknown>).login = OWNER;
  repo.default_branch = 'main';
}

export interface PrOptions {
  readonly number?: number;
  readonly headSha?: string;
  readonly baseSha?: string;
  /** The branch the pull request merges into (default `main`, the repository's default branch). */
  readonly baseRef?: string;
  readonly author?: string;
  readonly updatedAt?: string;
  readonly fork?: boolean;
  readonly draft?: boolean;
  readonly requestedReviewers?: readonly string[];
  readonly requestedTeams?: readonly string[];
}

function adaptPullRequest(pr: Record<string, unknown>, o: PrOptions): void {
  pr.number = o.number ?? PR;
  pr.state = 'open';
  pr.draft = o.draft ?? false;
  pr.updated_at = o.updatedAt ?? '2026-01-10T10:00:00Z';
  (pr.user as Record<string, unknown>).login = o.author ?? 'alice';
  const head = pr.head as Record<string, unknown>;
  const base = pr.base as Record<string, unknown>;
  head.sha = o.headSha ?? HEAD_SHA;
  base.sha = o.baseSha ?? BASE_SHA;
  base.ref = o.baseRef ?? 'main';
  (base.repo as Record<string, unknown>).full_name = `${OWNER}/${REPO}`;
  (base.repo as Record<string, unknown>).default_branch = 'main';
  (head.repo as Record<string, unknown>).full_name = o.fork ? `mallory/${REPO}` : `${OWNER}/${REPO}`;
  pr.requested_reviewers = (o.requestedReviewers ?? []).map((login) => ({ login }));
  pr.requested_teams = (o.requestedTeams ?? []).map((slug) => ({ slug }));
}

/** pull_request.<action>, from the real `opened`/`synchronize`/... example. A synchronize's sender pushed the head. */
export function pullRequestPayload(action: string, o: PrOptions & { pusher?: string } = {}): Record<string, unknown> {
  const p = example('pull_request', action);
  adaptRepository(p);
  p.number = o.number ?? PR;
  adaptPullRequest(p.pull_request as Record<string, unknown>, o);
  if (action === 'synchronize') {
    p.after = o.headSha ?? HEAD_SHA;
    (p.sender as Record<string, unknown>).login = o.pusher ?? o.author ?? 'alice';
  }
  return p;
}

/** pull_request_review.<action>: the example's review, on our pull request. */
export function reviewPayload(action: 'submitted' | 'dismissed', o: PrOptions & { reviewer?: string; state?: string } = {}): Record<string, unknown> {
  const p = example('pull_request_review', action);
  adaptRepository(p);
  adaptPullRequest(p.pull_request as Record<string, unknown>, o);
  const review = p.review as Record<string, unknown>;
  (review.user as Record<string, unknown>).login = o.reviewer ?? 'bob';
  review.state = o.state ?? 'approved';
  review.commit_id = o.headSha ?? HEAD_SHA;
  return p;
}

/** issue_comment.created on our pull request (the example is on an issue: `issue.pull_request` added). */
export function commentPayload(body: string, o: { login?: string; type?: string; number?: number; onPullRequest?: boolean } = {}): Record<string, unknown> {
  const p = example('issue_comment', 'created');
  adaptRepository(p);
  const issue = p.issue as Record<string, unknown>;
  issue.number = o.number ?? PR;
  if (o.onPullRequest !== false) issue.pull_request = { url: `https://api.github.com/repos/${OWNER}/${REPO}/pulls/${o.number ?? PR}` };
  const comment = p.comment as Record<string, unknown>;
  comment.body = body;
  (comment.user as Record<string, unknown>).login = o.login ?? 'carol';
  (comment.user as Record<string, unknown>).type = o.type ?? 'User';
  return p;
}

/** push to refs/heads/main (the real example with `refs/heads/master`). */
export function pushPayload(before: string, after: string, o: { ref?: string; deleted?: boolean } = {}): Record<string, unknown> {
  const p = example('push', undefined, 4);
  adaptRepository(p);
  p.ref = o.ref ?? 'refs/heads/main';
  p.before = before;
  p.after = after;
  p.deleted = o.deleted ?? false;
  return p;
}

export function deploymentStatusPayload(o: { id: number; statusId: number; state: string; environment: string; peer?: string; sha: string }): Record<string, unknown> {
  const p = example('deployment_status', 'created');
  adaptRepository(p);
  const d = p.deployment as Record<string, unknown>;
  d.id = o.id;
  d.sha = o.sha;
  d.environment = o.environment;
  d.payload = o.peer === undefined ? {} : { meshfed: 1, peer: o.peer };
  const s = p.deployment_status as Record<string, unknown>;
  s.id = o.statusId;
  s.state = o.state;
  s.log_url = `https://github.com/${OWNER}/${REPO}/actions/runs/1`;
  return p;
}

export function checkRunPayload(action: string, o: { name: string; externalId?: string; headSha?: string; identifier?: string }): Record<string, unknown> {
  const p = example('check_run', action);
  adaptRepository(p);
  const cr = p.check_run as Record<string, unknown>;
  cr.name = o.name;
  cr.external_id = o.externalId ?? '';
  cr.head_sha = o.headSha ?? HEAD_SHA;
  cr.pull_requests = [];
  if (o.identifier !== undefined) p.requested_action = { identifier: o.identifier };
  return p;
}

export interface ReviewFixture {
  readonly login: string;
  readonly state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED';
  readonly commitId?: string;
  readonly at?: string;
}

export interface PrWorld extends Omit<PrState, 'number' | 'headSha' | 'reviews' | 'sticky'> {
  readonly base: RepoFiles;
  readonly head: RepoFiles;
  /** Where the branch started, when the base moved on since (otherwise the base tip). */
  readonly mergeBase?: { readonly sha: string; readonly files: RepoFiles };
  /** The base branch's current tip (GitHub's compare `base_commit`); may differ from the payload's `base.sha`. */
  readonly baseSha?: string;
  readonly headSha?: string;
  readonly number?: number;
  readonly reviews?: readonly ReviewFixture[];
  /** An existing sticky comment. */
  readonly sticky?: { readonly id: number; readonly body: string };
  /** GitHub answers the head's recursive tree with `truncated: true`. */
  readonly truncatedHeadTree?: boolean;
  /**
   * Who GitHub's activity says pushed the head (an optional mock of the activity read, made only when the author's
   * ownership matters; default `owner-0`, the usual author); `null`: not mocked.
   */
  readonly pushedBy?: string | null;
}

/** Mocks everything an evaluation reads: the pull request's state (GraphQL), compare, archives and trees. */
export function mockPrReads(mock: GitHubMock, w: PrWorld): void {
  const number = w.number ?? PR;
  const baseSha = w.baseSha ?? BASE_SHA;
  const headSha = w.headSha ?? HEAD_SHA;
  const mergeBaseSha = w.mergeBase?.sha ?? baseSha;
  const owner = OWNER;
  const repo = REPO;
  mockPrState(mock, { ...w, number, headSha });
  // The base branch by name: GitHub answers with its current tip (`base_commit`), where owners are read.
  mock.on('GET /repos/{owner}/{repo}/compare/{basehead}', { owner, repo, basehead: `main...${headSha}`, query: { per_page: 1 } }, {
    body: { status: 'ahead', base_commit: { sha: baseSha }, merge_base_commit: { sha: mergeBaseSha }, files: [] },
  });
  mock.tarball(owner, repo, headSha, archive(w.head, headSha));
  mock.tarball(owner, repo, baseSha, archive(w.base, baseSha));
  if (w.mergeBase !== undefined) mock.tarball(owner, repo, w.mergeBase.sha, archive(w.mergeBase.files, w.mergeBase.sha));
  mockTree(mock, headSha, w.head, { truncated: w.truncatedHeadTree ?? false });
  mockTree(mock, baseSha, w.base);
  if (w.mergeBase !== undefined) mockTree(mock, w.mergeBase.sha, w.mergeBase.files);
  if (w.pushedBy !== null) mockActivity(mock, { after: headSha, actor: w.pushedBy ?? 'owner-0' }, { optional: true });
}

export interface PrState {
  readonly number?: number;
  readonly headSha?: string;
  /** GitHub's current head, when it moved on since the event (default `headSha`). */
  readonly currentHead?: string;
  readonly state?: 'OPEN' | 'CLOSED' | 'MERGED';
  readonly baseRef?: string;
  readonly reviews?: readonly ReviewFixture[];
  /** The bot's own sticky comment. */
  readonly sticky?: { readonly id: number; readonly body: string };
  /** Comments other people wrote (`viewerDidAuthor: false`). */
  readonly otherComments?: readonly { readonly id: number; readonly body: string }[];
  /** Check suites on the head: this App's (`meshfed`) and others', with their runs. */
  readonly checkSuites?: readonly { readonly app: string; readonly runs: readonly CheckRunFixture[] }[];
  readonly requestedReviewers?: readonly string[];
  readonly draft?: boolean;
  /** The reviews continue on another page after this cursor (`hasNextPage: true`); `null`: GitHub gives no cursor. */
  readonly reviewsNext?: string | null;
}

export interface CheckRunFixture {
  readonly id: number;
  readonly name: string;
  readonly conclusion?: string;
  readonly title?: string;
  readonly summary?: string;
  readonly status?: string;
  readonly startedAt?: string;
  readonly completedAt?: string;
  /** Default `pr:<number>`, what the bot writes when it knows no pusher. */
  readonly externalId?: string | null;
}

/** The bot's token identity in tests: the App `meshfed`, whose bot user is `meshfed[bot]`. */
export const APP_SLUG = 'meshfed';

/**
 * The GraphQL query the bot starts every evaluation with (pull-request-state.ts), answered as GitHub would:
 * `latestOpinionatedReviews` holds each reviewer's latest non-comment review.
 */
export function mockPrState(mock: GitHubMock, w: PrState, options: { times?: number } = {}): void {
  const headSha = w.headSha ?? HEAD_SHA;
  const reviews = latestOpinionatedReviews(w.reviews ?? [], headSha);
  const body = {
    data: {
      viewer: { login: `${APP_SLUG}[bot]` },
      repository: {
        defaultBranchRef: { name: 'main' },
        pullRequest: {
          state: w.state ?? 'OPEN',
          isDraft: w.draft ?? false,
          headRefOid: w.currentHead ?? headSha,
          headRefName: 'feature',
          baseRefName: w.baseRef ?? 'main',
          headRepository: { nameWithOwner: `${OWNER}/${REPO}` },
          reviewRequests: { nodes: (w.requestedReviewers ?? []).map((login) => ({ requestedReviewer: { __typename: 'User', login } })) },
          latestOpinionatedReviews: { pageInfo: { hasNextPage: w.reviewsNext !== undefined, endCursor: w.reviewsNext ?? null }, nodes: reviews },
          comments: {
            nodes: [
              { databaseId: 11, body: 'Looks interesting!', viewerDidAuthor: false },
              ...(w.otherComments ?? []).map((c) => ({ databaseId: c.id, body: c.body, viewerDidAuthor: false })),
              ...(w.sticky ? [{ databaseId: w.sticky.id, body: w.sticky.body, viewerDidAuthor: true }] : []),
            ],
          },
        },
        object: {
          checkSuites: {
            nodes: (w.checkSuites ?? []).map((suite) => ({
              app: { slug: suite.app },
              checkRuns: {
                nodes: suite.runs.map((r) => ({
                  databaseId: r.id,
                  name: r.name,
                  status: r.status ?? 'COMPLETED',
                  conclusion: r.conclusion ?? 'SUCCESS',
                  title: r.title ?? '',
                  summary: r.summary ?? '',
                  startedAt: r.startedAt ?? '2026-01-10T10:00:00Z',
                  completedAt: r.completedAt ?? '2026-01-10T10:00:01Z',
                  externalId: r.externalId === undefined ? `pr:${w.number ?? PR}` : r.externalId,
                })),
              },
            })),
          },
        },
      },
    },
  };
  mock.graphql('MeshfedPullRequest', () => body, { ...options, match: (v) => v.number === (w.number ?? PR) && v.head === headSha });
}

/** GraphQL `latestOpinionatedReviews` nodes: each reviewer's latest review that is not a plain comment. */
export function latestOpinionatedReviews(list: readonly ReviewFixture[], headSha: string): Record<string, unknown>[] {
  const latest = new Map<string, { r: ReviewFixture; i: number }>();
  list.forEach((r, i) => {
    if (r.state !== 'COMMENTED') latest.set(r.login.toLowerCase(), { r, i });
  });
  return [...latest.values()].map(({ r, i }) => ({
    author: { login: r.login },
    state: r.state,
    submittedAt: r.at ?? `2026-01-10T11:${String(i % 60).padStart(2, '0')}:00Z`,
    commit: { oid: r.commitId ?? headSha },
  }));
}

/** `GET /repos/{o}/{r}/activity?ref=refs/heads/feature`: the newest change of the head branch. */
export function mockActivity(mock: GitHubMock, a: { after: string; actor: string; type?: string } | { status: number }, options: { optional?: boolean; times?: number } = {}): void {
  const ic = mock.api.get(`/repos/${OWNER}/${REPO}/activity`).query({ ref: 'refs/heads/feature', direction: 'desc', per_page: '1' }).times(options.times ?? 1);
  if (options.optional === true) ic.optionally();
  if ('status' in a) ic.reply(a.status, { message: 'boom' });
  else ic.reply(200, [{ id: 1, node_id: 'A', before: '0'.repeat(40), after: a.after, ref: 'refs/heads/feature', timestamp: '2026-01-10T09:00:00Z', activity_type: a.type ?? 'push', actor: { login: a.actor } }]);
}

/** `GET /repos/{o}/{r}/git/trees/{sha}?recursive=1` as GitHub answers it for a commit holding `files`. */
export function mockTree(mock: GitHubMock, commit: string, files: RepoFiles, options: { times?: number; truncated?: boolean } = {}): void {
  mock.on('GET /repos/{owner}/{repo}/git/trees/{tree_sha}', { owner: OWNER, repo: REPO, tree_sha: commit, query: { recursive: 1 } }, {
    body: { sha: commit, url: '', truncated: options.truncated ?? false, tree: treeEntries(files) },
  }, options.times === undefined ? {} : { times: options.times });
}

export function treeEntries(files: RepoFiles): { path: string; mode: string; type: string; sha: string; size?: number; url: string }[] {
  const dirs = new Set<string>();
  const entries: { path: string; mode: string; type: string; sha: string; size?: number; url: string }[] = [];
  for (const [path, content] of files) {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join('/'));
    entries.push({ path, mode: '100644', type: 'blob', sha: gitBlobSha(content), size: Buffer.byteLength(content), url: '' });
  }
  for (const d of dirs) entries.push({ path: d, mode: '040000', type: 'tree', sha: '0'.repeat(40), url: '' });
  return entries.sort((a, b) => (a.path < b.path ? -1 : 1));
}

export function archive(files: RepoFiles, ref: string): Buffer {
  return makeTarball([...files].map(([path, content]) => ({ path, content })), { sha: ref.padEnd(40, '0').slice(0, 40) });
}

export interface WriteIds {
  readonly validate?: number;
  readonly consent?: number;
  readonly comment?: number;
}

/** Mocks the writes of an evaluation that creates both checks and the comment (optionally review requests). */
export function mockPrWrites(mock: GitHubMock, o: { requestReviews?: boolean; updateComment?: number; number?: number } & WriteIds = {}): void {
  const owner = OWNER;
  const repo = REPO;
  let next = 0;
  const ids = [o.validate ?? 501, o.consent ?? 502];
  mock.on('POST /repos/{owner}/{repo}/check-runs', { owner, repo }, () => ({ status: 201, body: { id: ids[next++] ?? 599 } }), { times: 2 });
  if (o.requestReviews) {
    mock.on('POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers', { owner, repo, pull_number: o.number ?? PR }, { status: 201, body: { number: o.number ?? PR } });
  }
  if (o.updateComment !== undefined) {
    mock.on('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', { owner, repo, comment_id: o.updateComment }, { body: { id: o.updateComment } });
  } else {
    mock.on('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { owner, repo, issue_number: o.number ?? PR }, { status: 201, body: { id: o.comment ?? 900 } });
  }
}

/** The JSON bodies sent to `METHOD /path` (in order). */
export function bodies(mock: GitHubMock, methodAndPath: string): Record<string, unknown>[] {
  return mock.find(methodAndPath).map((r) => r.body as Record<string, unknown>);
}

export function checkRunBody(mock: GitHubMock, name: string): Record<string, unknown> {
  const found = bodies(mock, `POST /repos/${OWNER}/${REPO}/check-runs`).find((b) => b.name === name);
  if (found === undefined) throw new Error(`no check run ${name} was created`);
  return found;
}
