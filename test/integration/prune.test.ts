import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kubeEnv } from '../envtest/kube-env.js';
import { kubeCall, serverSideApply } from '../envtest/kube-http.js';
import { istioObjects, meshfed, objectPath, resourceVersions } from './cluster.js';
import { isolatedFederation, REPO, type IsolatedFederation } from './isolated-federation.js';

const env = kubeEnv();
const EXAMPLE = join(REPO, 'examples/three-peer-mesh/federation');

async function milan(): Promise<{ fed: IsolatedFederation; shop: string; system: string; apply: (...flags: string[]) => ReturnType<typeof meshfed> }> {
  const fed = await isolatedFederation(env, EXAMPLE, ['shop', 'istio-system']);
  const kubeconfig = env.kubeconfig(env.admin());
  const apply = (...flags: string[]) => meshfed(['apply', '--peer', 'milan', '--prune', '--kubeconfig', kubeconfig, ...flags], fed.cwd);
  const first = await apply();
  expect(first.stdout).toContain('summary: 11 created');
  return { fed, shop: fed.namespaces.get('shop') ?? '', system: fed.namespaces.get('istio-system') ?? '', apply };
}

async function inventory(system: string): Promise<{ objects: string[]; pendingPrune: string[] }> {
  const cm = await kubeCall(env.admin(), 'GET', objectPath('v1', 'ConfigMap', system, 'meshfed-inventory-milan'));
  const data = cm.data as Record<string, string | undefined>;
  const lines = (t: string | undefined) => (t ?? '').split('\n').filter(Boolean);
  return { objects: lines(data.objects), pendingPrune: lines(data.pendingPrune) };
}

/** A DestinationRule someone else created: `labels` copied from meshfed's or none. */
async function foreignDr(ns: string, name: string, labels: Record<string, string>): Promise<void> {
  const dr = { apiVersion: 'networking.istio.io/v1', kind: 'DestinationRule', metadata: { name, namespace: ns, labels }, spec: { host: `${name}.${ns}.svc.cluster.local` } };
  await serverSideApply(env.admin(), objectPath(dr.apiVersion, dr.kind, ns, name), dr, 'kubectl');
}

describe.skipIf(env.skip)(env.title('prune with the inventory against a real kube-apiserver'), () => {
  it('GIVEN one import removed from milan THEN exactly its 3 objects go, the rest is untouched, and objects meshfed did not create survive', async () => {
    const { fed, shop, system, apply } = await milan();
    await foreignDr(shop, 'look-alike', { 'app.kubernetes.io/managed-by': 'meshfed', 'meshfed.io/peer': 'milan' });
    await foreignDr(shop, 'operators-own', {});
    const before = resourceVersions(await istioObjects(env.admin(), [shop, system]));

    fed.removeIntent('ServiceImport', 'recommender-gpu');
    const r = await apply();
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('summary: 0 created, 0 configured, 8 unchanged, 3 pruned, 0 failed, 0 skipped');

    const after = resourceVersions(await istioObjects(env.admin(), [shop, system]));
    const gone = [...before.keys()].filter((k) => !after.has(k));
    expect(gone.sort()).toEqual([
      `DestinationRule ${shop}/meshfed-import-recommender-gpu`,
      `ServiceEntry ${shop}/meshfed-import-recommender-gpu`,
      `VirtualService ${shop}/meshfed-import-recommender-gpu`,
    ]);
    for (const [k, rv] of after) expect(rv, k).toBe(before.get(k));
    expect(after.has(`DestinationRule ${shop}/look-alike`)).toBe(true);
    expect(after.has(`DestinationRule ${shop}/operators-own`)).toBe(true);
    expect((await inventory(system)).objects).toHaveLength(8);
    // The look-alike carries meshfed's labels but is not in the inventory: drift lists it, prune never deletes it.
    const drift = await meshfed(['drift', '--peer', 'milan', '--kubeconfig', env.kubeconfig(env.admin())], fed.cwd);
    expect(drift.stdout).toMatch(/extra +networking\.istio\.io\/DestinationRule\/.*\/look-alike/);
  });

  it('GIVEN a prune the guard refuses THEN nothing is deleted, the refusal is recorded in the inventory, a later run still refuses it, and --allow-mass-prune passes it', async () => {
    const { fed, shop, system, apply } = await milan();
    fed.remove('peers/milan/imports.yaml'); // 6 of the 11 objects
    const refused = await apply('--mass-prune-threshold', '5');
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/prune: refused: prune would delete 6 of the 11 object\(s\) in the inventory \(more than half, and more than the 5 /);
    expect((await istioObjects(env.admin(), [shop, system])).size).toBe(11);
    expect((await inventory(system)).pendingPrune).toHaveLength(6);

    // With the default threshold (10) a fresh judgement would let 6 of 11 go; the recorded refusal holds.
    const again = await apply();
    expect(again.code).toBe(1);
    expect(again.stdout).toMatch(/prune: refused: an earlier run refused to prune 6 object\(s\)/);
    expect((await istioObjects(env.admin(), [shop, system])).size).toBe(11);

    const passed = await apply('--allow-mass-prune');
    expect(passed.code).toBe(0);
    expect(passed.stdout).toContain('6 pruned');
    expect((await istioObjects(env.admin(), [shop, system])).size).toBe(5);
    expect(await inventory(system)).toEqual({ objects: expect.arrayContaining([expect.stringContaining('meshfed-export-catalog')]) as unknown, pendingPrune: [] });
    expect((await apply()).code).toBe(0);
  });

  it('GIVEN every intent of tein removed (only peer.yaml left) THEN the empty desired state is refused whatever the threshold', async () => {
    const fed = await isolatedFederation(env, join(REPO, 'federation'), ['echo', 'istio-system']);
    const kubeconfig = env.kubeconfig(env.admin());
    const apply = (...flags: string[]) => meshfed(['apply', '--peer', 'tein', '--prune', '--kubeconfig', kubeconfig, ...flags], fed.cwd);
    expect((await apply()).code).toBe(0);
    fed.remove('peers/tein/echo-burst.yaml');
    fed.remove('peers/tein/edge.yaml');
    const r = await apply('--mass-prune-threshold', '1000');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/prune: refused: the desired state for peer tein is empty and prune would delete all 5 object\(s\) meshfed applied/);
    expect((await istioObjects(env.admin(), fed.namespaces.values())).size).toBe(5);
  });
});
