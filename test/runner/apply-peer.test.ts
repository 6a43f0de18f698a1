import { describe, expect, it } from 'vitest';
import { applyExitCode, countOutcomes, type ApplyReport } from '../../src/core/apply/apply-report.js';
import { formatApplyReportText } from '../../src/core/apply/format-apply-report.js';
import type { RenderedObject } from '../../src/core/render/rendered-object.js';
import { applyPeer, type ApplyPeerOptions } from '../../src/runner/apply-peer.js';
import { useFakeKubeApiServer, type FakeKubeApiServer } from '../kubernetes/fake-kube-api-server.js';
import { ALPHA, body, destinationRule, serviceEntry, testKubeApi } from '../kubernetes/helpers.js';

let fake: FakeKubeApiServer;
useFakeKubeApiServer((f) => (fake = f));

const OPTS: ApplyPeerOptions = { dryRun: false, prune: false, allowMassPrune: false, forceConflicts: false, concurrency: 4 };

function run(desired: readonly RenderedObject[], opts: Partial<ApplyPeerOptions> = {}): Promise<ApplyReport> {
  return applyPeer(testKubeApi().api, ALPHA, desired, { ...OPTS, ...opts });
}

function outcomes(report: ApplyReport): Record<string, string> {
  return Object.fromEntries(report.objects.map((o) => [o.key.split('/').slice(-1)[0], o.outcome]));
}

const a = destinationRule('echo-a', 'a.demo.svc.cluster.local');
const b = destinationRule('echo-b', 'b.demo.svc.cluster.local');
const se = serviceEntry('echo-beta', ['echo.demo.beta.global']);

function inventoryObjects(): string {
  const cm = fake.find('ConfigMap', 'istio-system', 'meshfed-inventory-alpha');
  return String((cm?.view.data as Record<string, string> | undefined)?.objects ?? '');
}

