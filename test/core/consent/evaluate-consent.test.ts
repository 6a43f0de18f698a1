import { describe, expect, it } from 'vitest';
import { consentToGithub } from '../../../src/core/consent/format-consent.js';
import { BASE, OLD, PEERS, approve, review, runScenario, summarize, withPeers, withoutPeer, type Scenario } from './consent-fixtures.js';

const ALPHA_FILE = 'federation/peers/alpha/imports.yaml';
const BETA_FILE = 'federation/peers/beta/exports.yaml';

interface Row {
  readonly name: string;
  readonly scenario: Scenario;
  readonly satisfied: boolean;
  readonly summary: readonly string[];
}

/** The consent scenarios of issue #3, plus the edge cases docs/consent.md decides. */
const ROWS: readonly Row[] = [
  {
    name: "the author edits their own peer's folder: authorship is the approval",
    scenario: { author: 'alice', changedFiles: [ALPHA_FILE], outputChanged: ['alpha'] },
    satisfied: true,
    summary: ['alpha [x] folder-touched,output-changed <- alice(author)'],
  },
  {
    name: 'the author belongs to an owner team of the peer: authorship counts through the team',
    scenario: { author: 'carol', changedFiles: [ALPHA_FILE] },
    satisfied: true,
    summary: ['alpha [x] folder-touched <- carol(author)'],
  },
  {
    name: 'a member of an owner team approves on the head commit',
    scenario: { author: 'gina', changedFiles: [ALPHA_FILE], reviews: [approve('carol')] },
    satisfied: true,
    summary: ['alpha [x] folder-touched <- carol'],
  },
  {
    name: 'the only approval was given on an older commit',
    scenario: { author: 'gina', changedFiles: [ALPHA_FILE], reviews: [approve('alice', OLD)] },
    satisfied: false,
    summary: ['alpha [ ] folder-touched'],
  },
  {
    name: 'an approval whose commit GitHub no longer has (commit_id null)',
    scenario: { author: 'gina', changedFiles: [ALPHA_FILE], reviews: [approve('alice', null)] },
    satisfied: false,
    summary: ['alpha [ ] folder-touched'],
  },
  {
    name: 'an approval later dismissed',
    scenario: { author: 'gina', changedFiles: [ALPHA_FILE], reviews: [approve('alice'), review('alice', 'DISMISSED')] },
    satisfied: false,
    summary: ['alpha [ ] folder-touched'],
  },
  {
    name: 'an approval followed by changes requested',
    scenario: { author: 'gina', changedFiles: [ALPHA_FILE], reviews: [approve('alice'), review('alice', 'CHANGES_REQUESTED')] },
    satisfied: false,
    summary: ['alpha [ ] folder-touched'],
  },
  {
    name: 'changes requested, then approved on the head commit',
    scenario: { author: 'gina', changedFiles: [ALPHA_FILE], reviews: [review('alice', 'CHANGES_REQUESTED', OLD), approve('alice')] },
    satisfied: true,
    summary: ['alpha [x] folder-touched <- alice'],
  },
  {
    name: 'an approval followed by a plain comment: the comment withdraws nothing',
    scenario: { author: 'gina', changedFiles: [ALPHA_FILE], reviews: [approve('alice'), review('alice', 'COMMENTED')] },
    satisfied: true,
    summary: ['alpha [x] folder-touched <- alice'],
  },
  {
    name: 'an approval by someone who owns no affected peer',
    scenario: { author: 'gina', changedFiles: [ALPHA_FILE], reviews: [approve('bob')] },
    satisfied: false,
    summary: ['alpha [ ] folder-touched'],
  },
  {
    name: 'the pull request adds its author to the owners: base owners decide',
    scenario: {
      author: 'mallory',
      changedFiles: ['federation/peers/alpha/peer.yaml'],
      head: withPeers({ alpha: { ...PEERS['alpha'], owners: ['@alice', '@acme/alpha-team', '@mallory'] } }),
      reviews: [approve('mallory')],
    },
    satisfied: false,
    summary: ['alpha [ ] folder-touched'],
  },
  {
    name: "an owner of alpha edits beta's folder: beta must approve",
    scenario: { author: 'alice', changedFiles: [BETA_FILE] },
    satisfied: false,
    summary: ['beta [ ] folder-touched'],
  },
  {
    name: "an owner of alpha edits beta's folder and beta approves (login case ignored)",
    scenario: { author: 'alice', changedFiles: [BETA_FILE], reviews: [approve('BOB')] },
    satisfied: true,
    summary: ['beta [x] folder-touched <- BOB'],
  },
  {
    name: "a change in beta's folder alters alpha's rendered output: both must approve",
    scenario: { author: 'bob', changedFiles: [BETA_FILE], outputChanged: ['alpha', 'beta'] },
    satisfied: false,
    summary: ['alpha [ ] output-changed', 'beta [x] folder-touched,output-changed <- bob(author)'],
  },
  {
    name: "a change in beta's folder alters alpha's output, and alpha's team approves",
    scenario: { author: 'bob', changedFiles: [BETA_FILE], outputChanged: ['alpha', 'beta'], reviews: [approve('carol')] },
    satisfied: true,
    summary: ['alpha [x] output-changed <- carol', 'beta [x] folder-touched,output-changed <- bob(author)'],
  },
  {
    name: 'federation.yaml changes: every peer must approve',
    scenario: { author: 'alice', changedFiles: ['federation/federation.yaml'], reviews: [approve('bob')] },
    satisfied: false,
    summary: ['alpha [x] federation-wide <- alice(author)', 'beta [x] federation-wide <- bob', 'gamma [ ] federation-wide'],
  },
  {
    name: 'federation.yaml changes and every peer approves',
    scenario: { author: 'alice', changedFiles: ['federation/federation.yaml'], reviews: [approve('bob'), approve('gina')] },
    satisfied: true,
    summary: ['alpha [x] federation-wide <- alice(author)', 'beta [x] federation-wide <- bob', 'gamma [x] federation-wide <- gina'],
  },
  ...['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS', '.github/workflows/meshfed-apply.yml', '.github/actions/setup/action.yml', 'federation/README.md', 'federation/peers/notes.md', '.gitattributes', 'docs/.gitattributes', 'federation/peers/alpha/.gitattributes'].map(
    (file): Row => ({
      name: `${file} changes: every peer must approve`,
      scenario: { author: 'alice', changedFiles: [file] },
      satisfied: false,
      summary: ['alpha [x] federation-wide <- alice(author)', 'beta [ ] federation-wide', 'gamma [ ] federation-wide'],
    }),
  ),
  {
    name: 'a file outside the federation that does not govern meshfed: nobody needs to approve',
    scenario: { author: 'mallory', changedFiles: ['README.md', 'docs/operators.md'] },
    satisfied: true,
    summary: [],
  },
  {
    name: 'a peer leaves: its own base owners must approve',
    scenario: {
      author: 'bob',
      head: withoutPeer('gamma'),
      changedFiles: ['federation/peers/gamma/peer.yaml'],
      outputChanged: ['gamma'],
    },
    satisfied: false,
    summary: ['gamma [ ] folder-touched,output-changed,peer-removed'],
  },
  {
    name: "a peer leaves with its owners' approval",
    scenario: {
      author: 'bob',
      head: withoutPeer('gamma'),
      changedFiles: ['federation/peers/gamma/peer.yaml'],
      outputChanged: ['gamma'],
      reviews: [approve('gina')],
    },
    satisfied: true,
    summary: ['gamma [x] folder-touched,output-changed,peer-removed <- gina'],
  },
  {
    name: 'a peer folder renamed (old path listed): the old peer leaves, the new one needs admission',
    scenario: {
      author: 'gina',
      head: { peers: { alpha: PEERS['alpha'] ?? {}, beta: PEERS['beta'] ?? {}, 'gamma-eu': PEERS['gamma'] ?? {} } },
      changedFiles: ['federation/peers/gamma/peer.yaml', 'federation/peers/gamma-eu/peer.yaml'],
    },
    satisfied: false,
    summary: ['gamma [x] folder-touched,output-changed,peer-removed <- gina(author)', 'admission gamma-eu [ ] all 1/3 of 3'],
  },
  {
    name: 'a pull request from a fork: same rules, only logins matter',
    scenario: { author: 'outside-contributor', changedFiles: [ALPHA_FILE], outputChanged: ['alpha'], reviews: [approve('alice')] },
    satisfied: true,
    summary: ['alpha [x] folder-touched,output-changed <- alice'],
  },
  {
    name: "the author's own APPROVED review (impossible on GitHub) never counts for a peer the author does not own",
    scenario: { author: 'bob', changedFiles: [ALPHA_FILE], reviews: [approve('bob')] },
    satisfied: false,
    summary: ['alpha [ ] folder-touched'],
  },
  {
    name: 'an owner team that could not be resolved counts as having no members',
    scenario: { author: 'bob', changedFiles: [ALPHA_FILE], reviews: [approve('carol')], teams: new Map() },
    satisfied: false,
    summary: ['alpha [ ] folder-touched'],
  },
  {
    name: 'a custom federation root',
    scenario: {
      base: { ...BASE, root: 'mesh' },
      author: 'bob',
      changedFiles: ['mesh/peers/alpha/imports.yaml', 'federation/peers/alpha/ignored.yaml'],
    },
    satisfied: false,
    summary: ['alpha [ ] folder-touched'],
  },
];

