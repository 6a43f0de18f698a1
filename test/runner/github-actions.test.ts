import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  appendStepSummary,
  deploymentPeerMismatch,
  postDeploymentStatus,
  readDeploymentTarget,
} from '../../src/runner/github-actions.js';
import { deploymentEvent } from './deployment-event.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'meshfed-gha-'));
});
afterEach(async () => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  await rm(dir, { recursive: true, force: true });
  expect(pending).toEqual([]);
});

async function env(event: Record<string, unknown>, extra: Record<string, string> = {}) {
  const path = join(dir, 'event.json');
  await writeFile(path, JSON.stringify(event));
  return {
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: 'deployment',
    GITHUB_EVENT_PATH: path,
    GITHUB_REPOSITORY: 'Codertocat/Hello-World',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: 'https://api.github.com',
    GITHUB_RUN_ID: '4242',
    GITHUB_TOKEN: 'ghs_test',
    ...extra,
  };
}

describe('GitHub Actions deployment integration', () => {
  it('GIVEN a deployment event THEN the target has the deployment id, environment, peer and the run log URL', async () => {
    const t = await readDeploymentTarget(await env(deploymentEvent()));
    expect(t).toMatchObject({
      owner: 'Codertocat',
      repo: 'Hello-World',
      deploymentId: 145988746,
      environment: 'meshfed-alpha',
      peer: 'alpha',
      logUrl: 'https://github.com/Codertocat/Hello-World/actions/runs/4242',
    });
  });

  it('GIVEN not in Actions, or another event THEN there is no deployment target', async () => {
    expect(await readDeploymentTarget({})).toBeUndefined();
    expect(await readDeploymentTarget({ ...(await env(deploymentEvent())), GITHUB_EVENT_NAME: 'schedule' })).toBeUndefined();
  });

  it('GIVEN a deployment for another peer THEN the runner refuses it', async () => {
    const t = await readDeploymentTarget(await env(deploymentEvent('meshfed-beta', { peer: 'beta' })));
    expect(t && deploymentPeerMismatch(t, 'alpha')).toMatch(/environment "meshfed-beta", but this runner applies peer "alpha"/);
    const sneaky = await readDeploymentTarget(await env(deploymentEvent('meshfed-alpha', { peer: 'beta' })));
    expect(sneaky && deploymentPeerMismatch(sneaky, 'alpha')).toMatch(/payload names peer "beta"/);
    const ok = await readDeploymentTarget(await env(deploymentEvent()));
    expect(ok && deploymentPeerMismatch(ok, 'alpha')).toBeUndefined();
  });

  it('GIVEN a deployment THEN statuses are posted with the token, state, log URL and a short description', async () => {
    const t = await readDeploymentTarget(await env(deploymentEvent()));
    if (!t) throw new Error('no target');
    const bodies: unknown[] = [];
    nock('https://api.github.com', { reqheaders: { authorization: 'token ghs_test' } })
      .post('/repos/Codertocat/Hello-World/deployments/145988746/statuses', (b) => (bodies.push(b), true))
      .times(2)
      .reply(201, { id: 1, state: 'in_progress' });
    expect(await postDeploymentStatus(t, 'in_progress', 'alpha: applying')).toBeUndefined();
    expect(await postDeploymentStatus(t, 'failure', `alpha: ${'x'.repeat(200)}`)).toBeUndefined();
    expect(bodies[0]).toEqual({ state: 'in_progress', log_url: 'https://github.com/Codertocat/Hello-World/actions/runs/4242', description: 'alpha: applying', environment: 'meshfed-alpha' });
    expect((bodies[1] as { description: string }).description).toHaveLength(140);
  });

  it('GIVEN GitHub rejects the status THEN it is a warning, not a thrown error', async () => {
    const t = await readDeploymentTarget(await env(deploymentEvent()));
    if (!t) throw new Error('no target');
    nock('https://api.github.com').post('/repos/Codertocat/Hello-World/deployments/145988746/statuses').reply(403, { message: 'Resource not accessible by integration' });
    expect(await postDeploymentStatus(t, 'success', 'done')).toMatch(/could not post the "success" deployment status: Resource not accessible by integration/);
  });

  it('GIVEN GITHUB_STEP_SUMMARY THEN the Markdown is appended', async () => {
    const path = join(dir, 'summary.md');
    await writeFile(path, 'earlier step\n');
    expect(await appendStepSummary({ GITHUB_STEP_SUMMARY: path }, '| a | b |')).toBeUndefined();
    expect(await readFile(path, 'utf8')).toBe('earlier step\n| a | b |\n');
    expect(await appendStepSummary({}, 'ignored')).toBeUndefined();
  });
});
