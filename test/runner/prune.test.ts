import { describe, expect, it } from 'vitest';
import { applyExitCode, type ApplyReport } from '../../src/core/apply/apply-report.js';
import type { RenderedObject } from '../../src/core/render/rendered-object.js';
import { applyPeer, type ApplyPeerOptions } from '../../src/runner/apply-peer.js';
import { useFakeKubeApiServer, type FakeKubeApiServer } from '../kubernetes/fake-kube-api-server.js';
import { ALPHA, body, destinationRule, testKubeApi } from '../kubernetes/helpers.js';

let fake: FakeKubeApiServer;
useFakeKubeApiServer((f) => (fake = f));

const OPTS: ApplyPeerOptions = { dryRun: false, prune: true, allowMassPrune: false, forceConflicts: false, concurrency: 4 };
const run = (desired: readonly RenderedObject[], opts: Partial<ApplyPeerOptions> = {}): Promise<ApplyReport> =>
  applyPeer(testKubeApi().api, ALPHA, desired, { ...OPTS, ...opts });
const names = (report: ApplyReport, outcome: string) =>
  report.objects.filter((o) => o.outcome === outcome).map((o) => o.key.split('/').pop());
const present = () => [...fake.objects.values()].filter((o) => o.kind !== 'ConfigMap').map((o) => o.name).sort();

const dr = (n: string) => destinationRule(`echo-${n}`, `${n}.demo.svc.cluster.local`);
const [a, b, c, d, e] = ['a', 'b', 'c', 'd', 'e'].map(dr) as [RenderedObject, RenderedObject, RenderedObject, RenderedObject, RenderedObject];

function inventoryCm() {
  const cm = fake.find('ConfigMap', 'istio-system', 'meshfed-inventory-alpha');
  if (!cm) throw new Error('no inventory');
  return cm;
}

