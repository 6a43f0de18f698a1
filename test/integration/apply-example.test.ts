import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { kubeEnv } from '../envtest/kube-env.js';
import { kubeCall } from '../envtest/kube-http.js';
import { istioObjects, meshfed, objectPath, resourceVersions } from './cluster.js';
import { isolatedFederation, REPO, type IsolatedFederation } from './isolated-federation.js';

const env = kubeEnv();

describe.skipIf(env.skip)(env.title('meshfed apply against a real kube-apiserver'), () => {
  let fed: IsolatedFederation;
  let kubeconfig: string;
  beforeAll(async () => {
    fed = await isolatedFederation(env, join(REPO, 'federation'), ['echo', 'istio-system']);
    kubeconfig = env.kubeconfig(env.admin());
  });

  it('GIVEN the example federation WHEN tein applies twice THEN the first creates every object and the second writes nothing', async () => {
    const first = await meshfed(['apply', '--peer', 'tein', '--prune', '--kubeconfig', kubeconfig], fed.cwd);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/summary: 5 created, 0 configured, 0 unchanged, 0 pruned, 0 failed, 0 skipped/);
    const before = resourceVersions(await istioObjects(env.admin(), fed.namespaces.values()));
    expect(before.size).toBe(5);

    const second = await meshfed(['apply', '--peer', 'tein', '--prune', '--kubeconfig', kubeconfig], fed.cwd);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/summary: 0 created, 0 configured, 5 unchanged, 0 pruned, 0 failed, 0 skipped/);
    expect(resourceVersions(await istioObjects(env.admin(), fed.namespaces.values()))).toEqual(before);
  });
});

describe.skipIf(env.skip)(env.title('meshfed apply stops before writing when a dry run fails (real kube-apiserver)'), () => {
  it('GIVEN the gateway namespace does not exist THEN the real server fails the dry run of the objects there, and nothing at all is written', async () => {
    const fed = await isolatedFederation(env, join(REPO, 'federation'), ['echo'], ['istio-system']);
    const r = await meshfed(['apply', '--peer', 'tein', '--prune', '--kubeconfig', env.kubeconfig(env.admin())], fed.cwd);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/failed +networking\.istio\.io\/Gateway\/.*: dry run: not found: .*namespaces ".*-missing-.*" not found/);
    expect(r.stdout).toMatch(/skipped +networking\.istio\.io\/DestinationRule\/.*: not applied: the dry run of other objects failed/);
    expect(r.stdout).toContain('the server-side dry run failed for 2 object(s); nothing was applied');
    expect((await istioObjects(env.admin(), fed.namespaces.values())).size).toBe(0);
  });

  it('GIVEN a changed intent and a conflicting hand edit on another object THEN the conflict fails its dry run and the changed object is not written either', async () => {
    const fed = await isolatedFederation(env, join(REPO, 'federation'), ['echo', 'istio-system']);
    const kubeconfig = env.kubeconfig(env.admin());
    expect((await meshfed(['apply', '--peer', 'tein', '--kubeconfig', kubeconfig], fed.cwd)).code).toBe(0);
    const echo = fed.namespaces.get('echo') ?? '';
    const vs = objectPath('networking.istio.io/v1', 'VirtualService', echo, 'meshfed-import-echo-burst');
    await kubeCall(env.admin(), 'PATCH', `${vs}?fieldManager=kubectl-edit`, { spec: { hosts: ['elsewhere.example.org'] } }, 'application/merge-patch+json');
    const burst = join(fed.dir, 'peers/tein/echo-burst.yaml');
    writeFileSync(burst, readFileSync(burst, 'utf8').replace('maxConnections: 1', 'maxConnections: 2'));
    const before = resourceVersions(await istioObjects(env.admin(), fed.namespaces.values()));

    const r = await meshfed(['apply', '--peer', 'tein', '--kubeconfig', kubeconfig], fed.cwd);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/failed +networking\.istio\.io\/VirtualService\/.*meshfed-import-echo-burst: dry run: conflict: field manager "kubectl-edit" owns \.spec\.hosts/);
    expect(r.stdout).toMatch(/skipped +networking\.istio\.io\/DestinationRule\/.*meshfed-import-echo-burst/);
    expect(resourceVersions(await istioObjects(env.admin(), fed.namespaces.values()))).toEqual(before);
  });
});
