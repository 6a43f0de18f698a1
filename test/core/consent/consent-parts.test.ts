import { describe, expect, it } from 'vitest';
import { admissionNeeded } from '../../../src/core/consent/admission.js';
import { classifyChangedFiles } from '../../../src/core/consent/classify-changed-files.js';
import { currentApprovals } from '../../../src/core/consent/current-approvals.js';
import { ownerEntryFor, parseOwner, teamsToResolve } from '../../../src/core/consent/owners.js';
import type { Review } from '../../../src/core/consent/consent-types.js';
import { HEAD, OLD, models } from './consent-fixtures.js';

describe('currentApprovals', () => {
  const at = (login: string, state: Review['state'], submittedAt: string, commitId = HEAD): Review => ({ login, state, commitId, submittedAt });

  it.each([
    ['approved on head', [at('a', 'APPROVED', '2025-01-01T00:00:00Z')], ['a']],
    ['approved on head (upper-case sha)', [{ login: 'a', state: 'APPROVED', commitId: HEAD.toUpperCase() } as Review], ['a']],
    ['approved on an old commit', [at('a', 'APPROVED', '2025-01-01T00:00:00Z', OLD)], []],
    ['approved, then dismissed', [at('a', 'APPROVED', '2025-01-01T00:00:00Z'), at('a', 'DISMISSED', '2025-01-02T00:00:00Z')], []],
    ['dismissed listed first but submitted later', [at('a', 'DISMISSED', '2025-01-02T00:00:00Z'), at('a', 'APPROVED', '2025-01-01T00:00:00Z')], []],
    ['approved listed first but submitted later than changes requested', [at('a', 'APPROVED', '2025-01-03T00:00:00Z'), at('a', 'CHANGES_REQUESTED', '2025-01-01T00:00:00Z')], ['a']],
    ['approved, then commented', [at('a', 'APPROVED', '2025-01-01T00:00:00Z'), at('a', 'COMMENTED', '2025-01-02T00:00:00Z')], ['a']],
    ['approved by the author', [at('Author', 'APPROVED', '2025-01-01T00:00:00Z')], []],
    ['two reviewers, logins in mixed case', [at('A', 'APPROVED', '2025-01-01T00:00:00Z'), at('b', 'APPROVED', '2025-01-01T00:00:00Z')], ['a', 'b']],
  ] as const)('GIVEN %s WHEN judged THEN %j count', (_name, reviews, expected) => {
    expect([...currentApprovals(reviews, HEAD, 'author')].sort()).toEqual(expected);
  });

  it('GIVEN reviews without submittedAt WHEN judged THEN the array (chronological, as GitHub lists them) decides', () => {
    const reviews: Review[] = [
      { login: 'a', state: 'CHANGES_REQUESTED', commitId: HEAD },
      { login: 'a', state: 'APPROVED', commitId: HEAD, submittedAt: null },
    ];
    expect([...currentApprovals(reviews, HEAD, 'x')]).toEqual(['a']);
    expect([...currentApprovals([...reviews].reverse(), HEAD, 'x')]).toEqual([]);
  });
});

describe('classifyChangedFiles', () => {
  const options = { root: 'federation', codeownersPath: '.github/CODEOWNERS', workflowsPrefix: '.github/workflows', federationWidePaths: ['.github/actions/', 'meshfed.config.json'] };

  it.each([
    ['federation/peers/alpha/peer.yaml', 'peer alpha'],
    ['./federation/peers/alpha/sub/deep.yaml', 'peer alpha'],
    ['/federation/peers/beta/x.yaml', 'peer beta'],
    ['federation/federation.yaml', 'federation-wide'],
    ['federation/peers/README.md', 'federation-wide'],
    ['federation/peers', 'federation-wide'],
    ['federation', 'federation-wide'],
    ['.github/CODEOWNERS', 'federation-wide'],
    ['CODEOWNERS', 'federation-wide'],
    ['docs/CODEOWNERS', 'federation-wide'],
    ['.github/workflows/meshfed-validate.yml', 'federation-wide'],
    ['.github/actions/setup/action.yml', 'federation-wide'],
    ['meshfed.config.json', 'federation-wide'],
    ['README.md', 'unrelated'],
    ['docs/codeowners.md', 'unrelated'],
    ['federation-old/peers/alpha/peer.yaml', 'unrelated'],
    ['.github/dependabot.yml', 'unrelated'],
  ])('GIVEN %s WHEN classified THEN it is %s', (file, expected) => {
    const c = classifyChangedFiles([file], options);
    const got =
      c.federationWide.length > 0 ? 'federation-wide' : c.unrelated.length > 0 ? 'unrelated' : `peer ${[...c.peerFolders.keys()].join(',')}`;
    expect(got).toBe(expected);
  });

  it('GIVEN the federation at the repository root WHEN classified THEN peer folders are found and every other file governs all peers', () => {
    const c = classifyChangedFiles(['peers/alpha/peer.yaml', 'federation.yaml', 'README.md'], { ...options, root: '.' });
    expect([...c.peerFolders.keys()]).toEqual(['alpha']);
    expect(c.federationWide).toEqual(['README.md', 'federation.yaml']);
  });
});

describe('owners', () => {
  it.each([
    ['@alice', { type: 'user', login: 'alice' }],
    ['@Alice-Smith', { type: 'user', login: 'alice-smith' }],
    ['@Acme/Mesh-Admins', { type: 'team', org: 'acme', slug: 'mesh-admins', key: '@acme/mesh-admins' }],
    ['alice', undefined],
    ['@-alice', undefined],
    ['@acme/', undefined],
    ['alice@example.org', undefined],
  ])('GIVEN owner %s WHEN parsed THEN %j', (raw, expected) => {
    const o = parseOwner(raw);
    if (expected === undefined) expect(o).toBeUndefined();
    else expect(o).toMatchObject(expected);
  });

  it('GIVEN a login in a user entry and a team WHEN matched THEN the user entry wins; unknown logins match nothing', () => {
    const teams = new Map([['@acme/t', new Set(['bob', 'alice'])]]);
    expect(ownerEntryFor('ALICE', ['@acme/t', '@alice'], teams)).toBe('@alice');
    expect(ownerEntryFor('bob', ['@acme/t', '@alice'], teams)).toBe('@acme/t');
    expect(ownerEntryFor('eve', ['@acme/t', '@alice'], teams)).toBeUndefined();
  });

  it('GIVEN the base federation WHEN asking which teams to resolve THEN every owner team appears once, lower-cased and sorted', () => {
    const { base } = models({ author: 'x', changedFiles: [] });
    expect(teamsToResolve(base)).toEqual(['@acme/alpha-team', '@acme/gamma-admins']);
  });
});

describe('admissionNeeded', () => {
  it.each([
    ['all', 0, 0], ['all', 1, 1], ['all', 4, 4],
    ['majority', 0, 0], ['majority', 1, 1], ['majority', 2, 2], ['majority', 3, 2], ['majority', 4, 3], ['majority', 5, 3],
    ['any', 0, 0], ['any', 1, 1], ['any', 7, 1],
  ] as const)('GIVEN %s with %i existing peers WHEN asked THEN %i must approve', (policy, n, needed) => {
    expect(admissionNeeded(policy, n)).toBe(needed);
  });
});
