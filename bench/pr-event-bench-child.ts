// The pr-event bench in a fresh process: the Probot app wired as in production (meshfed's Octokit, one delivery
// ledger, one compile cache per process) against mocked GitHub (every request checked against GitHub's OpenAPI
// description, unmatched or unused mocks fail). Two pull request events on the synthetic federation of N peers:
// the first in the fresh process (cold), the second (a new head of the same pull request: the same import changed
// again) in the same process (warm). Prints one JSON line per event.
import nock from 'nock';
import { Probot } from 'probot';
import { DEFAULT_BOT_CONFIG } from '../src/adapters/github/bot-config.js';
import { DeliveryLedger } from '../src/adapters/github/events/delivery-ledger.js';
import { meshfedOctokitClass } from '../src/adapters/github/github-client.js';
import { meshfedProbotApp } from '../src/adapters/github/events/probot-app.js';
import type { HandlerOutcome } from '../src/adapters/github/events/webhook-router.js';
import { withCodeowners } from '../test/github/fixtures/federation-fixture.js';
import { GitHubMock } from '../test/github/github-mock.js';
import { HEAD_SHA, mockPrReads, mockPrWrites, pullRequestPayload, sha } from '../test/github/harness.js';
import { NEXT_HEAD_CHANGE, ONE_PEER_CHANGE, syntheticFederation } from './synthetic-federation.js';

const n = Number(process.argv[2]);
const AUTHOR = 'bench-author';

const base = withCodeowners(new Map(syntheticFederation(n).map((f) => [f.path, f.content])));
const first = new Map(base).set(ONE_PEER_CHANGE.path, ONE_PEER_CHANGE.apply(base.get(ONE_PEER_CHANGE.path) as string));
const second = new Map(base).set(NEXT_HEAD_CHANGE.path, NEXT_HEAD_CHANGE.apply(base.get(NEXT_HEAD_CHANGE.path) as string));

nock.disableNetConnect();
const ledger = new DeliveryLedger<HandlerOutcome>();
const probot = new Probot({ githubToken: 'bench', Octokit: meshfedOctokitClass({ writeSpacing: 'none' }), logLevel: 'fatal' });
await probot.load(meshfedProbotApp(DEFAULT_BOT_CONFIG, ledger));

async function event(index: number, head: Map<string, string>, headSha: string, changedPeer: string): Promise<void> {
  nock.cleanAll();
  const mock = new GitHubMock();
  mockPrReads(mock, { base, head, headSha, pushedBy: AUTHOR });
  // The author is asked about in the changed peer's owner team (not a member: that peer's approval is requested).
  mock.on('GET /orgs/{org}/teams/{team_slug}/memberships/{username}', { org: `org-${changedPeer}`, team_slug: 'mesh-admins', username: AUTHOR }, { status: 404, body: { message: 'Not Found' } });
  // The owner teams are of other organisations, which GitHub cannot be asked to request reviews from (the comment says so).
  mockPrWrites(mock, { requestReviews: false });
  const payload = pullRequestPayload(index === 0 ? 'opened' : 'synchronize', { author: AUTHOR, headSha, updatedAt: `2026-01-10T10:0${index}:00Z` });
  const id = `bench-${n}-${index}`;
  const t0 = performance.now();
  await probot.receive({ id, name: 'pull_request', payload } as Parameters<Probot['receive']>[0]);
  const ms = performance.now() - t0;
  const outcome = await ledger.result(id);
  if (outcome?.outcome !== 'evaluated') throw new Error(`event ${index} at ${n} peers: ${JSON.stringify(outcome)}`);
  mock.verify();
  console.log(
    JSON.stringify({
      name: 'pr-event',
      peers: n,
      cold: index === 0,
      api_calls: mock.apiCalls().length,
      ms_unthrottled: Math.round(ms),
      peak_mb: Math.round(process.resourceUsage().maxRSS / 1024),
      baseline_mb: BASELINE_MB,
    }),
  );
}

// What the process held before the first event: the bench's own fixtures (three federations, the archives the mock
// serves), nock and GitHub's OpenAPI description the mock checks every request against. Not the App's: peak_mb
// minus this is what the events added.
const BASELINE_MB = Math.round(process.resourceUsage().maxRSS / 1024);
await event(0, first, HEAD_SHA, ONE_PEER_CHANGE.peer);
await event(1, second, sha(0x4eae), NEXT_HEAD_CHANGE.peer);
