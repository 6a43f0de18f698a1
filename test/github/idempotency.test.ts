import { describe, expect, it } from 'vitest';
import { formatStickyMarker } from '../../src/core/report/pr-comment.js';
import { notesChange } from './fixtures/federation-fixture.js';
import { GitHubMock, useGitHubMock } from './http-mock.js';
import {
  APP_SLUG,
  BASE_SHA,
  bodies,
  checkRunBody,
  mockPrState,
  sha,
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

  it('GIVEN a delivery was handled WHEN it is redelivered to a fresh process THEN it is evaluated again from GitHub and nothing that already says the same is written', async () => {
    const { base, head } = notesChange();
    const first = gh();
    mockPrReads(first, { base, head });
    mockPrWrites(first);
    await (await createTestApp()).receive('pull_request', pullRequestPayload('opened', { author: 'owner-0' }), 'redelivered-1');
    const run = (name: string, id: number) => {
      const b = checkRunBody(first, name) as { conclusion: string; external_id: string; output: { title: string; summary: string } };
      return { id, name, conclusion: b.conclusion.toUpperCase(), title: b.output.title, summary: b.output.summary, externalId: b.external_id };
    };
    const sticky = { id: 900, body: String(bodies(first, `POST /repos/${owner}/${repo}/issues/${PR}/comments`)[0]?.body) };
    const runs = [run('meshfed/validate', 501), run('meshfed/consent', 502)];
    first.verify();

    const mock = new GitHubMock();
    mockPrReads(mock, { base, head, sticky, checkSuites: [{ app: APP_SLUG, runs }] });
    const outcome = await (await createTestApp()).receive('pull_request', pullRequestPayload('opened', { author: 'owner-0' }), 'redelivered-1');

    expect(outcome?.outcome).toBe('evaluated');
    expect(mock.apiCalls().filter((r) => r.method !== 'GET' && !r.url.endsWith('/graphql'))).toEqual([]);
    mock.verify();
  });

  it("GIVEN the pull request's head moved on WHEN a late event for the older head arrives THEN it is dropped after reading the pull request, nothing is written", async () => {
    const mock = gh();
    mockPrState(mock, { headSha: OLD_HEAD_SHA, currentHead: HEAD_SHA });
    const app = await createTestApp();

    const outcome = await app.receive('pull_request_review', reviewPayload('submitted', { headSha: OLD_HEAD_SHA, updatedAt: '2026-01-10T09:00:00Z' }));

    expect(outcome).toMatchObject({ outcome: 'stale' });
    expect(mock.apiCalls()).toHaveLength(1);
  });

  it("GIVEN someone edited the bot's own comment to claim a newer head and delivery WHEN an owner's review arrives THEN it is evaluated anyway: the comment is never state", async () => {
    const { base, head } = notesChange(1);
    const forged = `${formatStickyMarker({ head: sha(0xbeef), base: BASE_SHA, updatedAt: '2999-01-01T00:00:00Z', delivery: 'any', validate: 1, consent: 2 })}\nedited`;
    const mock = gh();
    mockPrReads(mock, { base, head, sticky: { id: 77, body: forged }, reviews: [{ login: 'owner-1', state: 'CHANGES_REQUESTED' }] });
    mockPrWrites(mock, { updateComment: 77, requestReviews: true });
    const app = await createTestApp();

    const outcome = await app.receive('pull_request_review', reviewPayload('submitted', { author: 'owner-0', reviewer: 'owner-1', state: 'changes_requested', updatedAt: '2026-01-10T09:00:00Z' }));

    expect(outcome).toMatchObject({ outcome: 'evaluated', detail: { consent: 'failure' } });
    expect(mock.find(`PATCH /repos/${owner}/${repo}/check-runs/1`)).toHaveLength(0);
    expect(mock.find(`PATCH /repos/${owner}/${repo}/check-runs/2`)).toHaveLength(0);
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
