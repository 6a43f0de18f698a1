/**
 * The attacks of issue 8 and variations, each as a scenario through the public Lambda entry (signed deliveries)
 * against a GitHub fake answering from a real git repository. In every one `meshfed/consent` must not conclude
 * `success` while an owner the rule requires has not approved the head commit.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { formatStickyMarker } from '../../src/core/report/pr-comment.js';
import { cloneFiles, exportYaml, peerName, ringFederation, withCodeowners, type RepoFiles } from './fixtures/federation-fixture.js';
import { createGitRepo } from './fixtures/git-repo.js';
import { gitPullRequest, lambdaEntry, mockGitReads, type GitPr } from './git-github-fake.js';
import { useGitHubMock, type GitHubMock } from './http-mock.js';
import { APP_SLUG, latestOpinionatedReviews, OWNER, PR, pullRequestPayload, REPO, reviewPayload, type ReviewFixture } from './harness.js';

const gh = useGitHubMock();
const repo = createGitRepo();
afterAll(() => repo.remove());
const p0 = peerName(0);
const p1 = peerName(1);
const base = ringFederation({ peers: 3 });
const checkRuns = `/repos/${OWNER}/${REPO}/check-runs`;

function edit(changes: Record<string, string>): RepoFiles {
  const head = cloneFiles(base);
  for (const [path, content] of Object.entries(changes)) head.set(path, content);
  return withCodeowners(head);
}

/** A new export in peer-000's folder: peer-000's owners must approve. */
const newExport = { [`federation/peers/${p0}/zz-admin.yaml`]: exportYaml('admin', [p1]) };

/** main moved on (peer-002's export) since the author branched off to add an export in peer-000, the author's own peer. */
const older = withCodeowners(new Map([...base, [`federation/peers/${peerName(2)}/api-export.yaml`, exportYaml('api', [p0], 999)]]));
const behind = (): GitPr => gitPullRequest(repo, base, withCodeowners(new Map([...older, ...Object.entries(newExport)])), { branchFrom: older });

/** What each check run of the evaluation concluded last (created or updated), with its title and summary. */
function written(mock: GitHubMock): Record<string, { conclusion: string; title: string; summary: string; id?: number }> {
  const out: Record<string, { conclusion: string; title: string; summary: string; id?: number }> = {};
  for (const r of mock.requests) {
    const path = new URL(r.url).pathname;
    const body = r.body as { name?: string; conclusion?: string; output?: { title: string; summary: string } } | undefined;
    if (body?.conclusion === undefined || body.output === undefined) continue;
    if (r.method === 'POST' && path === checkRuns && body.name !== undefined) out[body.name] = { conclusion: body.conclusion, ...body.output };
    if (r.method === 'PATCH' && path.startsWith(`${checkRuns}/`)) out['meshfed/consent'] = { conclusion: body.conclusion, ...body.output, id: Number(path.split('/').pop()) };
  }
  return out;
}

