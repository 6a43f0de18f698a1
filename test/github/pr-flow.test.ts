import { describe, expect, it } from 'vitest';
import { compileFederation } from '../../src/core/pipeline.js';
import { formatStickyMarker, parseStickyMarker } from '../../src/core/report/pr-comment.js';
import {
  cloneFiles,
  exportYaml,
  importYaml,
  notesChange,
  peerName,
  peerYaml,
  ringFederation,
  sourceFiles,
  withCodeowners,
} from './fixtures/federation-fixture.js';
import { GitHubMock, useGitHubMock } from './http-mock.js';
import {
  APP_SLUG,
  BASE_SHA,
  bodies,
  checkRunBody,
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
  sha,
} from './harness.js';

const gh = useGitHubMock();
const p0 = peerName(0);
const p1 = peerName(1);
const p2 = peerName(2);
const commentsPath = `/repos/${OWNER}/${REPO}/issues/${PR}/comments`;

function apiSequence(mock: ReturnType<typeof gh>): string[] {
  return mock.apiCalls().map((r) => `${r.method} ${new URL(r.url).pathname}`);
}

describe('pull request flow, end to end against mocked GitHub', () => {
  it("GIVEN its owner changes one peer's export WHEN the pull request is opened THEN two completed checks and one sticky comment are written, in that order", async () => {
    const base = ringFederation({ peers: 3 });
    const head = cloneFiles(base);
    head.set(`federation/peers/${p0}/api-export.yaml`, exportYaml('api', [p1], 250));
    const mock = gh();
    mockPrReads(mock, { base, head });
    mockPrWrites(mock);
    const app = await createTestApp();

    const outcome = await app.receive('pull_request', pullRequestPayload('opened', { author: 'owner-0' }));

    expect(outcome?.outcome).toBe('evaluated');
    expect(checkRunBody(mock, 'meshfed/validate')).toMatchObject({
      head_sha: HEAD_SHA,
      status: 'completed',
      conclusion: 'success',
      // The pull request's number, and who GitHub's activity says pushed the head (remembered for later events).
      external_id: `pr:${PR} pushed-by:owner-0@${HEAD_SHA}`,
      output: { title: 'Valid: 3 peers, 10 files' },
    });
    expect(checkRunBody(mock, 'meshfed/consent')).toMatchObject({ conclusion: 'success', status: 'completed' });
    const writes = apiSequence(mock).filter((s) => !s.startsWith('GET') && s !== 'POST /graphql');
    expect(writes).toEqual([
      `POST /repos/${OWNER}/${REPO}/check-runs`,
      `POST /repos/${OWNER}/${REPO}/check-runs`,
      `POST ${commentsPath}`,
    ]);
    const comment = String(bodies(mock, `POST ${commentsPath}`)[0]?.body);
    expect(parseStickyMarker(comment)).toEqual({ head: HEAD_SHA, base: BASE_SHA });
    expect(comment).toContain(`| \`${p0}\` | 0 | 1 | 0 | ✅ owner-0 (author) |`);
    expect(comment).toContain('-        maxConnections: 100\n+        maxConnections: 250');
    expect(comment).toContain('<details><summary><code>peer-000</code>: +0 ~1 -0</summary>');
  });

  it('GIVEN 60 invalid intent files WHEN evaluated THEN every problem is annotated, 50 per request, and the plan is reported unavailable', async () => {
    const base = ringFederation({ peers: 3 });
    const head = cloneFiles(base);
    for (let i = 0; i < 60; i++) {
      head.set(`federation/peers/${p0}/broken-${String(i).padStart(2, '0')}.yaml`, `apiVersion: meshfed.io/v1alpha1\nkind: ServiceExport\nmetadata:\n  name: broken-${i}\nspec:\n  bogus: true\n`);
    }
    const expected = compileFederation(sourceFiles(head), { root: 'federation' }).diagnostics.length;
    expect(expected).toBeGreaterThan(100);
    const mock = gh();
    mockPrReads(mock, { base, head });
    mockPrWrites(mock);
    const patches = Math.ceil(expected / 50) - 1;
    mock.on('PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}', { owner: OWNER, repo: REPO, check_run_id: 501 }, { body: { id: 501 } }, { times: patches });
    const app = await createTestApp();

    await app.receive('pull_request', pullRequestPayload('opened', { author: 'owner-0' }));

    const created = checkRunBody(mock, 'meshfed/validate') as { conclusion: string; output: { title: string; summary: string; annotations: unknown[] } };
    expect(created.conclusion).toBe('failure');
    expect(created.output.title).toMatch(new RegExp(`^${expected} errors`));
    expect(created.output.summary).toContain(`| errors | ${expected} |`);
    expect(created.output.annotations).toHaveLength(50);
    const more = bodies(mock, `PATCH /repos/${OWNER}/${REPO}/check-runs/501`).map((b) => (b.output as { annotations: unknown[] }).annotations.length);
    expect(more.reduce((a, b) => a + b, 0)).toBe(expected - 50);
    expect(Math.max(...more)).toBeLessThanOrEqual(50);
    expect(created.output.annotations[0]).toMatchObject({ path: `federation/peers/${p0}/broken-00.yaml`, annotation_level: 'failure' });
    const comment = String(bodies(mock, `POST ${commentsPath}`)[0]?.body);
    expect(comment).toContain('**Plan unavailable:** the head commit does not validate');
    expect(comment).toContain('### How to fix');
  });

  it('GIVEN a peer changes its owners without regenerating CODEOWNERS WHEN evaluated THEN validate fails and shows the expected file', async () => {
    const base = ringFederation({ peers: 3 });
    const head = cloneFiles(base);
    head.set(`federation/peers/${p2}/peer.yaml`, peerYaml(p2, ['@owner-2', '@owner-2b'], 2));
    const mock = gh();
    mockPrReads(mock, { base, head });
    mockPrWrites(mock);
    const app = await createTestApp();

    await app.receive('pull_request', pullRequestPayload('opened', { author: 'owner-2' }));

    const validate = checkRunBody(mock, 'meshfed/validate') as { conclusion: string; output: { title: string; summary: string; text: string; annotations: { path: string }[] } };
    expect(validate.conclusion).toBe('failure');
    expect(validate.output.title).toBe("CODEOWNERS is out of date with the peers' owners");
    expect(validate.output.summary).toContain('meshfed codeowners > .github/CODEOWNERS');
    expect(validate.output.text).toContain(`/federation/peers/${p2}/ @owner-2 @owner-2b`);
    expect(validate.output.annotations).toEqual([expect.objectContaining({ path: '.github/CODEOWNERS' })]);
  });

  it('GIVEN a sticky comment for an older head WHEN a newer push is evaluated THEN the comment is edited in place, never duplicated', async () => {
    const { base, head } = notesChange();
    const old = formatStickyMarker({ head: OLD_HEAD_SHA, base: BASE_SHA });
    const mock = gh();
    mockPrReads(mock, { base, head, sticky: { id: 77, body: `${old}\nold text` } });
    mockPrWrites(mock, { updateComment: 77 });
    const app = await createTestApp();

    const outcome = await app.receive('pull_request', pullRequestPayload('synchronize', { author: 'owner-0', updatedAt: '2026-01-10T10:00:00Z' }));

    expect(outcome?.outcome).toBe('evaluated');
    expect(mock.find(`POST ${commentsPath}`)).toHaveLength(0);
    const edited = String(bodies(mock, `PATCH /repos/${OWNER}/${REPO}/issues/comments/77`)[0]?.body);
    expect(parseStickyMarker(edited)).toEqual({ head: HEAD_SHA, base: BASE_SHA });
  });

  it("GIVEN the head was already evaluated WHEN a review arrives THEN validate (unchanged) is not rewritten and this App's consent run on the head is updated in place", async () => {
    const { base, head } = notesChange(1);
    const first = gh();
    mockPrReads(first, { base, head });
    mockPrWrites(first, { requestReviews: true });
    const app = await createTestApp();
    await app.receive('pull_request', pullRequestPayload('opened', { author: 'owner-0' }));
    const validate = checkRunBody(first, 'meshfed/validate') as { conclusion: string; output: { title: string; summary: string } };
    const comment = String(bodies(first, `POST ${commentsPath}`)[0]?.body);
    first.verify();

    const mock = new GitHubMock();
    mockPrReads(mock, {
      base,
      head,
      sticky: { id: 900, body: comment },
      reviews: [{ login: 'owner-1', state: 'APPROVED' }],
      checkSuites: [{ app: APP_SLUG, runs: [
        { id: 501, name: 'meshfed/validate', conclusion: validate.conclusion.toUpperCase(), title: validate.output.title, summary: validate.output.summary },
        { id: 502, name: 'meshfed/consent', conclusion: 'FAILURE', title: 'Waiting for peer-001', summary: 'old' },
      ] }],
    });
    mock.on('PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}', { owner: OWNER, repo: REPO, check_run_id: 502 }, { body: { id: 502 } });
    mock.on('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', { owner: OWNER, repo: REPO, comment_id: 900 }, { body: { id: 900 } });

    const outcome = await app.receive('pull_request_review', reviewPayload('submitted', { author: 'owner-0', reviewer: 'owner-1', updatedAt: '2026-01-10T11:00:00Z' }));

    expect(outcome?.outcome).toBe('evaluated');
    expect(mock.find(`POST /repos/${OWNER}/${REPO}/check-runs`)).toHaveLength(0);
    expect(bodies(mock, `PATCH /repos/${OWNER}/${REPO}/check-runs/502`)[0]).toMatchObject({ status: 'completed', conclusion: 'success' });
    mock.verify();
  });

  it("GIVEN the base branch moved on since the branch started WHEN evaluated THEN the plan is the pull request's own change (from the merge base) and owners come from the base tip", async () => {
    const mergeBase = ringFederation({ peers: 3 });
    // Since the branch started, main changed peer-002's export; the pull request does not touch it.
    const base = cloneFiles(mergeBase);
    base.set(`federation/peers/${p2}/api-export.yaml`, exportYaml('api', [peerName(0)], 999));
    const head = cloneFiles(mergeBase);
    head.set(`federation/peers/${p1}/notes.yaml`, '# notes\n');
    const mock = gh();
    // The author's push names its pusher (a branch behind main gets no activity read: docs/github-app.md).
    mockPrReads(mock, { base, head, mergeBase: { sha: sha(0x3e6), files: mergeBase }, pushedBy: null });
    mockPrWrites(mock);
    const app = await createTestApp();

    await app.receive('pull_request', pullRequestPayload('synchronize', { author: 'owner-1', pusher: 'owner-1' }));

    const comment = String(bodies(mock, `POST ${commentsPath}`)[0]?.body);
    expect(comment).toContain('Plan: no changes');
    expect(checkRunBody(mock, 'meshfed/consent')).toMatchObject({ conclusion: 'success' });
    expect(mock.find(`GET /repos/${OWNER}/${REPO}/tarball/`)).toHaveLength(3);
  });

  it('GIVEN a draft pull request missing approvals WHEN evaluated THEN nobody is asked for a review yet', async () => {
    const { base, head } = notesChange(2);
    const mock = gh();
    mockPrReads(mock, { base, head, draft: true });
    mockPrWrites(mock);
    const app = await createTestApp();

    await app.receive('pull_request', pullRequestPayload('opened', { author: 'owner-0', draft: true }));

    expect(checkRunBody(mock, 'meshfed/consent')).toMatchObject({ conclusion: 'failure' });
    expect(mock.find(`POST /repos/${OWNER}/${REPO}/pulls/${PR}/requested_reviewers`)).toHaveLength(0);
  });

  it('GIVEN a new import between two peers WHEN evaluated THEN the comment draws the added flow as a Mermaid graph', async () => {
    const base = ringFederation({ peers: 3 });
    const head = cloneFiles(base);
    head.set(`federation/peers/${p0}/api-export.yaml`, exportYaml('api', [p1, p2]));
    head.set(`federation/peers/${p2}/api-from-p0.yaml`, importYaml('api-from-zero', p0, 'api', 'api-zero'));
    withCodeowners(head);
    const mock = gh();
    mockPrReads(mock, { base, head, reviews: [{ login: 'owner-2', state: 'APPROVED' }] });
    mockPrWrites(mock);
    const app = await createTestApp();

    await app.receive('pull_request', pullRequestPayload('opened', { author: 'owner-0' }));

    const comment = String(bodies(mock, `POST ${commentsPath}`)[0]?.body);
    expect(comment).toContain('### Flows: 1 added, 0 removed');
    expect(comment).toMatch(/```mermaid\nflowchart LR\n/);
    expect(comment).toContain('peer_peer_2d_002 == "api#58; burst" ==> peer_peer_2d_000');
    // The effect of the new flow, computed from the rendered objects of both commits, in the comment and the check.
    expect(comment).toContain('### Effect on the mesh: 1 flow changed');
    expect(comment).toMatch(/: import api-from-zero \(burst\) of export api\*\*: 🆕 new flow \(\d+ ports?\)/);
    expect(checkRunBody(mock, 'meshfed/consent')).toMatchObject({ conclusion: 'success' });
    expect(JSON.stringify(checkRunBody(mock, 'meshfed/consent'))).toContain('Effect on the mesh: 1 flow changed');
  });
});
