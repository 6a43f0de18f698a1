import { describe, expect, it } from 'vitest';
import { cloneFiles, exportYaml, peerName, peerYaml, ringFederation } from './fixtures/federation-fixture.js';
import { useGitHubMock } from './http-mock.js';
import { archive, bodies, createTestApp, deploymentStatusPayload, mockTree, OWNER, pushPayload, REPO, sha } from './harness.js';

const gh = useGitHubMock();
const owner = OWNER;
const repo = REPO;
const BEFORE = sha(0xbef0);
const AFTER = sha(0xaf7e);
const p0 = peerName(0);
const p1 = peerName(1);

function mockPush(mock: ReturnType<typeof gh>, before: Map<string, string> | undefined, after: Map<string, string>, existing: string[] = []): void {
  mock.on('GET /repos/{owner}/{repo}/deployments', { owner, repo, query: { sha: AFTER, per_page: 100, page: 1 } }, {
    body: existing.map((environment, i) => ({ id: 40 + i, sha: AFTER, environment })),
  });
  mock.tarball(owner, repo, AFTER, archive(after, AFTER));
  mockTree(mock, AFTER, after);
  if (before) {
    mock.tarball(owner, repo, BEFORE, archive(before, BEFORE));
    mockTree(mock, BEFORE, before);
  }
}

