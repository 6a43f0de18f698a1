import { describe, expect, it } from 'vitest';
import { cloneFiles, exportYaml, peerName, ringFederation } from './fixtures/federation-fixture.js';
import { GitHubMock, useGitHubMock } from './http-mock.js';
import { APP_SLUG, createTestApp, HEAD_SHA, mockActivity, OWNER, PR, REPO, mockPrReads, mockPrWrites, pullRequestPayload, reviewPayload, sha } from './harness.js';

const gh = useGitHubMock();

/** The calls to api.github.com of one evaluation, as `METHOD /path` with shas and numbers abstracted. */
function calls(mock: GitHubMock): string[] {
  return mock.apiCalls().map((r) => `${r.method} ${new URL(r.url).pathname.replace(/[0-9a-f]{40}/g, '{sha}').replace(/\/(pulls|issues)\/\d+/, '/$1/{n}')}`);
}

describe('API calls of a pull request event do not grow with the federation', () => {
  it.each([
    ['up to date with main', false],
    ['behind main (a third snapshot: the merge base)', true],
  ])('GIVEN a branch %s WHEN a pull request of 10 and of 200 peers is evaluated THEN both cost the same calls, at most 12', async (_name, behind) => {
    gh();
    const counts: string[][] = [];
    for (const peers of [10, 200]) {
      const base = ringFederation({ peers });
      const head = cloneFiles(base);
      // owner-0 edits peer-001's export: peer-001 must approve, so the full write path runs (as bench/pr-event-bench.ts).
      head.set(`federation/peers/${peerName(1)}/api-export.yaml`, exportYaml('api', [peerName(2)], 321));
      const mock = new GitHubMock();
      mockPrReads(mock, { base, head, ...(behind ? { mergeBase: { sha: sha(0x3e6), files: base } } : {}) });
      mockPrWrites(mock, { requestReviews: true });
      const app = await createTestApp();
      await app.receive('pull_request', pullRequestPayload('opened', { author: 'owner-0' }));
      counts.push(calls(mock).sort());
      mock.verify();
    }
    expect(counts[0]).toEqual(counts[1]);
    expect(counts[0]?.length).toBeLessThanOrEqual(12);
    expect(counts[0]).toEqual([
      'GET /repos/acme/federation/compare/main...{sha}',
      ...Array<string>(behind ? 3 : 2).fill('GET /repos/acme/federation/git/trees/{sha}'),
      ...Array<string>(behind ? 3 : 2).fill('GET /repos/acme/federation/tarball/{sha}'),
      'POST /graphql',
      'POST /repos/acme/federation/check-runs',
      'POST /repos/acme/federation/check-runs',
      'POST /repos/acme/federation/issues/{n}/comments',
      'POST /repos/acme/federation/pulls/{n}/requested_reviewers',
    ]);
  });

  /**
   * The most expensive events: the author (owner-1) changes peer-001's export, which the author owns, so whether the
   * author pushed the head decides peer-001's approval, and adds a note to peer-002's folder, whose owner must be
   * asked for a review. Only a `synchronize` names the pusher; for the others GitHub's activity is read when the
   * branch is up to date (the 11th call), and not at all when it is behind (three snapshots already make 12):
   * authorship then does not count (attacks.test.ts, attack 3).
   */
  it.each([
    ['up to date', 'opened', false, true],
    ['up to date', 'a review', false, true],
    ['up to date', 'a review, the pusher remembered in the App\'s own check run,', false, false],
    ['up to date', 'synchronize by the author', false, false],
    ['behind main', 'opened', true, false],
    ['behind main', 'a review', true, false],
    ['behind main', 'a review, the pusher remembered in the App\'s own check run,', true, false],
    ['behind main', 'synchronize by the author', true, false],
  ] as const)('GIVEN a branch %s and the author ownership deciding WHEN %s is evaluated for 10 and for 200 peers THEN both cost the same calls, at most 12', async (_name, event, behind, activity) => {
    const remembered = event.includes('remembered');
    gh();
    const counts: string[][] = [];
    for (const peers of [10, 200]) {
      const base = ringFederation({ peers });
      const head = cloneFiles(base);
      head.set(`federation/peers/${peerName(1)}/api-export.yaml`, exportYaml('api', [peerName(2)], 321));
      head.set(`federation/peers/${peerName(2)}/notes.yaml`, '# notes\n');
      const mock = new GitHubMock();
      // Unmatched calls fail the mock: the activity is answered only where it is expected.
      // An earlier synchronize by the author left `pushed-by:owner-1@<head>` in the App's own check runs on the head.
      const externalId = `pr:${PR} pushed-by:owner-1@${HEAD_SHA}`;
      const checkSuites = remembered ? [{ app: APP_SLUG, runs: [{ id: 501, name: 'meshfed/validate', externalId }, { id: 502, name: 'meshfed/consent', externalId }] }] : [];
      mockPrReads(mock, { base, head, pushedBy: null, checkSuites, ...(behind ? { mergeBase: { sha: sha(0x3e6), files: base } } : {}) });
      if (activity) mockActivity(mock, { after: HEAD_SHA, actor: 'owner-1' });
      if (remembered) {
        // Their old results are replaced: validate is created anew, consent updated in place.
        mock.on('POST /repos/{owner}/{repo}/check-runs', { owner: OWNER, repo: REPO }, { status: 201, body: { id: 503 } });
        mock.on('PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}', { owner: OWNER, repo: REPO, check_run_id: 502 }, { body: { id: 502 } });
        mock.on('POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers', { owner: OWNER, repo: REPO, pull_number: PR }, { status: 201, body: { number: PR } });
        mock.on('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { owner: OWNER, repo: REPO, issue_number: PR }, { status: 201, body: { id: 900 } });
      } else {
        mockPrWrites(mock, { requestReviews: true });
      }
      const app = await createTestApp();
      const author = { author: 'owner-1' };
      if (event.startsWith('a review')) await app.receive('pull_request_review', reviewPayload('submitted', { ...author, reviewer: 'owner-5', state: 'commented' }));
      else await app.receive('pull_request', pullRequestPayload(event === 'opened' ? 'opened' : 'synchronize', { ...author, pusher: 'owner-1' }));
      counts.push(calls(mock).sort());
      mock.verify();
    }
    expect(counts[0]).toEqual(counts[1]);
    expect(counts[0]?.length).toBeLessThanOrEqual(12);
    expect(counts[0]?.length).toBe((behind ? 12 : 10) + (activity ? 1 : 0));
    expect(counts[0]?.includes('GET /repos/acme/federation/activity')).toBe(activity);
    expect(counts[0]?.includes('POST /repos/acme/federation/pulls/{n}/requested_reviewers')).toBe(true);
  });
});
