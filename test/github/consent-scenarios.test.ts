import { describe, expect, it } from 'vitest';
import {
  cloneFiles,
  federationYaml,
  peerName,
  peerYaml,
  ringFederation,
  withCodeowners,
  type RepoFiles,
} from './fixtures/federation-fixture.js';
import { useGitHubMock } from './http-mock.js';
import {
  checkRunBody,
  bodies,
  createTestApp,
  HEAD_SHA,
  mockPrReads,
  mockPrWrites,
  OLD_HEAD_SHA,
  OWNER,
  PR,
  pullRequestPayload,
  REPO,
  sha,
  type ReviewFixture,
} from './harness.js';

const gh = useGitHubMock();

interface Scenario {
  readonly name: string;
  readonly base: RepoFiles;
  readonly head: RepoFiles;
  readonly author: string;
  readonly fork?: boolean;
  readonly reviews?: readonly ReviewFixture[];
  /** Team-membership lookups the bot is expected to make, and GitHub's answer. */
  readonly memberships?: readonly { team: string; login: string; active: boolean }[];
  readonly expect: {
    readonly conclusion: 'success' | 'failure';
    /** peer -> reasons, for every peer whose approval is needed. */
    readonly peers: Record<string, string[]>;
    /** Body of the review request, or undefined when none is made. */
    readonly requested?: { reviewers: string[]; team_reviewers: string[] };
    readonly admission?: { policy: string; needed: number; approving: string[] };
  };
}

const p0 = peerName(0);
const p1 = peerName(1);
const p2 = peerName(2);
const p3 = peerName(3);

function ring(options: { newPeer?: 'all' | 'majority' | 'any'; owners?: (i: number) => string[] } = {}): RepoFiles {
  return ringFederation({ peers: 3, ...(options.newPeer ? { newPeer: options.newPeer } : {}), ...(options.owners ? { owners: options.owners } : {}) });
}

function edit(base: RepoFiles, changes: Record<string, string | undefined>, codeowners = true): RepoFiles {
  const head = cloneFiles(base);
  for (const [path, content] of Object.entries(changes)) {
    if (content === undefined) head.delete(path);
    else head.set(path, content);
  }
  return codeowners ? withCodeowners(head) : head;
}

const approve = (login: string, commitId = HEAD_SHA): ReviewFixture => ({ login, state: 'APPROVED', commitId });

/** peer-003 joins: a folder with its peer.yaml only (it imports nothing yet). */
function withNewPeer(base: RepoFiles): RepoFiles {
  return edit(base, { [`federation/peers/${p3}/peer.yaml`]: peerYaml(p3, ['@newcomer'], 3) });
}

const teamRing = ring({ owners: (i) => (i === 1 ? ['@acme/mesh-beta'] : [`@owner-${i}`]) });

