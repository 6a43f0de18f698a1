import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { kubeEnv } from '../envtest/kube-env.js';
import { kubeCall, kubeRequest, type KubeCredentials } from '../envtest/kube-http.js';
import { istioObjects, meshfed, objectPath, resourceVersions } from './cluster.js';
import { isolatedFederation, REPO, type IsolatedFederation } from './isolated-federation.js';
import { installRbac, token } from './runner-identity.js';

const env = kubeEnv();

describe.skipIf(env.skip)(env.title('the runner as its own identity with exactly deploy/rbac (real RBAC)'), () => {
  let fed: IsolatedFederation;
  let runner: KubeCredentials;
  let drift: KubeCredentials;
  let echo: string;
  let system: string;
  const as = (creds: KubeCredentials, ...argv: string[]) => meshfed([...argv, '--kubeconfig', env.kubeconfig(creds)], fed.cwd);

  beforeAll(async () => {
    fed = await isolatedFederation(env, join(REPO, 'federation'), ['echo', 'istio-system']);
    echo = fed.namespaces.get('echo') ?? '';
    system = fed.namespaces.get('istio-system') ?? '';
    await installRbac(env.admin(), 'tein', { gateways: system, istiod: fed.istioNamespaces.get('tein') ?? '', app: [echo] });
    runner = await token(env.admin(), 'meshfed-runner');
    drift = await token(env.admin(), 'meshfed-drift');
  });

  it('GIVEN the meshfed-runner token THEN apply creates everything, a second apply writes nothing, and prune deletes a removed intent', async () => {
    const first = await as(runner, 'apply', '--peer', 'tein', '--prune');
    expect(first.stdout).toContain('summary: 5 created');
    expect(first.code).toBe(0);
    const rv = resourceVersions(await istioObjects(env.admin(), [echo, system]));
    const second = await as(runner, 'apply', '--peer', 'tein', '--prune');
    expect(second.stdout).toContain('summary: 0 created, 0 configured, 5 unchanged, 0 pruned');
    expect(resourceVersions(await istioObjects(env.admin(), [echo, system]))).toEqual(rv);

    fed.remove('peers/tein/edge.yaml');
    const pruned = await as(runner, 'apply', '--peer', 'tein', '--prune');
    expect(pruned.code).toBe(0);
    expect(pruned.stdout).toContain('summary: 0 created, 0 configured, 3 unchanged, 2 pruned, 0 failed, 0 skipped');
  });

  it('GIVEN a hand edit THEN the read-only meshfed-drift token reports the drift, and the runner token converges it (JSON Patch removal included)', async () => {
    await as(runner, 'apply', '--peer', 'tein', '--prune');
    const dr = objectPath('networking.istio.io/v1', 'DestinationRule', echo, 'meshfed-import-echo-burst');
    await kubeCall(env.admin(), 'PATCH', `${dr}?fieldManager=kubectl-edit`, { spec: { exportTo: ['.'] } }, 'application/merge-patch+json');
    const found = await as(drift, 'drift', '--peer', 'tein');
    expect(found.stderr).toBe('');
    expect(found.code).toBe(2);
    expect(found.stdout).toContain('added by field manager "kubectl-edit"');
    expect((await as(runner, 'apply', '--peer', 'tein', '--prune')).code).toBe(0);
    expect((await as(drift, 'drift', '--peer', 'tein')).code).toBe(0);
  });

  it('GIVEN the read-only meshfed-drift token THEN apply is forbidden by the cluster, and the message says which role to grant', async () => {
    const r = await as(drift, 'apply', '--peer', 'tein', '--prune');
    expect(r.code).toBe(1);
    expect(r.stderr + r.stdout).toMatch(/forbidden: .*system:serviceaccount:meshfed-system:meshfed-drift.*meshfed-runner role/);
  });

  it.each([
    ['a DestinationRule in a namespace without a binding', 'PATCH', () => objectPath('networking.istio.io/v1', 'DestinationRule', 'default', 'x')],
    ['a Secret in a namespace of the peer', 'GET', () => `/api/v1/namespaces/${echo}/secrets`],
    ['a Deployment in a namespace of the peer', 'GET', () => `/apis/apps/v1/namespaces/${echo}/deployments`],
    ['another peer\'s inventory', 'GET', () => objectPath('v1', 'ConfigMap', system, 'meshfed-inventory-gke')],
    ['a cluster-wide list of DestinationRules', 'GET', () => '/apis/networking.istio.io/v1/destinationrules'],
    ['deleting a namespace of the peer', 'DELETE', () => `/api/v1/namespaces/${echo}`],
  ])('GIVEN the meshfed-runner token THEN the cluster refuses %s (403)', async (_what, method, path) => {
    const body =
      method === 'PATCH'
        ? { apiVersion: 'networking.istio.io/v1', kind: 'DestinationRule', metadata: { name: 'x', namespace: 'default' }, spec: { host: 'x' } }
        : undefined;
    const p = path();
    const r = await kubeRequest(runner, method, method === 'PATCH' ? `${p}?fieldManager=meshfed` : p, body, 'application/apply-patch+yaml');
    expect(r.status).toBe(403);
    expect(JSON.stringify(r.body)).toContain('system:serviceaccount:meshfed-system:meshfed-runner');
  });
});
