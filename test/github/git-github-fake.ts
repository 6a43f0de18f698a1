/**
 * A GitHub fake for attack scenarios, answering the read side of an evaluation from a REAL git repository
 * (fixtures/git-repo.ts): archives are `git archive` output (so `.gitattributes` behaves as on GitHub), trees are
 * `git ls-tree -r -t`, the merge base is `git merge-base`. The pull request's state (reviews, the bot's comment and
 * check runs) is the GraphQL answer of harness.ts. Deliveries go through the public Lambda entry, signed.
 */
import type { LambdaHttpEvent, LambdaHttpResult } from '../../src/adapters/github/events/lambda-handler.js';
import { createLambdaHandler } from '../../src/adapters/github/events/lambda-handler.js';
import { signWebhookPayload } from '../../src/adapters/github/events/webhook-signature.js';
import type { RepoFiles } from './fixtures/federation-fixture.js';
import type { GitRepo } from './fixtures/git-repo.js';
import type { GitHubMock } from './github-mock.js';
import { createTestApp, mockActivity, mockPrState, OWNER, REPO, type PrState } from './harness.js';

export const SECRET = 'webhook secret of the test App';

export interface GitPr {
  readonly base: string;
  readonly head: string;
  readonly mergeBase: string;
}

/** Commits `base` on main and `head` on a branch from it (or from `branchFrom`, an older main). */
export function gitPullRequest(repo: GitRepo, base: RepoFiles, head: RepoFiles, options: { branchFrom?: RepoFiles } = {}): GitPr {
  const start = repo.commit(options.branchFrom ?? base, { message: 'main' });
  const baseSha = options.branchFrom === undefined ? start : repo.commit(base, { parent: start, message: 'main moves on' });
  const headSha = repo.commit(head, { parent: start, message: 'the change' });
  return { base: baseSha, head: headSha, mergeBase: repo.mergeBase(baseSha, headSha) };
}

/** Mocks every read of one evaluation from the git repository. `pushedBy`: the activity's actor (optional mock). */
/** A read answered 502 (on every retry); the reads after it become optional (they may not happen). */
export type ReadFault = 'state' | 'compare' | 'head-archive' | 'base-tree';

export function mockGitReads(
  mock: GitHubMock,
  repo: GitRepo,
  pr: GitPr,
  state: Omit<PrState, 'headSha'> & { pushedBy?: string; activityStatus?: number; fault?: ReadFault; optionalReads?: boolean } = {},
): void {
  const fault = state.fault;
  const optional = fault !== undefined || state.optionalReads === true;
  const failing = { status: 502, body: { message: 'Server Error' } };
  if (fault === 'state') {
    mock.graphql('MeshfedPullRequest', () => failing.body, { status: 502, times: 3 });
    return;
  }
  mockPrState(mock, { ...state, headSha: pr.head });
  const compare = { owner: OWNER, repo: REPO, basehead: `main...${pr.head}`, query: { per_page: 1 } } as const;
  if (fault === 'compare') mock.on('GET /repos/{owner}/{repo}/compare/{basehead}', compare, failing, { times: 3 });
  else mock.on('GET /repos/{owner}/{repo}/compare/{basehead}', compare, { body: { status: 'ahead', base_commit: { sha: pr.base }, merge_base_commit: { sha: pr.mergeBase }, files: [] } }, { optional });
  for (const sha of new Set([pr.head, pr.base, pr.mergeBase])) {
    if (fault === 'head-archive' && sha === pr.head) mock.on('GET /repos/{owner}/{repo}/tarball/{ref}', { owner: OWNER, repo: REPO, ref: sha }, failing, { times: 3 });
    else mock.tarball(OWNER, REPO, sha, repo.archive(sha), { optional });
    const tree = { owner: OWNER, repo: REPO, tree_sha: sha, query: { recursive: 1 } } as const;
    if (fault === 'base-tree' && sha === pr.base) mock.on('GET /repos/{owner}/{repo}/git/trees/{tree_sha}', tree, failing, { times: 3 });
    else mock.on('GET /repos/{owner}/{repo}/git/trees/{tree_sha}', tree, { body: { sha, url: '', truncated: false, tree: repo.tree(sha) } }, { optional });
  }
  if (state.activityStatus !== undefined) mockActivity(mock, { status: state.activityStatus }, { times: 3 });
  else if (state.pushedBy !== undefined) mockActivity(mock, { after: pr.head, actor: state.pushedBy }, { optional: true });
}

/** The Lambda entry (signature check first) in front of the test App. */
export async function lambdaEntry(): Promise<(name: string, payload: unknown, id?: string) => Promise<{ status: number; body: Record<string, unknown> }>> {
  const app = await createTestApp();
  const handler = createLambdaHandler({ secret: SECRET, probot: async () => app.probot, ledger: app.ledger });
  let n = 0;
  return async (name, payload, id = `attack-${++n}`) => {
    const body = JSON.stringify(payload);
    const event: LambdaHttpEvent = {
      headers: { 'content-type': 'application/json', 'x-github-event': name, 'x-github-delivery': id, 'x-hub-signature-256': signWebhookPayload(SECRET, body) },
      body,
      isBase64Encoded: false,
      requestContext: { http: { method: 'POST' } },
    };
    const res: LambdaHttpResult = await handler(event);
    return { status: res.statusCode, body: JSON.parse(res.body) as Record<string, unknown> };
  };
}