function mockWrites(mock: GitHubMock, o: { checks?: number; review?: boolean; comment?: boolean } = {}): void {
  mock.on('POST /repos/{owner}/{repo}/check-runs', { owner: OWNER, repo: REPO }, { status: 201, body: { id: 501 } }, { times: o.checks ?? 2 });
  if (o.review === true) mock.on('POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers', { owner: OWNER, repo: REPO, pull_number: PR }, { status: 201, body: {} });
  if (o.comment !== false) mock.on('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { owner: OWNER, repo: REPO, issue_number: PR }, { status: 201, body: { id: 900 } });
}

async function open(pr: GitPr, author: string, action = 'opened', pusher?: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const deliver = await lambdaEntry();
  return deliver('pull_request', pullRequestPayload(action, { author, headSha: pr.head, baseSha: pr.base, ...(pusher === undefined ? {} : { pusher }) }));
}

describe('attack 1: .gitattributes makes the archive differ from what the runner checks out', () => {
  it.each([
    ['a root .gitattributes export-ignores a new export in peer-000 and itself', { '.gitattributes': `/federation/peers/${p0}/zz-admin.yaml export-ignore\n/.gitattributes export-ignore\n` }, 'zz-admin.yaml is in the commit but missing from the archive'],
    ['a nested .gitattributes in the peer folder export-ignores the new export', { [`federation/peers/${p0}/.gitattributes`]: 'zz-admin.yaml export-ignore\n' }, 'zz-admin.yaml is in the commit but missing from the archive'],
    ['a .gitattributes export-ignores a new workflow', { '.gitattributes': '.github/workflows/evil.yml export-ignore\n', '.github/workflows/evil.yml': 'on: push\njobs: {}\n' }, '.github/workflows/evil.yml is in the commit but missing from the archive'],
    ['export-subst rewrites an intent file in the archive', { '.gitattributes': `federation/peers/${p0}/zz-admin.yaml export-subst\n`, [`federation/peers/${p0}/zz-admin.yaml`]: `${exportYaml('admin', [p1])}# $Format:%H$\n` }, 'has other content in the archive than in the commit'],
  ])('GIVEN %s WHEN the pull request is opened THEN both checks fail and say which files differ', async (_name, attack, difference) => {
    const pr = gitPullRequest(repo, base, edit({ ...newExport, ...attack }));
    const mock = gh();
    mockGitReads(mock, repo, pr, { pushedBy: 'owner-1' });
    mockWrites(mock, { comment: false });

    const res = await open(pr, 'owner-1');

    expect(res).toMatchObject({ status: 200, body: { outcome: 'failed' } });
    const checks = written(mock);
    expect(checks['meshfed/consent']).toMatchObject({ conclusion: 'failure', title: 'Refused: the archive differs from the commit' });
    expect(checks['meshfed/consent']?.summary).toContain(difference);
    expect(checks['meshfed/validate']?.conclusion).toBe('failure');
  });

  it('GIVEN a .gitattributes change that hides nothing WHEN evaluated THEN it is federation-wide: every other peer must approve', async () => {
    const pr = gitPullRequest(repo, base, edit({ [`federation/peers/${p0}/.gitattributes`]: '*.yaml text eol=lf\n' }));
    const mock = gh();
    mockGitReads(mock, repo, pr, { pushedBy: 'owner-0' });
    mockWrites(mock, { review: true });

    await open(pr, 'owner-0');

    expect(written(mock)['meshfed/consent']).toMatchObject({ conclusion: 'failure', title: `Waiting for ${peerName(1)}, ${peerName(2)}` });
  });
});

describe('attack 2: the bot state is never read from a place a user can write', () => {
  it("GIVEN another user's comment carrying the bot's marker with the check-run ids of another pull request WHEN evaluated THEN those ids are never touched and the bot writes its own comment", async () => {
    const pr = gitPullRequest(repo, base, edit(newExport));
    const forged = `${formatStickyMarker({ head: pr.head, base: pr.base, delivery: 'x', validate: 998, consent: 999 })}\n## meshfed plan`;
    const mock = gh();
    mockGitReads(mock, repo, pr, { otherComments: [{ id: 55, body: forged }], pushedBy: 'owner-1' });
    mockWrites(mock, { review: true });

    await open(pr, 'owner-1');

    expect(mock.find(`PATCH ${checkRuns}/`)).toHaveLength(0);
    expect(mock.find(`PATCH /repos/${OWNER}/${REPO}/issues/comments/55`)).toHaveLength(0);
    expect(written(mock)['meshfed/consent']?.conclusion).toBe('failure');
  });

  it.each([
    ['another App', { app: 'evil-app', head: true }],
    ['this App, but found only through a pasted comment (the run belongs to another commit)', { app: APP_SLUG, head: false }],
  ])('GIVEN a passing meshfed/consent run of %s WHEN evaluated THEN it is not updated: a new run is created on the head', async (_name, o) => {
    const pr = gitPullRequest(repo, base, edit(newExport));
    const pasted = `${formatStickyMarker({ head: pr.head, base: pr.base, consent: 777 })}\n## meshfed plan`;
    const mock = gh();
    mockGitReads(mock, repo, pr, {
      pushedBy: 'owner-1',
      ...(o.head ? { checkSuites: [{ app: o.app, runs: [{ id: 777, name: 'meshfed/consent', conclusion: 'SUCCESS', title: 'ok', summary: 'ok' }] }] } : { otherComments: [{ id: 56, body: pasted }] }),
    });
    mockWrites(mock, { review: true });

    await open(pr, 'owner-1');

    expect(mock.find(`PATCH ${checkRuns}/777`)).toHaveLength(0);
    expect(written(mock)['meshfed/consent']).toMatchObject({ conclusion: 'failure' });
    expect(written(mock)['meshfed/consent']?.id).toBeUndefined();
  });
});

describe('attack 3: authorship counts only when the author pushed the head', () => {
  const ownChange = (): GitPr => gitPullRequest(repo, base, edit(newExport));

  it("GIVEN peer-000's owner opened the pull request WHEN another peer's member pushes onto the branch THEN peer-000's owners must approve the new head", async () => {
    const pr = ownChange();
    const mock = gh();
    mockGitReads(mock, repo, pr);
    mockWrites(mock); // peer-000's only owner is the author, whom GitHub cannot ask for a review

    await open(pr, 'owner-0', 'synchronize', 'owner-1');

    const consent = written(mock)['meshfed/consent'];
    expect(consent).toMatchObject({ conclusion: 'failure', title: `Waiting for ${p0}` });
    expect(consent?.summary).toContain('was pushed by owner-1, not by the author owner-0');
  });

  it.each([
    ['a force-push by another peer\'s member', { pushedBy: 'owner-1' }, 'was pushed by owner-1'],
    ['the activity API failing (5xx)', { activityStatus: 502 }, 'cannot be told'],
  ])('GIVEN %s, seen when a review arrives WHEN evaluated THEN authorship does not count', async (_name, reads, says) => {
    const pr = ownChange();
    const mock = gh();
    mockGitReads(mock, repo, pr, reads);
    mockWrites(mock);
    const deliver = await lambdaEntry();

    await deliver('pull_request_review', reviewPayload('submitted', { author: 'owner-0', reviewer: 'owner-2', headSha: pr.head, baseSha: pr.base }));

    const consent = written(mock)['meshfed/consent'];
    expect(consent?.conclusion).toBe('failure');
    expect(consent?.summary).toContain(says);
  });

  it('GIVEN the author pushed the head (synchronize by the author) WHEN evaluated THEN the ownership counts: consent passes', async () => {
    const pr = ownChange();
    const mock = gh();
    mockGitReads(mock, repo, pr);
    mockWrites(mock);

    await open(pr, 'owner-0', 'synchronize', 'owner-0');

    expect(written(mock)['meshfed/consent']?.conclusion).toBe('success');
  });
});

describe('authorship on a branch behind main: no activity read (the 12-call budget), so only a push names the pusher', () => {

  it.each(['opened', 'reopened'])(
    "GIVEN a branch behind main WHEN the author's pull request is %s THEN the author's ownership does not count and the check says how to settle it",
    async (action) => {
      const pr = behind();
      const mock = gh();
      mockGitReads(mock, repo, pr); // no activity answer: a read of it fails the mock
      mockWrites(mock);

      await open(pr, 'owner-0', action);

      const consent = written(mock)['meshfed/consent'];
      expect(consent).toMatchObject({ conclusion: 'failure', title: `Waiting for ${p0}` });
      expect(consent?.summary).toContain(
        `GitHub's event did not say who pushed ${pr.head.slice(0, 7)} and the branch is behind main, so the author's ownership is not counted: ` +
          `update the branch (push, or GitHub's Update branch) so the push names its pusher, or have another owner of ${p0} approve.`,
      );
    },
  );

  it.each([
    ['pushes a new commit (the branch is still behind)', false],
    ["clicks GitHub's Update branch (a merge of main into the branch)", true],
  ])('GIVEN that failed check WHEN the author %s THEN the synchronize names the author as pusher and consent passes', async (_name, merge) => {
    const first = behind();
    const mock = gh();
    mockGitReads(mock, repo, first);
    mockWrites(mock);
    await open(first, 'owner-0');
    expect(written(mock)['meshfed/consent']?.conclusion).toBe('failure');

    const headFiles = withCodeowners(new Map([...(merge ? base : older), ...Object.entries(newExport)]));
    const head = repo.commit(headFiles, { parent: merge ? [first.head, first.base] : first.head, message: merge ? 'Merge branch main into feature' : 'a fix-up' });
    const next: GitPr = { base: first.base, head, mergeBase: repo.mergeBase(first.base, head) };
    expect(next.mergeBase === next.base).toBe(merge);
    mockGitReads(mock, repo, next);
    mockWrites(mock);
    await open(next, 'owner-0', 'synchronize', 'owner-0');

    expect(written(mock)['meshfed/consent']?.conclusion).toBe('success');
  });
});

describe("the pusher is remembered only in the App's own check run on the head", () => {
  const review = (pr: GitPr): Record<string, unknown> => reviewPayload('submitted', { author: 'owner-0', reviewer: 'owner-2', state: 'commented', headSha: pr.head, baseSha: pr.base });

  it("GIVEN the author's synchronize on a branch behind main WHEN a review arrives later THEN the App's own check run tells the pusher: authorship counts with no activity read", async () => {
    const pr = behind();
    const mock = gh();
    mockGitReads(mock, repo, pr);
    mockWrites(mock);
    await open(pr, 'owner-0', 'synchronize', 'owner-0');
    const created = mock.requests.filter((r) => r.method === 'POST' && new URL(r.url).pathname === checkRuns).map((r) => r.body as { name: string; external_id: string });
    expect(created.map((b) => b.external_id)).toEqual([`pr:${PR} pushed-by:owner-0@${pr.head}`, `pr:${PR} pushed-by:owner-0@${pr.head}`]);

    // The review's evaluation reads the runs back from the App's own check suite; no activity answer is mocked.
    const runs = created.map((b, i) => ({ id: 601 + i, name: b.name, externalId: b.external_id }));
    mockGitReads(mock, repo, pr, { checkSuites: [{ app: APP_SLUG, runs }] });
    mockWrites(mock, { checks: 1 });
    mock.on('PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}', { owner: OWNER, repo: REPO, check_run_id: 602 }, { body: { id: 602 } });
    await (await lambdaEntry())('pull_request_review', review(pr));

    expect(written(mock)['meshfed/consent']).toMatchObject({ conclusion: 'success', id: 602 });
  });

  const remembers = (pr: GitPr, o: { number?: number; sha?: string } = {}): string => `pr:${o.number ?? PR} pushed-by:owner-0@${o.sha ?? pr.head}`;
  it.each([
    ['in the App\'s own meshfed/consent run, for this pull request and head', (pr: GitPr) => ({ checkSuites: [{ app: APP_SLUG, runs: [{ id: 602, name: 'meshfed/consent', externalId: remembers(pr) }] }] }), true],
    ["in another App's check run named meshfed/consent", (pr: GitPr) => ({ checkSuites: [{ app: 'evil-app', runs: [{ id: 666, name: 'meshfed/consent', externalId: remembers(pr) }] }] }), false],
    ['in a comment', (pr: GitPr) => ({ otherComments: [{ id: 55, body: remembers(pr) }] }), false],
    ["in the App's own run, for another head", (pr: GitPr) => ({ checkSuites: [{ app: APP_SLUG, runs: [{ id: 602, name: 'meshfed/consent', externalId: remembers(pr, { sha: pr.base }) }] }] }), false],
    ["in the App's own run, for another pull request of the same commit", (pr: GitPr) => ({ checkSuites: [{ app: APP_SLUG, runs: [{ id: 602, name: 'meshfed/consent', externalId: remembers(pr, { number: PR + 1 }) }] }] }), false],
  ] as const)('GIVEN "pushed-by:owner-0@<head>" %s WHEN a review arrives on a branch behind main THEN authorship counts only from there', async (_name, where, counts) => {
    const pr = behind();
    const mock = gh();
    const state = where(pr);
    mockGitReads(mock, repo, pr, state);
    const patch = 'checkSuites' in state && state.checkSuites[0]?.app === APP_SLUG;
    mockWrites(mock, { checks: patch ? 1 : 2 });
    if (patch) mock.on('PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}', { owner: OWNER, repo: REPO, check_run_id: 602 }, { body: { id: 602 } });

    await (await lambdaEntry())('pull_request_review', review(pr));

    const consent = written(mock)['meshfed/consent'];
    expect(consent?.conclusion).toBe(counts ? 'success' : 'failure');
    if (!counts) expect(consent?.summary).toContain(`GitHub's event did not say who pushed ${pr.head.slice(0, 7)} and the branch is behind main`);
  });
});

describe('attack 4: reviews are read completely', () => {
  /** 3,100 reviewers over 31 pages; `last` is the review on the last page. */
  function manyReviewers(mock: GitHubMock, pr: GitPr, last: ReviewFixture, o: { failPage?: number } = {}): void {
    mockGitReads(mock, repo, pr, { reviews: Array.from({ length: 100 }, (_, i) => ({ login: `fan-${i}`, state: 'APPROVED' as const })), reviewsNext: 'c1', pushedBy: 'owner-2' });
    for (let page = 2; page <= 31; page++) {
      if (o.failPage === page) {
        mock.graphql('MeshfedReviews', () => ({ message: 'boom' }), { status: 502, times: 3, match: (v) => v.after === `c${page - 1}` });
        return;
      }
      const list = page === 31 ? [last] : Array.from({ length: 100 }, (_, i) => ({ login: `fan-${page}-${i}`, state: 'APPROVED' as const }));
      const pageInfo = { hasNextPage: page < 31, endCursor: page < 31 ? `c${page}` : null };
      mock.graphql('MeshfedReviews', () => ({ data: { repository: { pullRequest: { latestOpinionatedReviews: { pageInfo, nodes: latestOpinionatedReviews(list, pr.head) } } } } }), {
        match: (v) => v.after === `c${page - 1}`,
      });
    }
  }

  it.each([
    ['APPROVED', 'success'],
    ['CHANGES_REQUESTED', 'failure'],
  ] as const)("GIVEN peer-001's owner's latest review is %s on page 31 of the reviewers WHEN evaluated THEN it decides (%s)", async (state, conclusion) => {
    const pr = gitPullRequest(repo, base, edit({ [`federation/peers/${p1}/notes.yaml`]: '# notes\n' }));
    const mock = gh();
    manyReviewers(mock, pr, { login: 'owner-1', state });
    mockWrites(mock, { review: conclusion === 'failure' });

    await open(pr, 'owner-2');

    expect(written(mock)['meshfed/consent']?.conclusion).toBe(conclusion);
  });

  it('GIVEN a page of reviews cannot be read WHEN evaluated THEN both checks fail: nothing is decided on part of the reviews', async () => {
    const pr = gitPullRequest(repo, base, edit({ [`federation/peers/${p1}/notes.yaml`]: '# notes\n' }));
    const mock = gh();
    mockGitReads(mock, repo, pr, { reviewsNext: 'c1', optionalReads: true });
    mock.graphql('MeshfedReviews', () => ({ message: 'boom' }), { status: 502, times: 3 });
    mock.on('POST /repos/{owner}/{repo}/check-runs', { owner: OWNER, repo: REPO }, { status: 201, body: { id: 1 } }, { times: 2 });

    const res = await open(pr, 'owner-1');

    expect(res.body.outcome).toBe('failed');
    expect(written(mock)['meshfed/consent']?.conclusion).toBe('failure');
    expect(written(mock)['meshfed/validate']?.conclusion).toBe('failure');
  });

  it('GIVEN GitHub says more reviews follow but gives no cursor WHEN evaluated THEN both checks fail', async () => {
    const pr = gitPullRequest(repo, base, edit({ [`federation/peers/${p1}/notes.yaml`]: '# notes\n' }));
    const mock = gh();
    mockGitReads(mock, repo, pr, { reviewsNext: null, reviews: [{ login: 'owner-1', state: 'APPROVED' }], optionalReads: true });
    mock.on('POST /repos/{owner}/{repo}/check-runs', { owner: OWNER, repo: REPO }, { status: 201, body: { id: 1 } }, { times: 2 });

    await open(pr, 'owner-2');

    expect(written(mock)['meshfed/consent']?.conclusion).toBe('failure');
    expect(written(mock)['meshfed/consent']?.summary).toContain('not every review could be read');
  });
});

describe('fail closed: an API error on any read, an invalid head', () => {
  it.each(['state', 'compare', 'head-archive', 'base-tree'] as const)('GIVEN GitHub answers 5xx when reading the %s WHEN the author owns the only peer touched THEN both checks fail', async (fault) => {
    const pr = gitPullRequest(repo, base, edit(newExport));
    const mock = gh();
    mockGitReads(mock, repo, pr, { fault });
    mock.on('POST /repos/{owner}/{repo}/check-runs', { owner: OWNER, repo: REPO }, { status: 201, body: { id: 1 } }, { times: 2 });

    const res = await open(pr, 'owner-0', 'synchronize', 'owner-0');

    expect(res.body.outcome).toBe('failed');
    expect(written(mock)['meshfed/consent']?.conclusion).toBe('failure');
    expect(written(mock)['meshfed/validate']?.conclusion).toBe('failure');
  });

  it('GIVEN a head that does not validate, touching only the author\'s own peer WHEN evaluated THEN consent fails and says why', async () => {
    const pr = gitPullRequest(repo, base, edit({ [`federation/peers/${p0}/broken.yaml`]: 'apiVersion: meshfed.io/v1alpha1\nkind: ServiceExport\nmetadata:\n  name: broken\nspec:\n  bogus: true\n' }));
    const mock = gh();
    mockGitReads(mock, repo, pr);
    mockWrites(mock);

    await open(pr, 'owner-0', 'synchronize', 'owner-0');

    const consent = written(mock)['meshfed/consent'];
    expect(consent?.conclusion).toBe('failure');
    expect(consent?.summary).toContain('the head commit does not validate');
  });
});

describe('narrowing is visible', () => {
  it("GIVEN peer-000's owner narrows peer-001's admitted workloads to a service account that does not exist WHEN evaluated THEN peer-001 must approve and the comment names it", async () => {
    const narrowed = exportYaml('api', [p1]).replace(`  consumers:\n    - peer: ${p1}\n`, `  consumers:\n    - peer: ${p1}\n      serviceAccounts:\n        - namespace: apps\n          serviceAccount: ghost\n`);
    const pr = gitPullRequest(repo, base, edit({ [`federation/peers/${p0}/api-export.yaml`]: narrowed }));
    const mock = gh();
    mockGitReads(mock, repo, pr);
    mockWrites(mock, { review: true });

    await open(pr, 'owner-0', 'synchronize', 'owner-0');

    const consent = written(mock)['meshfed/consent'];
    expect(consent).toMatchObject({ conclusion: 'failure', title: `Waiting for ${p1}` });
    expect(consent?.summary).toContain('access-narrowed');
    const comment = String((mock.find(`POST /repos/${OWNER}/${REPO}/issues/${PR}/comments`)[0]?.body as { body: string }).body);
    expect(comment).toContain(`\`${p1}\` imports \`${p0}/api\` and loses access: it admits only apps/ghost of ${p1}'s workloads, not all of them.`);
    expect(mock.find(`POST /repos/${OWNER}/${REPO}/pulls/${PR}/requested_reviewers`).map((r) => r.body)).toEqual([{ reviewers: ['owner-1'], team_reviewers: [] }]);
  });
});
