import { describe, expect, it } from 'vitest';
import { DEFAULT_BOT_CONFIG } from '../../src/adapters/github/bot-config.js';
import { notesChange } from './fixtures/federation-fixture.js';
import { useGitHubMock, type GitHubMock } from './http-mock.js';
import {
  archive,
  BASE_SHA,
  bodies,
  checkRunBody,
  createTestApp,
  HEAD_SHA,
  mockPrReads,
  mockPrState,
  mockPrWrites,
  mockTree,
  OWNER,
  PR,
  pullRequestPayload,
  REPO,
} from './harness.js';

const gh = useGitHubMock();
const owner = OWNER;
const repo = REPO;

/** Whatever happened, no check run was ever created or left unfinished. */
function everyCheckCompleted(mock: GitHubMock): void {
  for (const b of bodies(mock, `POST /repos/${owner}/${repo}/check-runs`)) expect(b.status).toBe('completed');
}

describe('faults end with a clear check conclusion and nothing half-written', () => {
  it('GIVEN GitHub answers 502 once WHEN the archive is read THEN the request is retried and the evaluation completes', async () => {
    const mock = gh();
    mock.on('GET /repos/{owner}/{repo}/tarball/{ref}', { owner, repo, ref: HEAD_SHA }, { status: 502, body: { message: 'Server Error' } });
    mockPrReads(mock, notesChange());
    mockPrWrites(mock);
    const app = await createTestApp();

    const outcome = await app.receive('pull_request', pullRequestPayload('opened', { author: 'owner-0' }));

    expect(outcome?.outcome).toBe('evaluated');
    expect(mock.find(`GET /repos/${owner}/${repo}/tarball/${HEAD_SHA}`)).toHaveLength(2);
    everyCheckCompleted(mock);
  });

  it('GIVEN a secondary rate limit on a write WHEN the check run is created THEN it is retried after retry-after', async () => {
    const mock = gh();
    mockPrReads(mock, notesChange());
    mock.on('POST /repos/{owner}/{repo}/check-runs', { owner, repo }, {
      status: 403,
      body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' },
      headers: { 'retry-after': '1' },
    });
    mockPrWrites(mock);
    const app = await createTestApp();

    const outcome = await app.receive('pull_request', pullRequestPayload('opened', { author: 'owner-0' }));

    expect(outcome?.outcome).toBe('evaluated');
    expect(mock.find(`POST /repos/${owner}/${repo}/check-runs`)).toHaveLength(3);
    everyCheckCompleted(mock);
  });

  it('GIVEN the head branch was deleted (archive 404) WHEN evaluated THEN both checks fail saying the commit is gone and no comment is written', async () => {
    const { base } = notesChange();
    const mock = gh();
    mockPrState(mock, {});
    mock.on('GET /repos/{owner}/{repo}/compare/{basehead}', { owner, repo, basehead: `main...${HEAD_SHA}`, query: true }, { body: { base_commit: { sha: BASE_SHA }, merge_base_commit: { sha: BASE_SHA } } });
    mock.on('GET /repos/{owner}/{repo}/tarball/{ref}', { owner, repo, ref: HEAD_SHA }, { status: 404, body: { message: 'Not Found' } });
    mock.tarball(owner, repo, BASE_SHA, archive(base, BASE_SHA));
    mockTree(mock, BASE_SHA, base);
    mock.on('GET /repos/{owner}/{repo}/git/trees/{tree_sha}', { owner, repo, tree_sha: HEAD_SHA, query: true }, { status: 404, body: { message: 'Not Found' } });
    mock.on('POST /repos/{owner}/{repo}/check-runs', { owner, repo }, { status: 201, body: { id: 1 } }, { times: 2 });
    const app = await createTestApp();

    const outcome = await app.receive('pull_request', pullRequestPayload('synchronize', { author: 'owner-0' }));

    expect(outcome?.outcome).toBe('failed');
    expect(checkRunBody(mock, 'meshfed/validate')).toMatchObject({ conclusion: 'failure', output: { title: 'meshfed could not read this commit' } });
    expect(checkRunBody(mock, 'meshfed/consent')).toMatchObject({ conclusion: 'failure', output: { title: 'Not evaluated' } });
    expect(mock.find(`POST /repos/${owner}/${repo}/issues/${PR}/comments`)).toHaveLength(0);
    everyCheckCompleted(mock);
  });

  it('GIVEN a payload without the pull request head WHEN received THEN it is rejected as malformed and nothing is read or written', async () => {
    gh();
    const app = await createTestApp();
    const payload = pullRequestPayload('opened');
    delete (payload.pull_request as Record<string, unknown>).head;

    await expect(app.receive('pull_request', payload)).rejects.toThrow(/pull_request payload is missing what meshfed needs: pull_request.head/);
  });

  it('GIVEN a repository larger than the limits WHEN evaluated THEN validate says it is too large, consent is not evaluated, and nothing else is written', async () => {
    const mock = gh();
    mockPrReads(mock, notesChange());
    mock.on('POST /repos/{owner}/{repo}/check-runs', { owner, repo }, { status: 201, body: { id: 1 } }, { times: 2 });
    const app = await createTestApp({ ...DEFAULT_BOT_CONFIG, tarLimits: { ...DEFAULT_BOT_CONFIG.tarLimits, maxFiles: 5 } });

    const outcome = await app.receive('pull_request', pullRequestPayload('opened', { author: 'owner-0' }));

    expect(outcome?.outcome).toBe('failed');
    const validate = checkRunBody(mock, 'meshfed/validate') as { conclusion: string; output: { title: string; summary: string } };
    expect(validate.conclusion).toBe('failure');
    expect(validate.output.title).toBe('The repository is too large for meshfed to read');
    expect(validate.output.summary).toContain('more than 5 files');
    expect(checkRunBody(mock, 'meshfed/consent')).toMatchObject({ conclusion: 'failure', output: { title: 'Not evaluated' } });
    expect(mock.find(`POST /repos/${owner}/${repo}/issues/${PR}/comments`)).toHaveLength(0);
    everyCheckCompleted(mock);
  });

  it('GIVEN GitHub truncates the recursive tree of the head WHEN evaluated THEN nothing can be verified and both checks fail, saying why', async () => {
    const mock = gh();
    mockPrReads(mock, { ...notesChange(), truncatedHeadTree: true });
    mock.on('POST /repos/{owner}/{repo}/check-runs', { owner, repo }, { status: 201, body: { id: 1 } }, { times: 2 });
    const app = await createTestApp();

    const outcome = await app.receive('pull_request', pullRequestPayload('opened', { author: 'owner-0' }));

    expect(outcome?.outcome).toBe('failed');
    expect(checkRunBody(mock, 'meshfed/validate')).toMatchObject({ conclusion: 'failure', output: { title: 'The repository is too large for meshfed to read' } });
    expect(JSON.stringify(checkRunBody(mock, 'meshfed/validate'))).toContain('only in part');
    expect(checkRunBody(mock, 'meshfed/consent')).toMatchObject({ conclusion: 'failure' });
    everyCheckCompleted(mock);
  });

  it('GIVEN GitHub keeps failing on the comment WHEN the checks are already written THEN they stand and the evaluation reports the comment error', async () => {
    const mock = gh();
    mockPrReads(mock, notesChange());
    mock.on('POST /repos/{owner}/{repo}/check-runs', { owner, repo }, { status: 201, body: { id: 1 } }, { times: 2 });
    mock.on('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { owner, repo, issue_number: PR }, { status: 500, body: { message: 'boom' } }, { times: 3 });
    const app = await createTestApp();

    const outcome = await app.receive('pull_request', pullRequestPayload('opened', { author: 'owner-0' }));

    expect(outcome).toMatchObject({ outcome: 'evaluated', detail: { commentError: true, validate: 'success', consent: 'success' } });
    expect(mock.find(`POST /repos/${owner}/${repo}/check-runs`)).toHaveLength(2);
  });
});