const scenarios: Scenario[] = [
  {
    name: "the author's own peer: the author's ownership is the approval",
    base: ring(),
    head: edit(ring(), { [`federation/peers/${p0}/notes.yaml`]: '# ops notes\n' }),
    author: 'owner-0',
    expect: { conclusion: 'success', peers: { [p0]: ['folder-touched'] } },
  },
  {
    name: 'a team member approves (membership read through the API)',
    base: teamRing,
    head: edit(teamRing, { [`federation/peers/${p1}/notes.yaml`]: '# ops notes\n' }),
    author: 'owner-0',
    reviews: [approve('bob')],
    memberships: [
      { team: '@acme/mesh-beta', login: 'bob', active: true },
      { team: '@acme/mesh-beta', login: 'owner-0', active: false },
    ],
    expect: { conclusion: 'success', peers: { [p1]: ['folder-touched'] } },
  },
  {
    name: 'an approval given on an older commit does not count, and the owner is asked again',
    base: ring(),
    head: edit(ring(), { [`federation/peers/${p1}/notes.yaml`]: '# ops notes\n' }),
    author: 'owner-0',
    reviews: [approve('owner-1', OLD_HEAD_SHA)],
    expect: { conclusion: 'failure', peers: { [p1]: ['folder-touched'] }, requested: { reviewers: ['owner-1'], team_reviewers: [] } },
  },
  {
    name: "a pull request adding its author to a peer's owners: the base owners decide",
    base: ring(),
    head: edit(ring(), { [`federation/peers/${p1}/peer.yaml`]: peerYaml(p1, ['@owner-1', '@mallory'], 1) }),
    // (CODEOWNERS regenerated too: it follows the owners, so it adds no requirement of its own)
    author: 'mallory',
    expect: { conclusion: 'failure', peers: { [p1]: ['folder-touched'] }, requested: { reviewers: ['owner-1'], team_reviewers: [] } },
  },
  {
    name: "a change to another peer's folder needs that peer",
    base: ring(),
    head: edit(ring(), { [`federation/peers/${p2}/notes.yaml`]: '# ops notes\n' }),
    author: 'owner-0',
    expect: { conclusion: 'failure', peers: { [p2]: ['folder-touched'] }, requested: { reviewers: ['owner-2'], team_reviewers: [] } },
  },
  {
    name: "a change in the provider's folder that alters the consumer's rendered output needs the consumer too",
    base: ring(),
    head: edit(ring(), { [`federation/peers/${p0}/peer.yaml`]: peerYaml(p0, ['@owner-0'], 0).replace('address: 10.0.0.1', 'address: 10.9.9.9') }),
    author: 'owner-0',
    expect: { conclusion: 'failure', peers: { [p0]: ['folder-touched'], [p1]: ['output-changed'] }, requested: { reviewers: ['owner-1'], team_reviewers: [] } },
  },
  ...(['all', 'majority', 'any'] as const).map(
    (policy): Scenario => ({
      name: `a new peer joins under admission.newPeer=${policy} with one existing peer's approval`,
      base: ring({ newPeer: policy }),
      head: withNewPeer(ring({ newPeer: policy })),
      author: 'newcomer',
      reviews: [approve('owner-0')],
      expect: {
        conclusion: policy === 'any' ? 'success' : 'failure',
        peers: {},
        admission: { policy, needed: policy === 'all' ? 3 : policy === 'majority' ? 2 : 1, approving: [p0] },
        ...(policy === 'any' ? {} : { requested: { reviewers: ['owner-1', 'owner-2'], team_reviewers: [] } }),
      },
    }),
  ),
  {
    name: 'a new peer under majority with two of three existing peers approving',
    base: ring({ newPeer: 'majority' }),
    head: withNewPeer(ring({ newPeer: 'majority' })),
    author: 'newcomer',
    reviews: [approve('owner-0'), approve('owner-2')],
    expect: { conclusion: 'success', peers: {}, admission: { policy: 'majority', needed: 2, approving: [p0, p2] } },
  },
  {
    name: 'federation.yaml changes need every peer',
    base: ring(),
    head: edit(ring(), { 'federation/federation.yaml': federationYaml('any') }),
    author: 'owner-0',
    reviews: [approve('owner-1')],
    expect: {
      conclusion: 'failure',
      peers: { [p0]: ['federation-wide'], [p1]: ['federation-wide'], [p2]: ['federation-wide'] },
      requested: { reviewers: ['owner-2'], team_reviewers: [] },
    },
  },
  {
    name: 'a hand-made CODEOWNERS change needs every peer',
    base: ring(),
    head: edit(ring(), { '.github/CODEOWNERS': `${ring().get('.github/CODEOWNERS') ?? ''}# tweak\n` }, false),
    author: 'owner-0',
    reviews: [approve('owner-1'), approve('owner-2')],
    expect: { conclusion: 'success', peers: { [p0]: ['federation-wide'], [p1]: ['federation-wide'], [p2]: ['federation-wide'] } },
  },
  {
    name: 'a workflow change needs every peer',
    base: ring(),
    head: edit(ring(), { '.github/workflows/meshfed-bot.yml': 'on: push\n' }),
    author: 'owner-2',
    expect: {
      conclusion: 'failure',
      peers: { [p0]: ['federation-wide'], [p1]: ['federation-wide'], [p2]: ['federation-wide'] },
      requested: { reviewers: ['owner-0', 'owner-1'], team_reviewers: [] },
    },
  },
  {
    name: 'a pull request from a fork is read through the API like any other and needs the touched peer',
    base: ring(),
    head: edit(ring(), { [`federation/peers/${p1}/notes.yaml`]: '# from a fork\n' }),
    author: 'mallory',
    fork: true,
    expect: { conclusion: 'failure', peers: { [p1]: ['folder-touched'] }, requested: { reviewers: ['owner-1'], team_reviewers: [] } },
  },
  {
    name: 'a README change outside the federation needs nobody',
    base: ring(),
    head: edit(ring(), { 'README.md': '# renamed\n' }),
    author: 'mallory',
    expect: { conclusion: 'success', peers: {} },
  },
];

