import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { kubeEnv } from '../envtest/kube-env.js';
import { kubeCall, kubeRequest, type KubeObject } from '../envtest/kube-http.js';
import { meshfed, objectPath } from './cluster.js';
import { isolatedFederation, REPO, type IsolatedFederation } from './isolated-federation.js';

const env = kubeEnv();

/** `kubectl edit` as the API server sees it: a merge patch by field manager "kubectl-edit" (operation Update). */
function kubectlEdit(path: string, patch: unknown) {
  return kubeCall(env.admin(), 'PATCH', `${path}?fieldManager=kubectl-edit`, patch, 'application/merge-patch+json');
}

describe.skipIf(env.skip)(env.title('meshfed drift and convergence against a real kube-apiserver'), () => {
  let fed: IsolatedFederation;
  let kubeconfig: string;
  let drPath: string;
  const apply = (...flags: string[]) => meshfed(['apply', '--peer', 'tein', '--prune', '--kubeconfig', kubeconfig, ...flags], fed.cwd);
  const drift = () => meshfed(['drift', '--peer', 'tein', '--kubeconfig', kubeconfig], fed.cwd);
  const dr = async () => kubeCall(env.admin(), 'GET', drPath);
  const managers = (o: KubeObject) => (o.metadata.managedFields as { manager: string }[]).map((m) => m.manager).sort();

  beforeAll(async () => {
    fed = await isolatedFederation(env, join(REPO, 'federation'), ['echo', 'istio-system']);
    kubeconfig = env.kubeconfig(env.admin());
    drPath = objectPath('networking.istio.io/v1', 'DestinationRule', fed.namespaces.get('echo') ?? '', 'meshfed-import-echo-burst');
    expect((await apply()).code).toBe(0);
  });

  it('GIVEN the peer is converged THEN drift finds none (exit 0)', async () => {
    const r = await drift();
    expect(r.stdout).toContain('no drift: all 5 object(s) are as desired');
    expect(r.code).toBe(0);
  });

  it('GIVEN kubectl edit added spec.exportTo WHEN drift THEN it names the field and the manager; WHEN apply THEN the field is gone and drift finds none', async () => {
    await kubectlEdit(drPath, { spec: { exportTo: ['.'] } });
    const found = await drift();
    expect(found.code).toBe(2);
    expect(found.stdout).toContain('.spec.exportTo: live ["."] → desired (absent) (added by field manager "kubectl-edit"; meshfed does not set it, apply removes it)');

    // Server-side apply alone keeps a field another manager holds: meshfed removes it first (JSON Patch).
    const applied = await apply();
    expect(applied.code).toBe(0);
    expect(applied.stdout).toMatch(/configured +networking\.istio\.io\/DestinationRule\/.*\/meshfed-import-echo-burst/);
    const after = await dr();
    expect((after.spec as Record<string, unknown>).exportTo).toBeUndefined();
    expect(managers(after)).toEqual(['meshfed']);
    expect((await drift()).code).toBe(0);
  });

  it('GIVEN kubectl edit changed the portLevelSettings meshfed sets THEN drift names the manager, apply is refused with a 409 naming it, and --force-conflicts converges', async () => {
    const live = await dr();
    const portLevel = ((live.spec as Record<string, Record<string, unknown[]>>).trafficPolicy?.portLevelSettings ?? []) as unknown[];
    await kubectlEdit(drPath, { spec: { trafficPolicy: { portLevelSettings: [...portLevel, { port: { number: 8080 }, tls: { mode: 'DISABLE' } }] } } });
    const found = await drift();
    expect(found.code).toBe(2);
    expect(found.stdout).toMatch(/\.spec\.trafficPolicy\.portLevelSettings: live .* → desired .* \(held by field manager "kubectl-edit"\)/);

    const rv = (await dr()).metadata.resourceVersion;
    const refused = await apply();
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/dry run: conflict: field manager "kubectl-edit" owns \.spec\.trafficPolicy\.portLevelSettings/);
    expect((await dr()).metadata.resourceVersion).toBe(rv);

    const forced = await apply('--force-conflicts');
    expect(forced.code).toBe(0);
    expect(managers(await dr())).toEqual(['meshfed']);
    expect((await drift()).code).toBe(0);
  });

  it('GIVEN the object changed after meshfed read it THEN the real server refuses the removal guarded by the stale resourceVersion (422, which the client reports as a change to re-run)', async () => {
    await kubectlEdit(drPath, { spec: { exportTo: ['*'] } });
    const stale = String(Number((await dr()).metadata.resourceVersion) - 1);
    const pointerPatch = [
      { op: 'test', path: '/metadata/resourceVersion', value: stale },
      { op: 'remove', path: '/spec/exportTo' },
    ];
    const r = await kubeRequest(env.admin(), 'PATCH', `${drPath}?fieldManager=meshfed`, pointerPatch, 'application/json-patch+json');
    expect(r.status).toBe(422);
    expect((await apply()).code).toBe(0);
    expect((await drift()).code).toBe(0);
  });
});
