import { describe, expect, it } from 'vitest';
import { parseSlashCommand } from '../../src/adapters/github/events/slash-commands.js';
import { notesChange } from './fixtures/federation-fixture.js';
import { useGitHubMock } from './http-mock.js';
import {
  BASE_SHA,
  bodies,
  commentPayload,
  createTestApp,
  HEAD_SHA,
  mockPrReads,
  mockPrWrites,
  OWNER,
  PR,
  REPO,
} from './harness.js';

const gh = useGitHubMock();
const owner = OWNER;
const repo = REPO;
const comments = `POST /repos/${OWNER}/${REPO}/issues/${PR}/comments`;

function permission(mock: ReturnType<typeof gh>, username: string, level: 'admin' | 'write' | 'read' | 'none', role = level as string): void {
  mock.on('GET /repos/{owner}/{repo}/collaborators/{username}/permission', { owner, repo, username }, { body: { permission: level, role_name: role, user: { login: username } } });
}

describe('slash commands', () => {
  it.each([
    ['/meshfed plan', 'plan'],
    ['  /meshfed   PLAN please', 'plan'],
    ['thanks!\n/meshfed help', 'help'],
    ['/meshfed', 'help'],
    ['/meshfed deploy', 'unknown'],
  ])('GIVEN the comment %j WHEN parsed THEN the command is %s', (body, command) => {
    expect(parseSlashCommand(body)?.command).toBe(command);
  });

  it.each(['please run /meshfed plan', 'nothing to see', '`/meshfed plan`'])('GIVEN %j WHEN parsed THEN it is not a command', (body) => {
    expect(parseSlashCommand(body)).toBeUndefined();
  });

  it('GIVEN a maintainer comments /meshfed plan WHEN handled THEN the pull request is read fresh and evaluated again', async () => {
    const { base, head } = notesChange();
    const mock = gh();
    permission(mock, 'carol', 'write', 'maintain');
    mock.on('GET /repos/{owner}/{repo}/pulls/{pull_number}', { owner, repo, pull_number: PR }, {
      body: {
        number: PR,
        state: 'open',
        updated_at: '2026-01-10T10:00:00Z',
        user: { login: 'owner-0' },
        head: { sha: HEAD_SHA, repo: { full_name: `${owner}/${repo}` } },
        base: { sha: BASE_SHA, ref: 'main', repo: { full_name: `${owner}/${repo}`, default_branch: 'main' } },
        requested_reviewers: [],
        requested_teams: [],
      },
    });
    mockPrReads(mock, { base, head });
    mockPrWrites(mock);
    const app = await createTestApp();

    const outcome = await app.receive('issue_comment', commentPayload('/meshfed plan', { login: 'carol' }));

    expect(outcome).toMatchObject({ outcome: 'plan', detail: { evaluation: { kind: 'evaluated' } } });
  });

  it('GIVEN someone with read access comments /meshfed plan WHEN handled THEN they get a polite refusal and nothing else happens', async () => {
    const mock = gh();
    permission(mock, 'eve', 'read');
    mock.on('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { owner, repo, issue_number: PR }, { status: 201, body: { id: 5 } });
    const app = await createTestApp();

    const outcome = await app.receive('issue_comment', commentPayload('/meshfed plan', { login: 'eve' }));

    expect(outcome).toMatchObject({ outcome: 'refused' });
    expect(String(bodies(mock, comments)[0]?.body)).toMatch(/^@eve thank you for asking\. meshfed commands can only be run by people with write access/);
  });

  it('GIVEN a non-collaborator (404) WHEN they comment /meshfed help THEN they are refused too', async () => {
    const mock = gh();
    mock.on('GET /repos/{owner}/{repo}/collaborators/{username}/permission', { owner, repo, username: 'stranger' }, { status: 404, body: { message: 'Not Found' } });
    mock.on('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { owner, repo, issue_number: PR }, { status: 201, body: { id: 5 } });
    const app = await createTestApp();

    expect(await app.receive('issue_comment', commentPayload('/meshfed help', { login: 'stranger' }))).toMatchObject({ outcome: 'refused' });
  });

  it('GIVEN a writer asks for help WHEN handled THEN the help text is posted', async () => {
    const mock = gh();
    permission(mock, 'carol', 'admin');
    mock.on('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { owner, repo, issue_number: PR }, { status: 201, body: { id: 5 } });
    const app = await createTestApp();

    await app.receive('issue_comment', commentPayload('/meshfed help', { login: 'carol' }));

    expect(String(bodies(mock, comments)[0]?.body)).toContain('`/meshfed plan`: evaluate this pull request again now');
  });

  it.each([
    ['a bot', commentPayload('/meshfed plan', { type: 'Bot', login: 'meshfed[bot]' })],
    ['an issue that is not a pull request', commentPayload('/meshfed plan', { onPullRequest: false })],
    ['a comment without a command', commentPayload('LGTM')],
  ])('GIVEN %s WHEN the comment is handled THEN GitHub is not called', async (_what, payload) => {
    gh();
    const app = await createTestApp();
    expect((await app.receive('issue_comment', payload))?.outcome).toBe('ignored');
  });
});
