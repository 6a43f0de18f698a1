import { describe, expect, it } from 'vitest';
import { runSweep, runSweepWithToken } from '../../src/adapters/github/events/sweep.js';
import { notesChange } from './fixtures/federation-fixture.js';
import { useGitHubMock, type GitHubMock } from './http-mock.js';
import { APP_SLUG, BASE_SHA, HEAD_SHA, mockPrReads, mockPrState, mockPrWrites, OWNER, PR, REPO, sha, TestOctokit, type CheckRunFixture, type ReviewFixture } from './harness.js';

const gh = useGitHubMock();
const owner = OWNER;
const repo = REPO;
const NOW = new Date('2026-01-10T12:00:00Z');

function pr(number: number, head: string) {
  return {
    number,
    state: 'open',
    updated_at: '2026-01-10T10:00:00Z',
    user: { login: 'owner-0' },
    head: { sha: head, repo: { full_name: `${owner}/${repo}` } },
    base: { sha: BASE_SHA, ref: 'main', repo: { full_name: `${owner}/${repo}`, default_branch: 'main' } },
    requested_reviewers: [],
    requested_teams: [],
  };
}

/** The sweep's look at a pull request: this App's check runs on the head and the reviews (the state query). */
function checkRuns(mock: GitHubMock, number: number, head: string, runs: CheckRunFixture[], reviews: ReviewFixture[] = []): void {
  mockPrState(mock, { number, headSha: head, checkSuites: [{ app: APP_SLUG, runs }], reviews });
}

describe('sweep: re-evaluate pull requests whose checks are missing or stale', () => {
  it('GIVEN one pull request without checks and one up to date WHEN swept THEN only the first is evaluated', async () => {
    const stale = sha(0x51a1e);
    const { base, head } = notesChange();
    const mock = gh();
    mock.on('GET /repos/{owner}/{repo}/pulls', { owner, repo, query: { state: 'open', per_page: 100, page: 1 } }, { body: [pr(PR, HEAD_SHA), pr(8, stale)] });
    checkRuns(mock, PR, HEAD_SHA, []);
    checkRuns(mock, 8, stale, [
      { id: 1, name: 'meshfed/validate', completedAt: '2026-01-10T10:01:00Z' },
      { id: 2, name: 'meshfed/consent', completedAt: '2026-01-10T10:01:00Z' },
    ], [{ login: 'owner-1', state: 'APPROVED', commitId: stale, at: '2026-01-10T09:00:00Z' }]);
    mockPrReads(mock, { base, head });
    mockPrWrites(mock);
    const client = new TestOctokit({ auth: { token: 't' } });

    const rows = await runSweep(client, { owner, repo }, { now: () => NOW });

    expect(rows).toEqual([
      { number: PR, head: HEAD_SHA, reason: 'missing', outcome: 'evaluated' },
      { number: 8, head: stale, reason: 'current' },
    ]);
  });

  it('GIVEN a review newer than the consent check WHEN swept THEN the pull request is evaluated again', async () => {
    const { base, head } = notesChange(1);
    const mock = gh();
    mock.on('GET /repos/{owner}/{repo}/pulls', { owner, repo, query: true }, { body: [pr(PR, HEAD_SHA)] });
    checkRuns(mock, PR, HEAD_SHA, [
      { id: 1, name: 'meshfed/validate', completedAt: '2026-01-10T10:01:00Z' },
      { id: 2, name: 'meshfed/consent', completedAt: '2026-01-10T10:01:00Z' },
      { id: 3, name: 'other-ci', status: 'IN_PROGRESS' },
    ], [{ login: 'owner-1', state: 'APPROVED', at: '2026-01-10T11:00:00Z' }]);
    mockPrReads(mock, { base, head, reviews: [{ login: 'owner-1', state: 'APPROVED', at: '2026-01-10T11:00:00Z' }] });
    mockPrWrites(mock);
    const client = new TestOctokit({ auth: { token: 't' } });

    const rows = await runSweep(client, { owner, repo }, { now: () => NOW });

    expect(rows).toEqual([{ number: PR, head: HEAD_SHA, reason: 'review-after-check', outcome: 'evaluated' }]);
  });

  it('GIVEN a check stuck in progress for an hour WHEN swept with a token THEN it is evaluated again', async () => {
    const { base, head } = notesChange();
    const mock = gh();
    mock.on('GET /repos/{owner}/{repo}/pulls', { owner, repo, query: true }, { body: [pr(PR, HEAD_SHA)] });
    checkRuns(mock, PR, HEAD_SHA, [
      { id: 1, name: 'meshfed/validate', status: 'IN_PROGRESS', startedAt: '2020-01-01T00:00:00Z' },
      { id: 2, name: 'meshfed/consent', completedAt: '2026-01-10T10:01:00Z' },
    ]);
    mockPrReads(mock, { base, head });
    mockPrWrites(mock);

    const rows = await runSweepWithToken({ owner, repo, token: 't', tuning: { retryBaseMs: 1, writeSpacing: 'none' } });

    expect(rows).toMatchObject([{ number: PR, reason: 'unfinished', outcome: 'evaluated' }]);
  });
});
