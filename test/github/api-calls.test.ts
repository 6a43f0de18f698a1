import { describe, expect, it } from 'vitest';
import { cloneFiles, exportYaml, peerName, ringFederation } from './fixtures/federation-fixture.js';
import { GitHubMock, useGitHubMock } from './http-mock.js';
import { createTestApp, mockPrReads, mockPrWrites, pullRequestPayload, sha } from './harness.js';

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
});