describe('delivery after merge', () => {
  it('GIVEN a merge that changes what two peers render WHEN pushed to the default branch THEN one deployment per affected peer is created', async () => {
    const before = ringFederation({ peers: 3 });
    const after = cloneFiles(before);
    after.set(`federation/peers/${p0}/peer.yaml`, peerYaml(p0, ['@owner-0'], 0).replace('address: 10.0.0.1', 'address: 10.9.9.9'));
    after.set(`federation/peers/${p0}/api-export.yaml`, exportYaml('api', [p1], 300));
    const mock = gh();
    mockPush(mock, before, after);
    mock.on('POST /repos/{owner}/{repo}/deployments', { owner, repo }, { status: 201, body: { id: 1 } }, { times: 2 });
    const app = await createTestApp();

    const outcome = await app.receive('push', pushPayload(BEFORE, AFTER));

    expect(outcome).toMatchObject({ outcome: 'delivered', detail: { created: [p0, p1], existing: [] } });
    const created = bodies(mock, `POST /repos/${owner}/${repo}/deployments`);
    expect(created.map((b) => b.environment)).toEqual([`meshfed-${p0}`, `meshfed-${p1}`]);
    expect(created[0]).toMatchObject({
      ref: AFTER,
      auto_merge: false,
      required_contexts: [],
      payload: { meshfed: 1, peer: p0, root: 'federation', before: BEFORE, after: AFTER, presence: 'both', changed: 1 },
    });
  });

  it("GIVEN a merged commit whose archive leaves out a file of the commit (export-ignore) WHEN pushed THEN nothing is delivered and the commit says why", async () => {
    const before = ringFederation({ peers: 3 });
    const after = cloneFiles(before);
    after.set(`federation/peers/${p0}/zz-admin.yaml`, exportYaml('admin', [p1]));
    const archived = cloneFiles(after);
    archived.delete(`federation/peers/${p0}/zz-admin.yaml`);
    const mock = gh();
    mock.on('GET /repos/{owner}/{repo}/deployments', { owner, repo, query: { sha: AFTER, per_page: 100, page: 1 } }, { body: [] });
    mock.tarball(owner, repo, AFTER, archive(archived, AFTER));
    mockTree(mock, AFTER, after);
    mock.tarball(owner, repo, BEFORE, archive(before, BEFORE));
    mockTree(mock, BEFORE, before);
    mock.on('POST /repos/{owner}/{repo}/statuses/{sha}', { owner, repo, sha: AFTER }, { status: 201, body: { id: 9 } });
    const app = await createTestApp();

    const outcome = await app.receive('push', pushPayload(BEFORE, AFTER));

    expect(outcome).toMatchObject({ outcome: 'invalid' });
    expect(mock.find(`POST /repos/${owner}/${repo}/deployments`)).toHaveLength(0);
    expect(bodies(mock, `POST /repos/${owner}/${repo}/statuses/${AFTER}`)[0]).toMatchObject({ state: 'error', context: 'meshfed/deliver' });
  });

  it('GIVEN the push was already delivered for one peer WHEN it is redelivered THEN only the missing deployment is created', async () => {
    const before = ringFederation({ peers: 3 });
    const after = cloneFiles(before);
    after.set(`federation/peers/${p0}/peer.yaml`, peerYaml(p0, ['@owner-0'], 0).replace('address: 10.0.0.1', 'address: 10.9.9.9'));
    after.set(`federation/peers/${p0}/api-export.yaml`, exportYaml('api', [p1], 300));
    const mock = gh();
    mockPush(mock, before, after, [`meshfed-${p0}`]);
    mock.on('POST /repos/{owner}/{repo}/deployments', { owner, repo }, { status: 201, body: { id: 2 } });
    const app = await createTestApp();

    const outcome = await app.receive('push', pushPayload(BEFORE, AFTER));

    expect(outcome).toMatchObject({ detail: { created: [p1], existing: [p0] } });
  });

  it('GIVEN the first push of the branch WHEN delivered THEN every peer gets a deployment', async () => {
    const after = ringFederation({ peers: 3 });
    const mock = gh();
    mockPush(mock, undefined, after);
    mock.on('POST /repos/{owner}/{repo}/deployments', { owner, repo }, { status: 201, body: { id: 3 } }, { times: 3 });
    const app = await createTestApp();

    const outcome = await app.receive('push', pushPayload('0'.repeat(40), AFTER));

    expect(outcome).toMatchObject({ detail: { created: [p0, p1, peerName(2)] } });
    expect(bodies(mock, `POST /repos/${owner}/${repo}/deployments`)[0]?.payload).not.toHaveProperty('before');
  });

  it('GIVEN intents that do not validate on the default branch WHEN pushed THEN nothing is delivered and the commit says why', async () => {
    const after = ringFederation({ peers: 3 });
    after.set(`federation/peers/${p0}/broken.yaml`, 'kind: Nonsense\n');
    const mock = gh();
    mockPush(mock, ringFederation({ peers: 3 }), after);
    mock.on('POST /repos/{owner}/{repo}/statuses/{sha}', { owner, repo, sha: AFTER }, { status: 201, body: { id: 9 } });
    const app = await createTestApp();

    const outcome = await app.receive('push', pushPayload(BEFORE, AFTER));

    expect(outcome?.outcome).toBe('invalid');
    expect(bodies(mock, `POST /repos/${owner}/${repo}/statuses/${AFTER}`)[0]).toMatchObject({ state: 'error', context: 'meshfed/deliver' });
  });

  it.each([
    ['a tag', { ref: 'refs/tags/v1' }],
    ['another branch', { ref: 'refs/heads/feature' }],
    ['a deleted default branch', { deleted: true }],
  ])('GIVEN a push to %s WHEN handled THEN nothing is delivered', async (_what, o) => {
    gh();
    const app = await createTestApp();
    expect((await app.receive('push', pushPayload(BEFORE, AFTER, o)))?.outcome).toBe('ignored');
  });

  it("GIVEN a peer's runner reports success WHEN the deployment status arrives THEN the commit gets meshfed/deploy/<peer>", async () => {
    const mock = gh();
    mock.on('GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses', { owner, repo, deployment_id: 40, query: { per_page: 1 } }, {
      body: [{ id: 901, state: 'success', description: 'applied 7 objects', log_url: 'https://github.com/acme/runner/actions/runs/5' }],
    });
    mock.on('POST /repos/{owner}/{repo}/statuses/{sha}', { owner, repo, sha: AFTER }, { status: 201, body: { id: 1 } });
    const app = await createTestApp();

    const outcome = await app.receive('deployment_status', deploymentStatusPayload({ id: 40, statusId: 901, state: 'success', environment: `meshfed-${p1}`, peer: p1, sha: AFTER }));

    expect(outcome).toMatchObject({ outcome: 'status', detail: { context: `meshfed/deploy/${p1}`, state: 'success' } });
    expect(bodies(mock, `POST /repos/${owner}/${repo}/statuses/${AFTER}`)[0]).toEqual({
      state: 'success',
      context: `meshfed/deploy/${p1}`,
      description: 'applied 7 objects',
      target_url: 'https://github.com/acme/runner/actions/runs/5',
    });
  });

  it('GIVEN a late "in_progress" event after the runner already failed WHEN it arrives THEN the newest state (failure) is what the commit shows', async () => {
    const mock = gh();
    mock.on('GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses', { owner, repo, deployment_id: 41, query: { per_page: 1 } }, {
      body: [{ id: 950, state: 'failure', description: 'server-side apply rejected 1 object' }],
    });
    mock.on('POST /repos/{owner}/{repo}/statuses/{sha}', { owner, repo, sha: AFTER }, { status: 201, body: { id: 1 } });
    const app = await createTestApp();

    await app.receive('deployment_status', deploymentStatusPayload({ id: 41, statusId: 930, state: 'in_progress', environment: `meshfed-${p0}`, sha: AFTER }));

    expect(bodies(mock, `POST /repos/${owner}/${repo}/statuses/${AFTER}`)[0]).toMatchObject({ state: 'failure', context: `meshfed/deploy/${p0}` });
  });

  it('GIVEN a deployment of another environment WHEN its status arrives THEN it is ignored', async () => {
    gh();
    const app = await createTestApp();
    const outcome = await app.receive('deployment_status', deploymentStatusPayload({ id: 1, statusId: 2, state: 'success', environment: 'production', sha: AFTER }));
    expect(outcome?.outcome).toBe('ignored');
  });
});