describe('evaluateConsent: consent scenarios', () => {
  it.each(ROWS.map((r) => [r.name, r] as const))('GIVEN %s WHEN evaluated THEN the requirements are as expected', (_name, row) => {
    const result = runScenario(row.scenario);
    expect(summarize(result)).toEqual(row.summary);
    expect(result.satisfied).toBe(row.satisfied);
  });
});

describe('evaluateConsent: admission of a new peer', () => {
  // needed approvals for 1, 2, 3 existing peers
  const NEEDED = { all: [1, 2, 3], majority: [1, 2, 2], any: [1, 1, 1] } as const;
  const EXISTING = {
    1: { a1: { owners: ['@u1'] } },
    2: { a1: { owners: ['@u1'] }, a2: { owners: ['@u2'] } },
    3: { a1: { owners: ['@u1'] }, a2: { owners: ['@u2'] }, a3: { owners: ['@u3'] } },
  } as const;
  const cases = (['all', 'majority', 'any'] as const).flatMap((policy) =>
    ([1, 2, 3] as const).flatMap((n) => {
      const needed = NEEDED[policy][n - 1] ?? 0;
      return [needed - 1, needed].map((approvals) => ({ policy, n, needed, approvals }));
    }),
  );

  it.each(cases)(
    'GIVEN policy $policy, $n existing peers, $approvals approving WHEN a new peer joins THEN $needed approvals are needed',
    ({ policy, n, needed, approvals }) => {
      const existing = EXISTING[n];
      const result = runScenario({
        base: { admission: policy, peers: existing },
        head: { admission: policy, peers: { ...existing, newbie: { owners: ['@newbie-admin'] } } },
        changedFiles: ['federation/peers/newbie/peer.yaml'],
        outputChanged: ['newbie'],
        author: 'newbie-admin',
        reviews: Array.from({ length: approvals }, (_, i) => approve(`u${i + 1}`)),
      });
      expect(result.peers).toEqual([]); // the new peer is admitted, not approved by its own owners
      expect(result.admission).toMatchObject({ newPeers: ['newbie'], policy, needed, satisfied: approvals >= needed });
      expect(result.admission?.existingPeers).toHaveLength(n);
      expect(result.admission?.approvingPeers).toHaveLength(approvals);
      expect(result.satisfied).toBe(approvals >= needed);
    },
  );

  it('GIVEN an existing peer\'s owner authors the new peer WHEN policy is any THEN authorship admits it', () => {
    const result = runScenario({
      base: withPeers({}, 'any'),
      head: withPeers({ delta: { owners: ['@alice'] } }, 'any'),
      changedFiles: ['federation/peers/delta/peer.yaml'],
      author: 'alice',
    });
    expect(summarize(result)).toEqual(['admission delta [x] any 1/1 of 3']);
    expect(result.satisfied).toBe(true);
  });

  it("GIVEN the new peer's proposed owners approve WHEN policy is all THEN they do not count: they cannot admit themselves", () => {
    const result = runScenario({
      head: withPeers({ delta: { owners: ['@dora'] } }),
      changedFiles: ['federation/peers/delta/peer.yaml'],
      author: 'dora',
      reviews: [approve('dora'), approve('dan')],
    });
    expect(result.admission).toMatchObject({ satisfied: false, approvingPeers: [], proposedOwners: { delta: ['@dora'] } });
    expect(result.requestReviews).toEqual({ users: ['alice', 'Bob'], teams: [{ org: 'acme', slug: 'alpha-team' }, { org: 'acme', slug: 'gamma-admins' }] });
  });

  it('GIVEN a base without federation.yaml WHEN a peer joins THEN the policy is "all"', () => {
    const result = runScenario({
      base: { admission: null, peers: PEERS },
      head: withPeers({ delta: {} }),
      changedFiles: ['federation/peers/delta/peer.yaml'],
      author: 'alice',
      reviews: [approve('bob')],
    });
    expect(result.admission).toMatchObject({ policy: 'all', needed: 3, approvingPeers: ['alpha', 'beta'], satisfied: false });
  });

  it('GIVEN a new peer that also edits an existing peer (consumer list) WHEN evaluated THEN admission and that peer are both required', () => {
    const result = runScenario({
      base: withPeers({}, 'majority'),
      head: withPeers({ delta: {} }, 'majority'),
      changedFiles: ['federation/peers/delta/peer.yaml', BETA_FILE],
      outputChanged: ['beta', 'delta'],
      author: 'dora',
      reviews: [approve('bob'), approve('alice')],
    });
    expect(summarize(result)).toEqual(['beta [x] folder-touched,output-changed <- bob', 'admission delta [x] majority 2/2 of 3']);
    expect(result.satisfied).toBe(true);
  });
});