describe('consent scenarios (docs/consent.md "The rule")', () => {
  it.each(scenarios)('GIVEN $name WHEN evaluated THEN the consent check says so', async (s) => {
    const mock = gh();
    mockPrReads(mock, { base: s.base, head: s.head, pushedBy: s.author, ...(s.reviews ? { reviews: s.reviews } : {}) });
    for (const m of s.memberships ?? []) {
      const [org, slug] = m.team.slice(1).split('/') as [string, string];
      mock.on(
        'GET /orgs/{org}/teams/{team_slug}/memberships/{username}',
        { org, team_slug: slug, username: m.login },
        m.active ? { body: { state: 'active', role: 'member' } } : { status: 404, body: { message: 'Not Found' } },
      );
    }
    mockPrWrites(mock, { requestReviews: s.expect.requested !== undefined });
    const app = await createTestApp();

    const outcome = await app.receive('pull_request', pullRequestPayload('opened', { author: s.author, fork: s.fork ?? false }));

    expect(outcome?.outcome).toBe('evaluated');
    const consent = checkRunBody(mock, 'meshfed/consent');
    expect(consent.conclusion).toBe(s.expect.conclusion);
    const summary = String((consent.output as { summary: string }).summary);
    for (const [peer, reasons] of Object.entries(s.expect.peers)) {
      expect(summary).toContain(`| \`${peer}\` | ${reasons.join(', ')} |`);
    }
    const rows = summary.split('\n').filter((l) => /^\| `peer-/.test(l));
    expect(rows).toHaveLength(Object.keys(s.expect.peers).length);
    if (s.expect.admission) {
      const a = s.expect.admission;
      expect(summary).toContain(`policy \`${a.policy}\` needs ${a.needed} of 3 existing peers; ${a.approving.length} approved`);
    }
    const requested = bodies(mock, `POST /repos/${OWNER}/${REPO}/pulls/${PR}/requested_reviewers`);
    expect(requested).toEqual(s.expect.requested ? [s.expect.requested] : []);
    // Intents are read as data from the base repository's archives, for forks too: nothing else is fetched.
    expect(mock.find(`GET /repos/${OWNER}/${REPO}/tarball/`)).toHaveLength(2);
  });
});

describe('consent cannot be bypassed through the base branch', () => {
  it("GIVEN a pull request into a branch other than the default branch, whose peer.yaml files make the author everyone's owner WHEN it is opened THEN nothing is read or written: a check run on its head commit would also gate a pull request of the same commit into the default branch", async () => {
    gh(); // no GitHub call at all is expected
    const app = await createTestApp();

    const outcome = await app.receive('pull_request', pullRequestPayload('opened', { author: 'mallory', baseRef: 'mallory-owns-all' }));

    expect(outcome).toMatchObject({ outcome: 'skipped' });
    expect(String((outcome?.detail as { reason: string }).reason)).toContain('mallory-owns-all');
  });

  it("GIVEN the default branch removed the author from a peer's owners after the pull request was opened (the payload's base.sha is still the old tip) WHEN evaluated THEN owners come from the branch's current tip and that peer must approve", async () => {
    const staleSha = sha(0x57a1e);
    // When the pull request was opened, owner-0 co-owned peer-001; main has removed them since.
    const stale = ring({ owners: (i) => (i === 1 ? ['@owner-1', '@owner-0'] : [`@owner-${i}`]) });
    const tip = withCodeowners(ring());
    const head = edit(stale, { [`federation/peers/${p1}/notes.yaml`]: '# ops notes\n' });
    const mock = gh();
    mockPrReads(mock, { base: tip, head, mergeBase: { sha: staleSha, files: stale } });
    mockPrWrites(mock, { requestReviews: true });
    const app = await createTestApp();

    const outcome = await app.receive('pull_request', pullRequestPayload('synchronize', { author: 'owner-0', baseSha: staleSha }));

    expect(outcome?.outcome).toBe('evaluated');
    const consent = checkRunBody(mock, 'meshfed/consent');
    expect(consent.conclusion).toBe('failure');
    expect(String((consent.output as { summary: string }).summary)).toContain(`| \`${p1}\` | folder-touched |`);
    expect(bodies(mock, `POST /repos/${OWNER}/${REPO}/pulls/${PR}/requested_reviewers`)).toEqual([{ reviewers: ['owner-1'], team_reviewers: [] }]);
  });
});
