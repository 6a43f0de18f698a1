import { describe, expect, it } from 'vitest';
import { toManifest } from '../../src/core/apply/to-manifest.js';
import { KubeApiError, describeKubeError } from '../../src/adapters/kubernetes/kube-api-error.js';
import { useFakeKubeApiServer, type FakeKubeApiServer } from './fake-kube-api-server.js';
import { body, destinationRule, testKubeApi } from './helpers.js';

let fake: FakeKubeApiServer;
useFakeKubeApiServer((f) => (fake = f));

const dr = destinationRule('echo-from-beta', 'echo.demo.svc.cluster.local');
const ref = { apiVersion: dr.apiVersion, kind: dr.kind, namespace: 'demo', name: 'echo-from-beta' };

async function failure(p: Promise<unknown>): Promise<KubeApiError> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(KubeApiError);
  return e as KubeApiError;
}

describe('createKubeApi over @kubernetes/client-node', () => {
  it('GIVEN a new object WHEN applied THEN it is a server-side apply PATCH with fieldManager meshfed, and the dry run persists nothing', async () => {
    const { api } = testKubeApi();
    const dry = await api.apply(toManifest(dr), { dryRun: true, force: false });
    expect(dry.metadata.managedFields.map((m) => m.manager)).toEqual(['meshfed']);
    expect(fake.objects.size).toBe(0);
    const real = await api.apply(toManifest(dr), { dryRun: false, force: false });
    expect(real.body.spec).toEqual(dr.spec);
    expect(fake.find('DestinationRule', 'demo', 'echo-from-beta')?.owners.map((o) => `${o.manager}/${o.operation}`)).toEqual(['meshfed/Apply']);
    const patches = fake.requests.filter((r) => r.method === 'PATCH');
    expect(patches.map((r) => [r.path, r.dryRun, r.status])).toEqual([
      ['/apis/networking.istio.io/v1/namespaces/demo/destinationrules/echo-from-beta', true, 201],
      ['/apis/networking.istio.io/v1/namespaces/demo/destinationrules/echo-from-beta', false, 201],
    ]);
    expect(api.stats).toMatchObject({ writes: 1, dryRuns: 1, retries: 0 });
  });

  it('GIVEN another manager owns spec.host WHEN meshfed applies a different host THEN 409 names that manager and the field; --force-conflicts takes it over', async () => {
    fake.seed(body(destinationRule('echo-from-beta', 'other.demo.svc.cluster.local')), 'istioctl');
    const { api } = testKubeApi();
    const e = await failure(api.apply(toManifest(dr), { dryRun: true, force: false }));
    expect(e.status).toBe(409);
    expect(e.conflicts).toContainEqual({ manager: 'istioctl', field: '.spec.host' });
    expect(describeKubeError(e)).toMatch(/field manager "istioctl" owns .*\.spec\.host.*--force-conflicts/);
    const forced = await api.apply(toManifest(dr), { dryRun: false, force: true });
    expect(forced.body.spec).toMatchObject({ host: 'echo.demo.svc.cluster.local' });
  });

  it('GIVEN an invalid object WHEN applied THEN 422 carries the causes from the server', async () => {
    const { api } = testKubeApi();
    const bad = toManifest(destinationRule('broken', ''));
    const e = await failure(api.apply(bad, { dryRun: true, force: false }));
    expect(e.status).toBe(422);
    expect(e.causes).toEqual([{ reason: 'FieldValueRequired', message: 'Required value', field: 'spec.host' }]);
    expect(describeKubeError(e)).toContain('spec.host: Required value');
  });

  it('GIVEN a namespace that does not exist WHEN applied THEN 404 says so without retrying', async () => {
    fake.namespaces = new Set(['istio-system']);
    const { api, delays } = testKubeApi();
    const e = await failure(api.apply(toManifest(dr), { dryRun: true, force: false }));
    expect(e.status).toBe(404);
    expect(e.message).toContain('namespaces "demo" not found');
    expect(delays).toEqual([]);
  });

  it('GIVEN 429 with Retry-After: 3 THEN the client waits 3 s (as told) and succeeds', async () => {
    fake.inject({ method: 'PATCH', reply: { status: 429, headers: { 'retry-after': '3' }, body: { kind: 'Status', reason: 'TooManyRequests', message: 'Too many requests, please try again later.', code: 429 } } });
    const { api, delays } = testKubeApi();
    await api.apply(toManifest(dr), { dryRun: false, force: false });
    expect(delays).toEqual([3000]);
    expect(api.stats.retries).toBe(1);
  });

  it('GIVEN 500 then 503 then a dropped connection THEN it backs off exponentially and succeeds', async () => {
    fake.inject({ method: 'GET', path: '/destinationrules', reply: { status: 500 } });
    fake.inject({ method: 'GET', path: '/destinationrules', reply: { status: 503 } });
    fake.inject({ method: 'GET', path: '/destinationrules', reply: 'reset' });
    fake.seed(body(dr));
    const { api, delays } = testKubeApi();
    const got = await api.get(ref);
    expect(got?.metadata.name).toBe('echo-from-beta');
    expect(delays).toEqual([188, 375, 750]);
  });

  it('GIVEN the connection keeps dropping THEN it gives up after 5 attempts with ECONNRESET', async () => {
    fake.inject({ method: 'PATCH', reply: 'reset', times: 5 });
    const { api } = testKubeApi();
    const e = await failure(api.apply(toManifest(dr), { dryRun: false, force: false }));
    expect(e.code).toBe('ECONNRESET');
    expect(e.retryable).toBe(true);
    expect(api.stats.retries).toBe(4);
  });

  it('GIVEN a 409 conflict THEN it is not retried', async () => {
    fake.seed(body(destinationRule('echo-from-beta', 'x.demo.svc.cluster.local')), 'helm');
    const { api, delays } = testKubeApi();
    await failure(api.apply(toManifest(dr), { dryRun: false, force: false }));
    expect(delays).toEqual([]);
  });

  it('GIVEN a kind the cluster does not serve THEN discovery says so, once per kind', async () => {
    fake.unserved.add('WorkloadEntry');
    const { api } = testKubeApi();
    expect(await api.resource('networking.istio.io/v1', 'WorkloadEntry')).toBeUndefined();
    expect(await api.resource('networking.istio.io/v1', 'WorkloadEntry')).toBeUndefined();
    expect(await api.resource('networking.istio.io/v1', 'DestinationRule')).toEqual({ plural: 'destinationrules', namespaced: true });
    expect(fake.requests.filter((r) => r.path === '/apis/networking.istio.io/v1').length).toBeLessThanOrEqual(3);
  });

  it('GIVEN a delete with a stale uid precondition THEN 409 and the object stays; a missing object is not-found', async () => {
    fake.seed(body(dr));
    const { api } = testKubeApi();
    const e = await failure(api.delete(ref, { dryRun: false, uid: 'uid-of-an-older-object' }));
    expect(e.status).toBe(409);
    expect(fake.objects.size).toBe(1);
    expect(await api.delete({ ...ref, name: 'gone' }, { dryRun: false, uid: undefined })).toBe('not-found');
  });

  it('GIVEN wrong credentials THEN 401 is reported, not retried', async () => {
    const { api, delays } = testKubeApi();
    fake.inject({ method: 'GET', path: '/destinationrules', reply: { status: 401, body: { kind: 'Status', reason: 'Unauthorized', message: 'Unauthorized', code: 401 } } });
    fake.seed(body(dr));
    const e = await failure(api.get(ref));
    expect(describeKubeError(e)).toMatch(/^unauthorized/);
    expect(delays).toEqual([]);
  });

  it('GIVEN a server that does not answer in time THEN the request is aborted by the timeout and retried', async () => {
    fake.inject({ method: 'GET', path: '/destinationrules', reply: { status: 200, delayMs: 300 } });
    fake.seed(body(dr));
    const { api, delays } = testKubeApi({ timeoutMs: 50 });
    const got = await api.get(ref);
    expect(got?.metadata.name).toBe('echo-from-beta');
    expect(delays).toHaveLength(1);
    expect(api.stats.retries).toBe(1);
  });

  it('GIVEN more objects than any page size THEN one LIST returns them all (client-node 1.x drops the continue token, so meshfed never pages)', async () => {
    for (let i = 0; i < 501; i++) fake.seed(body(destinationRule(`echo-${i}`, `h${i}.demo.svc.cluster.local`)));
    const { api } = testKubeApi();
    const items = await api.list('networking.istio.io/v1', 'DestinationRule', 'demo', 'app.kubernetes.io/managed-by=meshfed');
    expect(items).toHaveLength(501);
    expect(fake.requests.filter((r) => r.path.endsWith('/destinationrules'))).toHaveLength(1);
  });
});