describe('evaluateConsent: bootstrapping and broken bases', () => {
  it('GIVEN an empty base WHEN the first federation and peers are added THEN it is blocked with a reason, never silently satisfied', () => {
    const result = runScenario({
      base: { admission: null, peers: {} },
      head: { peers: { alpha: { owners: ['@alice'] } } },
      changedFiles: ['federation/federation.yaml', 'federation/peers/alpha/peer.yaml'],
      outputChanged: ['alpha'],
      author: 'alice',
    });
    expect(result.satisfied).toBe(false);
    expect(result.admission).toMatchObject({ newPeers: ['alpha'], existingPeers: [], needed: 0, satisfied: false });
    expect(result.blockers).toHaveLength(1);
    expect(result.blockers[0]).toMatch(/no peer with owners yet \(bootstrapping\).*repository administrator/);
    expect(result.text).toContain('Blocked: the base branch has no peer with owners yet');
  });

  it('GIVEN a base peer folder without peer.yaml WHEN the pull request deletes it THEN the requirement is blocked: no owners to ask', () => {
    const result = runScenario({
      base: withPeers({ ghost: { noPeerDocument: true } }),
      head: BASE,
      changedFiles: ['federation/peers/ghost/notes.yaml'],
      author: 'alice',
    });
    expect(result.peers).toMatchObject([{ peer: 'ghost', owners: [], satisfied: false }]);
    expect(result.peers[0]?.blocker).toMatch(/no usable owners in the base branch/);
    expect(result.satisfied).toBe(false);
  });

  it('GIVEN a base peer folder without peer.yaml WHEN the pull request edits it THEN it is unowned: admitted like a new peer', () => {
    const result = runScenario({
      base: withPeers({ ghost: { noPeerDocument: true } }),
      head: withPeers({ ghost: { noPeerDocument: true } }),
      changedFiles: ['federation/peers/ghost/notes.yaml'],
      author: 'alice',
      reviews: [approve('bob'), approve('gina')],
    });
    expect(summarize(result)).toEqual(['admission ghost [x] all 3/3 of 3']);
  });

  it('GIVEN a base peer whose owners are all malformed WHEN its folder is touched THEN the requirement is blocked', () => {
    const result = runScenario({
      base: withPeers({ gamma: { owners: ['gina', 'not an owner'] } }),
      changedFiles: ['federation/peers/gamma/peer.yaml'],
      author: 'alice',
      reviews: [approve('gina')],
    });
    expect(result.peers).toMatchObject([{ peer: 'gamma', owners: ['gina', 'not an owner'], satisfied: false }]);
    expect(result.peers[0]?.blocker).toMatch(/no usable owners/);
    expect(result.blockers).toHaveLength(1);
  });

  it('GIVEN a folder without peer.yaml in the base WHEN the pull request adds one THEN it is a new peer needing admission', () => {
    const result = runScenario({
      base: withPeers({ ghost: { noPeerDocument: true } }),
      head: withPeers({ ghost: {} }),
      changedFiles: ['federation/peers/ghost/peer.yaml'],
      author: 'alice',
    });
    expect(summarize(result)).toEqual(['admission ghost [ ] all 1/3 of 3']);
  });
});

