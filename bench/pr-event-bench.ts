// One full pull-request evaluation (webhook in, checks + review request + sticky comment out) against
// mocked GitHub, for a 10-peer and a 200-peer federation. Prints figures, asserts nothing.
//   api_calls      requests to api.github.com (codeload archive downloads are counted apart: `downloads`)
//   ms             wall time of the handler with production Octokit settings, including the throttling
//                  deliberate spacing of writes (DEFAULT_WRITE_SPACING: 750 ms between mutations, 1 s between
//                  notifying ones)
//   ms_unthrottled the same evaluation without write spacing (reads, compile, render, plan, consent, writes)
import nock from 'nock';
import { Probot } from 'probot';
import { DEFAULT_BOT_CONFIG } from '../src/adapters/github/bot-config.js';
import { DeliveryLedger } from '../src/adapters/github/delivery-ledger.js';
import { meshfedOctokitClass, type OctokitTuning } from '../src/adapters/github/github-client.js';
import { meshfedProbotApp } from '../src/adapters/github/probot-app.js';
import type { HandlerOutcome } from '../src/adapters/github/webhook-router.js';
import { cloneFiles, exportYaml, peerName, ringFederation } from '../test/github/fixtures/federation-fixture.js';
import { GitHubMock } from '../test/github/github-mock.js';
import { mockPrReads, mockPrWrites, pullRequestPayload } from '../test/github/harness.js';

const SIZES = [10, 200] as const;

export async function prEventBench(): Promise<Record<string, unknown>[]> {
  nock.disableNetConnect();
  const rows: Record<string, unknown>[] = [];
  try {
    for (const peers of SIZES) {
      const unthrottled = await evaluateOnce(peers, { writeSpacing: 'none' });
      const production = await evaluateOnce(peers, {});
      rows.push({
        name: 'pr-event',
        peers,
        api_calls: production.apiCalls,
        downloads: production.downloads,
        ms: Math.round(production.ms),
        ms_unthrottled: Math.round(unthrottled.ms),
        outcome: production.outcome,
      });
    }
  } finally {
    nock.cleanAll();
    nock.enableNetConnect();
  }
  return rows;
}

async function evaluateOnce(peers: number, tuning: OctokitTuning): Promise<{ apiCalls: number; downloads: number; ms: number; outcome: string }> {
  // owner-0 edits peer-001's export: peer-001 must approve, so the full write path runs (two checks, a review
  // request, the comment).
  const base = ringFederation({ peers });
  const head = cloneFiles(base);
  head.set(`federation/peers/${peerName(1)}/api-export.yaml`, exportYaml('api', [peerName(2)], 321));
  nock.cleanAll();
  const mock = new GitHubMock();
  mockPrReads(mock, { base, head });
  mockPrWrites(mock, { requestReviews: true });
  const ledger = new DeliveryLedger<HandlerOutcome>();
  const probot = new Probot({ githubToken: 'bench', Octokit: meshfedOctokitClass(tuning), logLevel: 'fatal' });
  await probot.load(meshfedProbotApp(DEFAULT_BOT_CONFIG, ledger));
  const payload = pullRequestPayload('opened', { author: 'owner-0' });

  const t0 = performance.now();
  await probot.receive({ id: `bench-${peers}`, name: 'pull_request', payload } as Parameters<Probot['receive']>[0]);
  const ms = performance.now() - t0;

  const outcome = (await ledger.result(`bench-${peers}`))?.outcome ?? 'none';
  mock.verify();
  return {
    apiCalls: mock.apiCalls().length,
    downloads: mock.requests.length - mock.apiCalls().length,
    ms,
    outcome,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const row of await prEventBench()) console.log(JSON.stringify(row));
}
