import { describe, expect, it } from 'vitest';
import { NEXT_HEAD_CHANGE, ONE_PEER_CHANGE, syntheticFederation } from '../../bench/synthetic-federation.js';
import { withCodeowners } from './fixtures/federation-fixture.js';
import nock from 'nock';
import { GitHubMock } from './http-mock.js';
import { createTestApp, HEAD_SHA, mockPrReads, mockPrWrites, pullRequestPayload, sha } from './harness.js';

const AUTHOR = 'bench-author';

/** The API calls of a one-peer change's evaluation on the bench's synthetic federation of `peers` peers, by route. */
async function callsFor(peers: number, second: boolean): Promise<string[]> {
  const base = withCodeowners(new Map(syntheticFederation(peers).map((f) => [f.path, f.content])));
  const change = second ? NEXT_HEAD_CHANGE : ONE_PEER_CHANGE;
  const head = new Map(base).set(change.path, change.apply(base.get(change.path) as string));
  const headSha = second ? sha(0x4eae) : HEAD_SHA;
  nock.cleanAll();
  const mock = new GitHubMock();
  mockPrReads(mock, { base, head, headSha, pushedBy: AUTHOR });
  mock.on('GET /orgs/{org}/teams/{team_slug}/memberships/{username}', { org: `org-${change.peer}`, team_slug: 'mesh-admins', username: AUTHOR }, { status: 404, body: { message: 'Not Found' } });
  mockPrWrites(mock);
  const app = await createTestApp();
  const outcome = await app.receive('pull_request', pullRequestPayload('opened', { author: AUTHOR, headSha }));
  expect(outcome?.outcome).toBe('evaluated');
  mock.verify();
  // Routes, not URLs: shas and ids differ between runs, the calls made must not.
  return mock.apiCalls().map((r) => `${r.method} ${new URL(r.url).pathname.replace(/[0-9a-f]{40}/g, '{sha}')}`);
}

describe('API calls per pull request event do not grow with the federation', () => {
  it.each([false, true])('GIVEN the same one-peer change in federations of 25 and 150 peers (second head: %s) WHEN evaluated THEN exactly the same API calls are made', async (second) => {
    const small = await callsFor(25, second);
    const large = await callsFor(150, second);
    expect(large).toEqual(small);
    expect(small.length).toBeLessThanOrEqual(12);
  });
});