describe('evaluateConsent: review requests and text', () => {
  it('GIVEN unmet requirements WHEN evaluated THEN users and teams to request are listed separately, without the author', () => {
    const result = runScenario({ author: 'alice', changedFiles: ['federation/federation.yaml'] });
    expect(result.requestReviews).toEqual({
      users: ['Bob'],
      teams: [{ org: 'acme', slug: 'gamma-admins' }],
    });
  });

  it('GIVEN the author is a listed owner of an unmet peer WHEN evaluated THEN the author is never requested', () => {
    const result = runScenario({
      base: withPeers({ beta: { owners: ['@alice', '@bob'] } }),
      author: 'bob',
      changedFiles: ['federation/peers/alpha/imports.yaml'],
    });
    expect(result.requestReviews.users).toEqual(['alice']);
  });

  it('GIVEN a mixed result WHEN evaluated THEN the text names each requirement, who approved, and whom to ask', () => {
    const result = runScenario({ author: 'bob', changedFiles: [BETA_FILE], outputChanged: ['alpha', 'beta'] });
    expect(result.text).toBe(
      [
        'Consent: NOT satisfied. 1 of 2 requirements met on 9f1c2e0.',
        '  [ ] alpha (output-changed): waiting for @alice, @acme/alpha-team',
        '  [x] beta (folder-touched, output-changed): approved by bob (author)',
        'Reviews needed from: @alice, @acme/alpha-team (approve the current head commit 9f1c2e0).',
      ].join('\n'),
    );
  });

  it('GIVEN approvals through a team WHEN formatted THEN the text says which owner entry made them count', () => {
    const result = runScenario({ author: 'carol', changedFiles: [ALPHA_FILE] });
    expect(result.text).toContain('approved by carol (author as @acme/alpha-team)');
  });

  it('GIVEN nothing to approve WHEN formatted THEN the text says no approval is needed', () => {
    const result = runScenario({ author: 'x', changedFiles: ['README.md'] });
    expect(result.text).toMatch(/^Consent: satisfied\. No peer's approval is needed/);
  });

  it('GIVEN an unresolved team WHEN evaluated THEN it is reported', () => {
    const result = runScenario({ author: 'alice', changedFiles: [ALPHA_FILE], teams: new Map([['@ACME/Alpha-Team', new Set(['Carol'])]]) });
    expect(result.unresolvedTeams).toEqual(['@acme/gamma-admins']);
    expect(result.text).toContain('Teams whose members could not be read (counted as empty): @acme/gamma-admins.');
  });
});

describe('evaluateConsent: authorship counts only when the author pushed the head', () => {
  const own = { author: 'alice', changedFiles: [ALPHA_FILE, BETA_FILE] };
  it.each([
    ['the author', { login: 'Alice' }, true, undefined],
    ['someone else', { login: 'bob' }, false, "the head commit 9f1c2e0 was pushed by bob, not by the author alice, so the author's ownership is not counted: have another owner of alpha approve"],
    ['unknown', { unknown: 'GitHub lists no push' }, false, "who pushed the head commit 9f1c2e0 cannot be told (GitHub lists no push), so the author's ownership is not counted: have another owner of alpha approve"],
    [
      'unknown, with a way to settle it',
      { unknown: "GitHub's event did not say who pushed 9f1c2e0 and the branch is behind main", settle: 'update the branch so the push names its pusher' },
      false,
      "GitHub's event did not say who pushed 9f1c2e0 and the branch is behind main, so the author's ownership is not counted: update the branch so the push names its pusher, or have another owner of alpha approve",
    ],
  ] as const)('GIVEN the head was pushed by %s WHEN the author owns a changed peer THEN authorship counts only for the author, and the text says why not and how to settle it', (_name, headPushedBy, counts, text) => {
    const result = runScenario({ ...own, headPushedBy, reviews: [approve('bob')] });
    expect(summarize(result)).toContain(counts ? 'alpha [x] folder-touched <- alice(author)' : 'alpha [ ] folder-touched');
    expect(result.authorNotCounted).toBe(text);
    if (text !== undefined) expect(result.text).toContain(`Authorship: ${text}.`);
  });
});

describe('consentToGithub', () => {
  it('GIVEN an unmet result WHEN formatted for Actions THEN it is one warning line with newlines escaped', () => {
    const result = runScenario({ author: 'bob', changedFiles: [BETA_FILE], outputChanged: ['alpha', 'beta'] });
    const lines = consentToGithub(result);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^::warning title=meshfed consent::Consent: NOT satisfied\. .*%0A {2}\[ \] alpha/);
    expect(lines[0]).not.toContain('\n');
  });

  it('GIVEN a satisfied result WHEN formatted for Actions THEN it is a notice', () => {
    expect(consentToGithub(runScenario({ author: 'alice', changedFiles: [ALPHA_FILE] }))[0]).toMatch(/^::notice title=meshfed consent::Consent: satisfied/);
  });
});
