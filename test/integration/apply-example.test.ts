import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { kubeEnv } from '../envtest/kube-env.js';
import { istioObjects, meshfed, resourceVersions } from './cluster.js';
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