describe('prune (README guarantee 3)', () => {
  it('GIVEN an intent was removed WHEN applied with --prune THEN exactly its object is deleted and the inventory shrinks', async () => {
    await run([a, b, c]);
    const report = await run([a, b]);
    expect(names(report, 'pruned')).toEqual(['echo-c']);
    expect(report.prune.status).toBe('done');
    expect(present()).toEqual(['echo-a', 'echo-b']);
    expect(String((inventoryCm().view.data as Record<string, string>).objects)).not.toContain('echo-c');
    expect(fake.requests.filter((r) => r.method === 'DELETE' && !r.dryRun).map((r) => r.path)).toEqual([
      '/apis/networking.istio.io/v1/namespaces/demo/destinationrules/echo-c',
    ]);
  });

  it('GIVEN an intent was removed WHEN applied without --prune THEN nothing is deleted, a warning says so, and a later --prune deletes it', async () => {
    await run([a, b, c]);
    const report = await run([a, b], { prune: false });
    expect(report.prune.status).toBe('not-requested');
    expect(report.warnings.join()).toContain('1 object(s) meshfed applied are no longer desired; run with --prune');
    expect(present()).toEqual(['echo-a', 'echo-b', 'echo-c']);
    const later = await run([a, b]);
    expect(names(later, 'pruned')).toEqual(['echo-c']);
  });

  it('GIVEN objects meshfed did not create (labelled like meshfed\'s but not in the inventory, or unlabelled) THEN prune never deletes them', async () => {
    await run([a, b, c]);
    fake.seed(body(dr('intruder')), 'kubectl');
    const plain = dr('plain');
    fake.seed({ ...body(plain), metadata: { name: 'echo-plain', namespace: 'demo', labels: { app: 'echo' } } }, 'helm');
    const report = await run([a, b, c]);
    expect(names(report, 'pruned')).toEqual([]);
    expect(present()).toEqual(['echo-a', 'echo-b', 'echo-c', 'echo-intruder', 'echo-plain']);
  });

  it('GIVEN an object in the inventory whose meshfed labels someone removed THEN prune leaves it alone and drops it from the inventory', async () => {
    await run([a, b, c, d]);
    fake.edit('DestinationRule', 'demo', 'echo-d', (v) => {
      (v.metadata as Record<string, unknown>).labels = { app: 'adopted' };
    });
    const report = await run([a, b, c]);
    expect(names(report, 'pruned')).toEqual([]);
    expect(report.warnings.join()).toMatch(/echo-d: not in the cluster with meshfed's labels/);
    expect(present()).toContain('echo-d');
    expect(String((inventoryCm().view.data as Record<string, string>).objects)).not.toContain('echo-d');
  });

  it('GIVEN an inventoried object was deleted and recreated by another tool with meshfed\'s labels copied WHEN its intent is removed THEN prune leaves it alone', async () => {
    await run([a, b, c]);
    for (const [key, o] of fake.objects) if (o.name === 'echo-c') fake.objects.delete(key);
    fake.seed(body(c), 'kubectl-create', 'Update');
    const report = await run([a, b]);
    expect(names(report, 'pruned')).toEqual([]);
    expect(report.warnings.join()).toMatch(/echo-c: .*meshfed never applied/);
    expect(present()).toEqual(['echo-a', 'echo-b', 'echo-c']);
    expect(fake.requests.filter((r) => r.method === 'DELETE')).toEqual([]);
    expect(String((inventoryCm().view.data as Record<string, string>).objects)).not.toContain('echo-c');
  });

  it('GIVEN the inventory was deleted THEN nothing is pruned, the report says why, and the inventory is rebuilt', async () => {
    await run([a, b, c]);
    fake.objects.delete('core/configmaps/istio-system/meshfed-inventory-alpha');
    const report = await run([a, b]);
    expect(report.prune.status).toBe('skipped');
    expect(report.prune.message).toMatch(/no inventory/);
    expect(applyExitCode(report)).toBe(0);
    expect(present()).toEqual(['echo-a', 'echo-b', 'echo-c']);
    expect(String((inventoryCm().view.data as Record<string, string>).objects)).toBe(
      'networking.istio.io/v1 DestinationRule demo echo-a\nnetworking.istio.io/v1 DestinationRule demo echo-b\n',
    );
  });

  it.each([
    ['edited by hand (checksum mismatch)', (data: Record<string, string>) => ({ ...data, objects: `${data.objects}networking.istio.io/v1 DestinationRule demo echo-z\n` }), /checksum does not match/],
    ['truncated', (data: Record<string, string>) => ({ ...data, objects: 'networking.istio.io/v1 Destin' }), /checksum|not "apiVersion kind namespace name"/],
    ['emptied', () => ({}), /lacks data/],
    ["another peer's", (data: Record<string, string>) => ({ ...data, peer: 'beta' }), /belongs to peer "beta"/],
  ])('GIVEN a corrupted inventory (%s) THEN it is treated as lost: nothing is pruned and it is rewritten', async (_what, corrupt, reason) => {
    await run([a, b, c]);
    const cm = inventoryCm();
    cm.view = { ...cm.view, data: corrupt(cm.view.data as Record<string, string>) };
    const report = await run([a, b]);
    expect(report.prune.status).toBe('skipped');
    expect(report.prune.message).toMatch(reason);
    expect(report.warnings.join()).toMatch(/inventory is corrupted/);
    expect(present()).toEqual(['echo-a', 'echo-b', 'echo-c']);
    const again = await run([a, b]);
    expect(again.prune.status).toBe('done');
  });

  it('GIVEN a small peer removes one of its two intents (3 of 5 objects) THEN the default guard lets it through: more than half, but not more than 10', async () => {
    await run([a, b, c, d, e]);
    const report = await run([a, b]);
    expect(report.prune.status).toBe('done');
    expect(names(report, 'pruned')).toEqual(['echo-c', 'echo-d', 'echo-e']);
    expect(applyExitCode(report)).toBe(0);
  });

  it('GIVEN prune would delete more than half of the inventory and more than the threshold THEN it refuses, deletes nothing, and fails; --allow-mass-prune proceeds', async () => {
    await run([a, b, c, d, e]);
    const report = await run([a, b], { massPruneThreshold: 2 });
    expect(report.prune.status).toBe('refused');
    expect(report.prune.message).toMatch(
      /would delete 3 of the 5 object\(s\) in the inventory \(more than half, and more than the 2 that --mass-prune-threshold lets through\); re-run with --allow-mass-prune/,
    );
    expect(applyExitCode(report)).toBe(1);
    expect(present()).toEqual(['echo-a', 'echo-b', 'echo-c', 'echo-d', 'echo-e']);
    const allowed = await run([a, b], { allowMassPrune: true, massPruneThreshold: 2 });
    expect(names(allowed, 'pruned')).toEqual(['echo-c', 'echo-d', 'echo-e']);
    expect(applyExitCode(allowed)).toBe(0);
  });

  it('GIVEN exactly half of the inventory is no longer desired THEN it is pruned', async () => {
    await run([a, b, c, d]);
    const report = await run([a, b]);
    expect(names(report, 'pruned')).toEqual(['echo-c', 'echo-d']);
  });

  it('GIVEN an empty desired state THEN prune refuses to delete everything', async () => {
    await run([a, b, c, d]);
    const report = await run([]);
    expect(report.prune.status).toBe('refused');
    expect(report.prune.message).toMatch(/desired state for peer alpha is empty/);
    expect(present()).toEqual(['echo-a', 'echo-b', 'echo-c', 'echo-d']);
  });

  it('GIVEN a dry run with --prune THEN deletes are dry-run only', async () => {
    await run([a, b, c]);
    const report = await run([a, b], { dryRun: true });
    expect(names(report, 'pruned')).toEqual(['echo-c']);
    expect(report.objects.find((o) => o.outcome === 'pruned')?.message).toMatch(/would be pruned/);
    expect(present()).toEqual(['echo-a', 'echo-b', 'echo-c']);
  });
});

describe('a connection reset in the middle of a batch', () => {
  it('GIVEN the connection keeps dropping for one object THEN it fails, the others apply, nothing is pruned; a rerun converges', async () => {
    await run([a, b, c]);
    const next = [a, destinationRule('echo-b', 'b2.demo.svc.cluster.local'), d, e];
    fake.inject({ method: 'PATCH', dryRun: false, path: 'echo-d', reply: 'reset', times: 5 });
    const report = await run(next);
    expect(names(report, 'failed')).toEqual(['echo-d']);
    expect(report.objects.find((o) => o.outcome === 'failed')?.message).toMatch(/socket hang up.*gave up after retries/);
    expect(names(report, 'configured')).toEqual(['echo-b']);
    expect(names(report, 'created')).toEqual(['echo-e']);
    expect(report.prune.status).toBe('skipped');
    expect(report.prune.message).toMatch(/nothing is pruned after a failed apply/);
    expect(present()).toEqual(['echo-a', 'echo-b', 'echo-c', 'echo-e']);
    expect(applyExitCode(report)).toBe(1);
    // The inventory was grown before the batch, so everything the failed run may have created is recorded.
    expect(String((inventoryCm().view.data as Record<string, string>).objects).split('\n').filter(Boolean)).toHaveLength(5);

    const rerun = await run(next);
    expect(applyExitCode(rerun)).toBe(0);
    expect(names(rerun, 'created')).toEqual(['echo-d']);
    expect(names(rerun, 'pruned')).toEqual(['echo-c']);
    expect(present()).toEqual(['echo-a', 'echo-b', 'echo-d', 'echo-e']);
    const third = await run(next);
    expect(third.objects.every((o) => o.outcome === 'unchanged')).toBe(true);
  });

  it('GIVEN the answer to a delete is lost after the server deleted THEN the retry sees 404 and it counts as pruned', async () => {
    await run([a, b, c]);
    fake.inject({ method: 'DELETE', dryRun: false, path: 'echo-c', reply: 'reset-after' });
    const report = await run([a, b]);
    expect(names(report, 'pruned')).toEqual(['echo-c']);
    expect(report.objects.find((o) => o.outcome === 'pruned')?.message).toBe('already gone');
    expect(present()).toEqual(['echo-a', 'echo-b']);
  });

  it('GIVEN the answer to an apply is lost after the server applied THEN the retry is idempotent and the object is created once', async () => {
    fake.inject({ method: 'PATCH', dryRun: false, path: 'echo-a', reply: 'reset-after' });
    const report = await run([a, b]);
    expect(names(report, 'created')).toEqual(['echo-a', 'echo-b']);
    expect(fake.find('DestinationRule', 'demo', 'echo-a')?.resourceVersion).toBeDefined();
    const again = await run([a, b]);
    expect(again.objects.every((o) => o.outcome === 'unchanged')).toBe(true);
  });
});

describe('a refused prune lasts until a person decides (--allow-mass-prune)', () => {
  // Small inventories, so the guard's absolute count is 0 here: only "more than half" decides.
  const run = (desired: readonly RenderedObject[], opts: Partial<ApplyPeerOptions> = {}): Promise<ApplyReport> =>
    applyPeer(testKubeApi().api, ALPHA, desired, { ...OPTS, massPruneThreshold: 0, ...opts });
  const pendingText = () => (inventoryCm().view.data as Record<string, string>).pendingPrune;
  const deletes = () => fake.requests.filter((r) => r.method === 'DELETE' && !r.dryRun);

  it('GIVEN {a, b} renamed to {c, d} and the prune refused WHEN the next deployment runs without --allow-mass-prune THEN it deletes nothing and says the earlier refusal holds; --allow-mass-prune then deletes a and b', async () => {
    await run([a, b]);
    const first = await run([c, d]);
    expect(first.prune.status).toBe('refused');
    expect(first.prune.message).toMatch(/would delete 2 of the 2 object\(s\)/);
    expect(present()).toEqual(['echo-a', 'echo-b', 'echo-c', 'echo-d']);
    expect(pendingText()).toBe('networking.istio.io/v1 DestinationRule demo echo-a\nnetworking.istio.io/v1 DestinationRule demo echo-b\n');

    // 2 of 4 is exactly half, which a fresh judgement would allow: the earlier refusal must still hold.
    const second = await run([c, d]);
    expect(second.prune.status).toBe('refused');
    expect(second.prune.message).toMatch(/earlier run refused/);
    expect(second.prune.message).toContain('networking.istio.io/DestinationRule/demo/echo-a');
    expect(second.prune.message).toContain('networking.istio.io/DestinationRule/demo/echo-b');
    expect(second.prune.message).toMatch(/--allow-mass-prune/);
    expect(applyExitCode(second)).toBe(1);
    expect(deletes()).toEqual([]);
    expect(present()).toEqual(['echo-a', 'echo-b', 'echo-c', 'echo-d']);
    expect(pendingText()).toBe('networking.istio.io/v1 DestinationRule demo echo-a\nnetworking.istio.io/v1 DestinationRule demo echo-b\n');

    const third = await run([c, d], { allowMassPrune: true });
    expect(names(third, 'pruned')).toEqual(['echo-a', 'echo-b']);
    expect(applyExitCode(third)).toBe(0);
    expect(present()).toEqual(['echo-c', 'echo-d']);
    expect(pendingText()).toBeUndefined();
    const fourth = await run([c, d]);
    expect(applyExitCode(fourth)).toBe(0);
  });

  it('GIVEN a refused object becomes desired again THEN it is no longer held back, and its later removal is judged afresh', async () => {
    await run([a, b]);
    await run([c, d]);
    // a is desired again; b is still held back.
    const back = await run([a, c, d]);
    expect(back.prune.status).toBe('refused');
    expect(back.prune.message).toContain('echo-b');
    expect(back.prune.message).not.toContain('echo-a');
    expect(pendingText()).toBe('networking.istio.io/v1 DestinationRule demo echo-b\n');
    // b desired again too: nothing is held back any more.
    const both = await run([a, b, c, d]);
    expect(both.prune.status).toBe('done');
    expect(pendingText()).toBeUndefined();
    // a removed later: 1 of 4, judged like any fresh removal.
    const later = await run([b, c, d]);
    expect(names(later, 'pruned')).toEqual(['echo-a']);
    expect(applyExitCode(later)).toBe(0);
    expect(present()).toEqual(['echo-b', 'echo-c', 'echo-d']);
  });

  it('GIVEN a held-back object is deleted by hand THEN it drops out of the list and the rest is judged afresh', async () => {
    await run([a, b, c, d, e]);
    await run([a, b]); // 3 of 5 refused: c, d, e held back
    for (const [key, o] of fake.objects) if (o.name === 'echo-d' || o.name === 'echo-e') fake.objects.delete(key);
    const report = await run([a, b]);
    expect(report.prune.status).toBe('refused');
    expect(report.prune.message).toContain('echo-c');
    expect(pendingText()).toBe('networking.istio.io/v1 DestinationRule demo echo-c\n');
  });

  it('GIVEN a refusal is held WHEN a later apply fails THEN nothing is pruned and the refusal is still recorded', async () => {
    await run([a, b]);
    await run([c, d]);
    fake.inject({ method: 'PATCH', dryRun: false, path: 'echo-e', reply: { status: 500 }, times: 5 });
    const failed = await run([c, d, e]);
    expect(failed.prune.status).toBe('skipped');
    expect(pendingText()).toBe('networking.istio.io/v1 DestinationRule demo echo-a\nnetworking.istio.io/v1 DestinationRule demo echo-b\n');
    const again = await run([c, d, e]);
    expect(again.prune.status).toBe('refused');
    expect(present()).toEqual(['echo-a', 'echo-b', 'echo-c', 'echo-d', 'echo-e']);
  });

  it('GIVEN the run whose prune would be refused fails to apply THEN the refusal is recorded anyway, so the grown inventory does not make the next run prune', async () => {
    await run([a, b]);
    fake.inject({ method: 'PATCH', dryRun: false, path: 'echo-c', reply: { status: 500 }, times: 5 });
    const failed = await run([c, d]);
    expect(failed.prune.status).toBe('skipped');
    expect(pendingText()).toBe('networking.istio.io/v1 DestinationRule demo echo-a\nnetworking.istio.io/v1 DestinationRule demo echo-b\n');
    const next = await run([c, d]);
    expect(names(next, 'created')).toEqual(['echo-c']);
    expect(next.prune.status).toBe('refused');
    expect(deletes()).toEqual([]);
    expect(present()).toEqual(['echo-a', 'echo-b', 'echo-c', 'echo-d']);
  });

  it('GIVEN someone removes the recorded refusal from the inventory by hand THEN the inventory no longer matches its checksum and nothing is pruned', async () => {
    await run([a, b]);
    await run([c, d]);
    const cm = inventoryCm();
    const data = { ...(cm.view.data as Record<string, string>) };
    delete data.pendingPrune;
    cm.view = { ...cm.view, data };
    const report = await run([c, d]);
    expect(report.prune.status).toBe('skipped');
    expect(report.prune.message).toMatch(/checksum does not match/);
    expect(present()).toEqual(['echo-a', 'echo-b', 'echo-c', 'echo-d']);
  });
});