describe('applyPeer: apply', () => {
  it('GIVEN an empty cluster WHEN applied THEN every object is dry-run, then created, and the inventory records them', async () => {
    const report = await run([a, b, se]);
    expect(outcomes(report)).toEqual({ 'echo-a': 'created', 'echo-b': 'created', 'echo-beta': 'created' });
    expect(applyExitCode(report)).toBe(0);
    expect(fake.dryRuns.map((r) => r.path).sort()).toEqual([
      '/apis/networking.istio.io/v1/namespaces/demo/destinationrules/echo-a',
      '/apis/networking.istio.io/v1/namespaces/demo/destinationrules/echo-b',
      '/apis/networking.istio.io/v1/namespaces/demo/serviceentries/echo-beta',
    ]);
    expect(inventoryObjects()).toBe(
      'networking.istio.io/v1 DestinationRule demo echo-a\nnetworking.istio.io/v1 DestinationRule demo echo-b\nnetworking.istio.io/v1 ServiceEntry demo echo-beta\n',
    );
    expect(report.inventory.status).toBe('written');
  });

  it('GIVEN the same commit applied twice THEN the second run writes nothing and no resourceVersion changes', async () => {
    await run([a, b, se]);
    const before = fake.resourceVersions();
    const writesBefore = fake.writes.length;
    const report = await run([a, b, se]);
    expect(countOutcomes(report.objects)).toMatchObject({ unchanged: 3, created: 0, configured: 0 });
    expect(fake.writes.length).toBe(writesBefore);
    expect(fake.resourceVersions()).toEqual(before);
    expect(report.inventory.status).toBe('unchanged');
  });

  it('GIVEN one field changed in git THEN only that object is written, and the report shows the field', async () => {
    await run([a, b]);
    const writesBefore = fake.writes.length;
    const changed = destinationRule('echo-b', 'b.demo.svc.cluster.local', { maxConnections: 250 });
    const report = await run([a, changed]);
    expect(outcomes(report)).toEqual({ 'echo-a': 'unchanged', 'echo-b': 'configured' });
    expect(fake.writes.length - writesBefore).toBe(1);
    expect(formatApplyReportText(report)).toContain('.spec.trafficPolicy.connectionPool.tcp.maxConnections: live 100 → desired 250');
    expect(fake.find('DestinationRule', 'demo', 'echo-b')?.view.spec).toMatchObject({ trafficPolicy: { connectionPool: { tcp: { maxConnections: 250 } } } });
  });

  it('GIVEN a field meshfed set is removed from the desired state THEN the apply removes it from the cluster', async () => {
    await run([a]);
    const slim = { ...a, spec: { host: 'a.demo.svc.cluster.local' } };
    const report = await run([slim]);
    expect(outcomes(report)).toEqual({ 'echo-a': 'configured' });
    expect(fake.find('DestinationRule', 'demo', 'echo-a')?.view.spec).toEqual({ host: 'a.demo.svc.cluster.local' });
  });

  it('GIVEN --dry-run THEN every object is dry-run and nothing is written, not even the inventory', async () => {
    const report = await run([a, se], { dryRun: true, prune: true });
    expect(outcomes(report)).toEqual({ 'echo-a': 'created', 'echo-beta': 'created' });
    expect(report.dryRun).toBe(true);
    expect(fake.writes).toEqual([]);
    expect(fake.objects.size).toBe(0);
    expect(fake.dryRuns).toHaveLength(2);
  });

  it('GIVEN one object fails its dry run (422) THEN nothing is applied and the server message is reported', async () => {
    const broken = destinationRule('broken', '');
    const report = await run([a, broken, se]);
    expect(outcomes(report)).toEqual({ 'echo-a': 'skipped', broken: 'failed', 'echo-beta': 'skipped' });
    expect(report.objects.find((o) => o.outcome === 'failed')?.message).toContain('spec.host: Required value');
    expect(fake.writes).toEqual([]);
    expect(applyExitCode(report)).toBe(1);
  });

  it('GIVEN another tool owns a field meshfed sets THEN the conflict names it and nothing is applied; --force-conflicts applies', async () => {
    await run([a]);
    fake.edit('DestinationRule', 'demo', 'echo-a', (v) => {
      ((v.spec as Record<string, unknown>).trafficPolicy as Record<string, unknown>).tls = { mode: 'DISABLE' };
    }, 'kubectl-edit');
    const changed = destinationRule('echo-a', 'a.demo.svc.cluster.local', { maxConnections: 7 });
    const report = await run([changed, se]);
    const failed = report.objects.find((o) => o.outcome === 'failed');
    expect(failed?.message).toMatch(/field manager "kubectl-edit" owns \.spec\.trafficPolicy\.tls/);
    expect(outcomes(report)['echo-beta']).toBe('skipped');
    expect(fake.find('ServiceEntry', 'demo', 'echo-beta')).toBeUndefined();
    const forced = await run([changed, se], { forceConflicts: true });
    expect(outcomes(forced)).toEqual({ 'echo-a': 'configured', 'echo-beta': 'created' });
    expect(fake.find('DestinationRule', 'demo', 'echo-a')?.view.spec).toMatchObject({ trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' } } });
  });

  it('GIVEN 429 (Retry-After) and 500 during the batch THEN they are retried and the apply succeeds', async () => {
    fake.inject({ method: 'PATCH', dryRun: false, path: 'echo-a', reply: { status: 429, headers: { 'retry-after': '1' } } });
    fake.inject({ method: 'PATCH', dryRun: false, path: 'echo-b', reply: { status: 500 } });
    const report = await run([a, b]);
    expect(outcomes(report)).toEqual({ 'echo-a': 'created', 'echo-b': 'created' });
  });

  it('GIVEN the cluster does not serve a desired kind THEN the run fails before any apply', async () => {
    fake.unserved.add('ServiceEntry');
    const report = await run([a, se]);
    expect(report.errors.join()).toMatch(/does not serve ServiceEntry .*install the Istio CRDs/);
    expect(fake.writes).toEqual([]);
    expect(fake.dryRuns).toEqual([]);
  });
});

describe('applyPeer: allowlist (README guarantee 2)', () => {
  const secret: RenderedObject = { apiVersion: 'v1', kind: 'Secret', metadata: { ...a.metadata, name: 'creds' }, spec: {} };
  const elsewhere = destinationRule('echo-x', 'x.demo.svc.cluster.local', { namespace: 'kube-system' });
  const betas = destinationRule('echo-beta-only', 'b.demo.svc.cluster.local', { peer: 'beta' });
  const gateway = destinationRule('in-gateway-ns', 'g.istio-system.svc.cluster.local', { namespace: 'istio-system' });
  it.each([
    ['a kind meshfed never renders', secret, /kind Secret of v1 is not one meshfed applies/],
    ['a namespace outside the peer', elsewhere, /namespace "kube-system" is not one of peer alpha's namespaces/],
    ["another peer's object", betas, /not labelled for peer alpha/],
  ])('GIVEN %s THEN it is refused before any request and nothing is applied', async (_what, bad, reason) => {
    const report = await run([a, bad, gateway]);
    expect(report.refusals).toHaveLength(1);
    expect(report.refusals[0]?.reason).toMatch(reason);
    expect(fake.requests).toEqual([]);
    expect(applyExitCode(report)).toBe(1);
  });

  it("GIVEN an object of the same name in the peer's namespace that meshfed applied for another peer (shared namespace) THEN nothing is applied and it keeps that peer's labels", async () => {
    fake.seed(body(destinationRule('echo-a', 'a.demo.svc.cluster.local', { peer: 'beta' })));
    const report = await run([a, se]);
    expect(outcomes(report)).toEqual({ 'echo-a': 'failed', 'echo-beta': 'skipped' });
    expect(report.objects.find((o) => o.outcome === 'failed')?.message).toMatch(/meshfed's for peer "beta".*never takes over another peer's object/);
    expect(fake.writes).toEqual([]);
    expect(applyExitCode(report)).toBe(1);
    expect((fake.find('DestinationRule', 'demo', 'echo-a')?.view.metadata as { labels: Record<string, string> }).labels['meshfed.io/peer']).toBe('beta');
  });

  it('GIVEN objects in the gateway namespace THEN they are allowed', async () => {
    const report = await run([gateway]);
    expect(outcomes(report)).toEqual({ 'in-gateway-ns': 'created' });
  });
});

describe('applyPeer: fields another manager added', () => {
  const exportTo = (v: Record<string, unknown>) => {
    (v.spec as Record<string, unknown>).exportTo = ['.'];
  };

  it('GIVEN kubectl edit added spec.exportTo WHEN applied THEN it is removed (dry run first), and the next apply writes nothing', async () => {
    await run([a]);
    fake.edit('DestinationRule', 'demo', 'echo-a', exportTo);
    const requestsBefore = fake.requests.length;
    const report = await run([a]);
    expect(outcomes(report)).toEqual({ 'echo-a': 'configured' });
    expect(formatApplyReportText(report)).toContain('.spec.exportTo: live ["."] → desired (absent) (added by field manager "kubectl-edit"');
    const patches = fake.requests.slice(requestsBefore).filter((r) => r.method === 'PATCH' && r.path.endsWith('/echo-a'));
    expect(patches.map((r) => [r.contentType, r.dryRun])).toEqual([
      ['application/apply-patch+yaml', true],
      ['application/json-patch+json', true],
      ['application/json-patch+json', false],
      ['application/apply-patch+yaml', false],
    ]);
    // Unknown or duplicate fields are errors, never silently dropped (the API server's default is Warn).
    for (const r of patches.filter((p) => p.contentType === 'application/apply-patch+yaml')) expect(r.query?.fieldValidation).toBe('Strict');
    expect((fake.find('DestinationRule', 'demo', 'echo-a')?.view.spec as Record<string, unknown>).exportTo).toBeUndefined();
    const rv = fake.resourceVersions();
    expect(outcomes(await run([a]))).toEqual({ 'echo-a': 'unchanged' });
    expect(fake.resourceVersions()).toEqual(rv);
  });

  it('GIVEN the object changed since it was read THEN the removal fails, says so, and removes nothing', async () => {
    await run([a]);
    fake.edit('DestinationRule', 'demo', 'echo-a', exportTo);
    const ref = { apiVersion: a.apiVersion, kind: a.kind, namespace: 'demo', name: 'echo-a' };
    const stale = String(Number(fake.find('DestinationRule', 'demo', 'echo-a')?.resourceVersion) - 1);
    await expect(testKubeApi().api.removeFields(ref, [['spec', 'exportTo']], stale, { dryRun: false })).rejects.toThrow(
      /the object changed since meshfed read it .*nothing was removed, re-run/,
    );
    expect((fake.find('DestinationRule', 'demo', 'echo-a')?.view.spec as Record<string, unknown>).exportTo).toEqual(['.']);
  });
});
