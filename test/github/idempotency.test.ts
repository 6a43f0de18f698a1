import { describe, expect, it } from 'vitest';
import { formatStickyMarker } from '../../src/core/report/pr-comment.js';
import { notesChange } from './fixtures/federation-fixture.js';
import { useGitHubMock } from './http-mock.js';
import {
  BASE_SHA,
  createTestApp,
  HEAD_SHA,
  mockPrReads,
  mockPrWrites,
  OLD_HEAD_SHA,
  OWNER,
  PR,
  pullRequestPayload,
  REPO,
  reviewPayload,
} from './harness.js';

const gh = useGitHubMock();
const owner = OWNER;
const repo = REPO;

function stickyWith(marker: Parameters<typeof formatStickyMarker>[0]): { id: number; body: string }[] {
  return [{ id: 77, body: `${formatStickyMarker(marker)}\n## meshfed plan` }];
}

describe('idempotent and ordered', () => {
  it('GIVEN a delivery was handled WHEN the same delivery id arrives again in the same process THEN nothing is read or written twice', async () => {
    const { base, head } = notesChange();
    const mock = gh();
    mockPrReads(mock, { base, head });
    mockPrWrites(mock);
    const app = await createTestApp();
    const payload = pullRequestPayload('opened', { author: 'owner-0' });

    const first = await app.receive('pull_request', payload, 'delivery-same');
    const calls = mock.requests.length;
    const second = await app.receive('pull_request', payload, 'delivery-same');

    expect(second).toEqual(first);
    expect(mock.requests.length).toBe(calls);
  });

  it('GIVEN the sticky comment records this delivery id WHEN it is redelivered to a fresh process THEN only the comment is read and nothing is written', async () => {
    const mock = gh();
    mock.on('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', { owner, repo, issue_number: PR, query: true }, {
      body: stickyWith({ head: HEAD_SHA, base: BASE_SHA, delivery: 'redelivered-1', validate: 1, consent: 2 }),
    });
    const app = await createTestApp();

    const outcome = await app.receive('pull_request', pullRequestPayload('synchronize'), 'redelivered-1');

    expect(outcome?.outcome).toBe('duplicate');
    expect(mock.apiCalls()).toHaveLength(1);
  });

  it('GIVEN results for a newer head are shown WHEN a late event for an older head arrives THEN it is ignored', async () => {
    const mock = gh();
    mock.on('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', { owner, repo, issue_number: PR, query: true }, {
      body: stickyWith({ head: HEAD_SHA, base: BASE_SHA, updatedAt: '2026-01-10T12:00:00Z', delivery: 'newer', validate: 1, consent: 2 }),
    });
    const app = await createTestApp();

    const outcome = await app.receive(
      'pull_request_review',
      reviewPayload('submitted', { headSha: OLD_HEAD_SHA, updatedAt: '2026-01-10T09:00:00Z' }),
    );

    expect(outcome).toMatchObject({ outcome: 'stale' });
    expect(mock.apiCalls()).toHaveLength(1);
  });

  it('GIVEN the order of two heads cannot be told from timestamps WHEN the event is handled THEN the pull request is read and an outdated event is ignored', async () => {
    const mock = gh();
    mock.on('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', { owner, repo, issue_number: PR, query: true }, {
      body: stickyWith({ head: HEAD_SHA, base: BASE_SHA, updatedAt: '2026-01-10T10:00:00Z', delivery: 'x', validate: 1, consent: 2 }),
    });
    mock.on('GET /repos/{owner}/{repo}/pulls/{pull_number}', { owner, repo, pull_number: PR }, {
      body: { number: PR, state: 'open', user: { login: 'alice' }, head: { sha: HEAD_SHA, repo: { full_name: `${owner}/${repo}` } }, base: { sha: BASE_SHA, ref: 'main', repo: { full_name: `${owner}/${repo}`, default_branch: 'main' } } },
    });
    const app = await createTestApp();

    const outcome = await app.receive('pull_request', pullRequestPayload('synchronize', { headSha: OLD_HEAD_SHA, updatedAt: '2026-01-10T10:00:00Z' }));

    expect(outcome).toMatchObject({ outcome: 'stale' });
    expect(mock.apiCalls()).toHaveLength(2);
  });

  it('GIVEN a closed pull request WHEN a review event arrives THEN nothing is read or written', async () => {
    gh();
    const app = await createTestApp();
    const payload = reviewPayload('submitted');
    (payload.pull_request as Record<string, unknown>).state = 'closed';

    const outcome = await app.receive('pull_request_review', payload);

    expect(outcome).toMatchObject({ outcome: 'skipped' });
  });
});
