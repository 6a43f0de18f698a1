import { describe, expect, it } from 'vitest';
import { checkAllowlist } from '../../src/core/apply/check-allowlist.js';
import { compareWithLive, sameAfterApply } from '../../src/core/apply/compare-with-live.js';
import { fieldsV1Leaves } from '../../src/core/apply/field-paths.js';
import { formatInventoryObjects, parseInventoryObjects, type InventoryEntry } from '../../src/core/apply/inventory.js';
import { inventoryAfterApply } from '../../src/core/apply/inventory-update.js';
import { toLiveObject, type LiveObject } from '../../src/core/apply/live-object.js';
import { peerScope } from '../../src/core/apply/peer-scope.js';
import { planApply } from '../../src/core/apply/plan-apply.js';
import { selectPrune, type PruneInput } from '../../src/core/apply/select-prune.js';
import { objectKey, type RenderedObject } from '../../src/core/render/rendered-object.js';
import { ALPHA, destinationRule, labels } from '../kubernetes/helpers.js';

const FM = 'meshfed';

interface LiveExtra {
  spec?: Record<string, unknown>;
  manager?: string;
  apiVersion?: string;
  labels?: Record<string, string>;
  /** More managedFields entries: other managers (operation Update). */
  others?: { manager: string; fieldsV1: unknown; subresource?: string }[];
}

function live(o: RenderedObject, fieldsV1: unknown, extra: LiveExtra = {}): LiveObject {
  return toLiveObject({
    apiVersion: o.apiVersion,
    kind: o.kind,
    metadata: {
      name: o.metadata.name,
      namespace: o.metadata.namespace,
      uid: `uid-${o.metadata.name}`,
      labels: extra.labels ?? o.metadata.labels,
      annotations: o.metadata.annotations,
      managedFields: [
        { manager: extra.manager ?? FM, operation: 'Apply', apiVersion: extra.apiVersion ?? o.apiVersion, fieldsType: 'FieldsV1', fieldsV1 },
        ...(extra.others ?? []).map((m) => ({ ...m, operation: 'Update', apiVersion: o.apiVersion, fieldsType: 'FieldsV1' })),
      ],
    },
    spec: extra.spec ?? o.spec,
    status: { conditions: [] },
  });
}

const dr = destinationRule('echo', 'echo.demo.svc.cluster.local');
const FULL = {
  'f:metadata': {
    'f:labels': Object.fromEntries(Object.keys(dr.metadata.labels).map((k) => [`f:${k}`, {}])),
    'f:annotations': Object.fromEntries(Object.keys(dr.metadata.annotations).map((k) => [`f:${k}`, {}])),
  },
  'f:spec': { 'f:host': {}, 'f:trafficPolicy': { 'f:connectionPool': { 'f:tcp': { 'f:maxConnections': {} } }, 'f:tls': { 'f:mode': {} } } },
};

describe('fieldsV1Leaves', () => {
  it('GIVEN a managedFields trie THEN leaves are cut at lists, "." is ignored and status is skipped', () => {
    expect(
      fieldsV1Leaves({
        'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
        'f:spec': { 'f:hosts': {}, 'f:ports': { 'k:{"number":80}': { '.': {}, 'f:name': {} } } },
        'f:status': { 'f:conditions': {} },
      }),
    ).toEqual([['metadata', 'labels', 'app'], ['spec', 'hosts'], ['spec', 'ports']]);
  });
});

describe('compareWithLive / planApply', () => {
  it('GIVEN live equals desired and meshfed owns every field THEN unchanged', () => {
    const plan = planApply([dr], new Map([[objectKey(dr), live(dr, FULL)]]), FM);
    expect(plan.objects.map((p) => p.action)).toEqual(['unchanged']);
  });

  it('GIVEN no live object THEN create', () => {
    expect(planApply([dr], new Map(), FM).objects[0]?.action).toBe('create');
  });

  it('GIVEN equal values but another manager owns them THEN configure (meshfed must take ownership)', () => {
    const p = planApply([dr], new Map([[objectKey(dr), live(dr, FULL, { manager: 'kubectl' })]]), FM).objects[0];
    expect(p?.action).toBe('configure');
    expect(p?.differences).toEqual([]);
    expect(p?.reason).toMatch(/does not own/);
  });

  it('GIVEN meshfed owns a field the desired state dropped THEN it is a difference (the apply removes it)', () => {
    const owned = { ...FULL, 'f:spec': { ...FULL['f:spec'], 'f:exportTo': {} } };
    const cmp = compareWithLive(dr, live(dr, owned, { spec: { ...dr.spec, exportTo: ['.'] } }), FM);
    expect(cmp.differences).toEqual([{ path: ['spec', 'exportTo'], desired: undefined, live: ['.'] }]);
  });

  it('GIVEN a spec field no manager holds (a server default) THEN it is ignored', () => {
    const cmp = compareWithLive(dr, live(dr, FULL, { spec: { ...dr.spec, exportTo: ['.'] } }), FM);
    expect(cmp.differences).toEqual([]);
  });

  it('GIVEN another manager holds spec fields meshfed does not set THEN they are foreign differences naming it, planned for removal', () => {
    const spec = { ...dr.spec, exportTo: ['.'], trafficPolicy: { ...(dr.spec.trafficPolicy as object), portLevelSettings: [{ port: { number: 80 } }] } };
    const others = [
      { manager: 'kubectl-edit', fieldsV1: { 'f:spec': { 'f:exportTo': {}, 'f:trafficPolicy': { 'f:portLevelSettings': {} } } } },
      // Status and other subresources are never meshfed's business.
      { manager: 'istiod', fieldsV1: { 'f:status': { 'f:conditions': {} } }, subresource: 'status' },
    ];
    const p = planApply([dr], new Map([[objectKey(dr), live(dr, FULL, { spec, others })]]), FM).objects[0];
    expect(p?.action).toBe('configure');
    expect(p?.differences).toEqual([
      { path: ['spec', 'exportTo'], desired: undefined, live: ['.'], managers: ['kubectl-edit'], foreign: true },
      { path: ['spec', 'trafficPolicy', 'portLevelSettings'], desired: undefined, live: [{ port: { number: 80 } }], managers: ['kubectl-edit'], foreign: true },
    ]);
    expect(p?.removeFields).toEqual([['spec', 'exportTo'], ['spec', 'trafficPolicy', 'portLevelSettings']]);
    expect(p?.reason).toBe('2 field(s) differ, 2 of them set by another field manager');
  });

  it('GIVEN another manager holds a field meshfed sets, with the same value THEN nothing is foreign or different', () => {
    const others = [{ manager: 'kubectl', fieldsV1: { 'f:spec': { 'f:host': {} } } }];
    const cmp = compareWithLive(dr, live(dr, FULL, { others }), FM);
    expect(cmp.differences).toEqual([]);
    expect(cmp.foreignFields).toEqual([]);
  });

  it('GIVEN the object was last applied with another API version THEN configure', () => {
    const p = planApply([dr], new Map([[objectKey(dr), live(dr, FULL, { apiVersion: 'networking.istio.io/v1beta1' })]]), FM).objects[0];
    expect(p?.action).toBe('configure');
    expect(p?.reason).toMatch(/v1beta1/);
  });

  it('GIVEN a dry-run result identical to live THEN sameAfterApply; a changed one or new ownership is not', () => {
    const l = live(dr, FULL);
    expect(sameAfterApply(l, l, FM)).toBe(true);
    expect(sameAfterApply(l, live(dr, FULL, { spec: { ...dr.spec, host: 'x' } }), FM)).toBe(false);
    expect(sameAfterApply(live(dr, { 'f:spec': { 'f:host': {} } }), l, FM)).toBe(false);
  });
});

describe('checkAllowlist', () => {
  it('GIVEN the same object twice THEN it is refused', () => {
    const r = checkAllowlist([dr, dr], ALPHA);
    expect(r.refusals.map((x) => x.reason)).toEqual([expect.stringMatching(/rendered twice/)]);
  });

  it('GIVEN the peer scope THEN the gateway namespaces count as the peer\'s', () => {
    const scope = peerScope('alpha', ['demo', 'istio-system', 'istio-ingress'], 'istio-system');
    const ingress = destinationRule('edge', 'edge.demo.svc.cluster.local', { namespace: 'istio-ingress' });
    expect(checkAllowlist([ingress], scope).refusals).toEqual([]);
    expect(checkAllowlist([ingress], ALPHA).refusals).toHaveLength(1);
  });
});

describe('inventory format', () => {
  const entries: InventoryEntry[] = [
    { apiVersion: 'security.istio.io/v1', kind: 'AuthorizationPolicy', namespace: 'demo', name: 'allow-beta' },
    { apiVersion: 'networking.istio.io/v1', kind: 'DestinationRule', namespace: 'demo', name: 'echo' },
  ];
  it('GIVEN entries THEN they round-trip through the text format, sorted', () => {
    const text = formatInventoryObjects(entries);
    expect(text).toBe('networking.istio.io/v1 DestinationRule demo echo\nsecurity.istio.io/v1 AuthorizationPolicy demo allow-beta\n');
    expect(parseInventoryObjects(text)).toEqual({ entries: [entries[1], entries[0]] });
  });
  it.each(['v1 Secret', 'networking.istio.io/v1 DestinationRule Demo echo', 'networking.istio.io/v1 DestinationRule demo echo extra'])(
    'GIVEN a malformed line %j THEN it is an error',
    (line) => {
      expect(parseInventoryObjects(`${line}\n`)).toHaveProperty('error');
    },
  );
});

describe('selectPrune', () => {
  const objs = ['a', 'b', 'c', 'd'].map((n) => destinationRule(`echo-${n}`, `${n}.demo.svc.cluster.local`));
  const entries = objs.map((o) => ({ apiVersion: o.apiVersion, kind: o.kind, namespace: o.metadata.namespace, name: o.metadata.name }));
  const liveMap = new Map(objs.map((o) => [objectKey(o), live(o, FULL)]));
  const base: PruneInput = {
    inventory: { status: 'ok', entries },
    desiredKeys: new Set(objs.slice(0, 3).map(objectKey)),
    live: liveMap,
    scope: ALPHA,
    applySucceeded: true,
    allowMassPrune: false,
  };
  const keys = (n: number) => new Set(objs.slice(0, n).map(objectKey));

  it.each([
    ['1 of 4 no longer desired, threshold 0', keys(3), 0, 'prune', 1],
    ['2 of 4 (exactly half), threshold 0', keys(2), 0, 'prune', 2],
    ['3 of 4 (more than half), threshold 0', keys(1), 0, 'refused', 3],
    ['3 of 4 (more than half), threshold 2', keys(1), 2, 'refused', 3],
    ['3 of 4 (more than half, but not more than the threshold 3)', keys(1), 3, 'prune', 3],
    ['3 of 4 (more than half), default threshold 10', keys(1), undefined, 'prune', 3],
    ['4 of 4 (empty desired state), default threshold', keys(0), undefined, 'refused', 4],
    ['4 of 4 (empty desired state), even with a threshold of 100', keys(0), 100, 'refused', 4],
  ])('GIVEN %s THEN %s', (_what, desiredKeys, massPruneThreshold, status, n) => {
    const d = selectPrune({ ...base, desiredKeys, ...(massPruneThreshold === undefined ? {} : { massPruneThreshold }) });
    expect(d.status).toBe(status);
    expect(d.status === 'prune' ? d.delete.length : d.status === 'refused' ? d.candidates.length : -1).toBe(n);
  });

  it('GIVEN 11 of 20 objects no longer desired THEN the default guard refuses (more than half and more than 10); 10 of 20 goes', () => {
    const many = Array.from({ length: 20 }, (_, i) => destinationRule(`svc-${String(i).padStart(2, '0')}`, `s${i}.demo.svc.cluster.local`));
    const input: PruneInput = {
      ...base,
      inventory: { status: 'ok', entries: many.map((o) => ({ apiVersion: o.apiVersion, kind: o.kind, namespace: o.metadata.namespace, name: o.metadata.name })) },
      live: new Map(many.map((o) => [objectKey(o), live(o, FULL)])),
    };
    const refused = selectPrune({ ...input, desiredKeys: new Set(many.slice(0, 9).map(objectKey)) });
    expect(refused.status).toBe('refused');
    expect(refused.status === 'refused' && refused.reason).toMatch(/would delete 11 of the 20 object\(s\) .*more than the 10 that --mass-prune-threshold lets through/);
    expect(selectPrune({ ...input, desiredKeys: new Set(many.slice(0, 10).map(objectKey)) }).status).toBe('prune');
  });

  it.each([
    ['a held-back object among 1 of 4 (fresh judgement would allow it)', [3], keys(3), 'refused', ['echo-d']],
    ['held-back objects at exactly half', [2, 3], keys(2), 'refused', ['echo-c', 'echo-d']],
    ['a held-back object that is desired again, 1 of 4 removed', [0], keys(3), 'prune', ['echo-d']],
    ['a held-back object plus a fresh one that alone would be allowed', [3], new Set(objs.slice(0, 2).map(objectKey)), 'refused', ['echo-d']],
  ])('GIVEN %s THEN %s, with the pending candidates named', (_what, pendingIdx, desiredKeys, status, names) => {
    const pendingPrune = pendingIdx.map((i) => entries[i] as InventoryEntry);
    const d = selectPrune({ ...base, inventory: { status: 'ok', entries, pendingPrune }, desiredKeys });
    expect(d.status).toBe(status);
    const listed = d.status === 'prune' ? d.delete : d.status === 'refused' ? d.candidates : [];
    expect(listed.map((c) => c.entry.name)).toEqual(names);
    if (d.status === 'refused') {
      expect(d.reason).toMatch(/an earlier run refused to prune .*--allow-mass-prune/);
      for (const n of names) expect(d.reason).toContain(n);
    }
  });

  it('GIVEN held-back objects and allowMassPrune THEN they are deleted', () => {
    const d = selectPrune({ ...base, inventory: { status: 'ok', entries, pendingPrune: entries.slice(2) }, desiredKeys: keys(2), allowMassPrune: true });
    expect(d.status === 'prune' && d.delete.map((c) => c.entry.name)).toEqual(['echo-c', 'echo-d']);
  });

  it('GIVEN allowMassPrune THEN everything may go', () => {
    const d = selectPrune({ ...base, desiredKeys: keys(0), allowMassPrune: true });
    expect(d.status === 'prune' && d.delete.map((c) => c.uid)).toEqual(['uid-echo-a', 'uid-echo-b', 'uid-echo-c', 'uid-echo-d']);
  });

  it('GIVEN a failed apply, a missing or a corrupted inventory THEN prune is skipped with the reason', () => {
    expect(selectPrune({ ...base, applySucceeded: false })).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/failed apply/) });
    expect(selectPrune({ ...base, inventory: { status: 'missing' } })).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/no inventory/) });
    expect(selectPrune({ ...base, inventory: { status: 'corrupted', reason: 'bad checksum' } })).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/bad checksum/) });
  });

  it('GIVEN inventory entries of a foreign kind, outside the namespaces, or without meshfed labels THEN they are left alone', () => {
    const foreign = [
      { apiVersion: 'v1', kind: 'Secret', namespace: 'demo', name: 'creds' },
      { apiVersion: 'networking.istio.io/v1', kind: 'DestinationRule', namespace: 'kube-system', name: 'x' },
      entries[3] as InventoryEntry,
    ];
    const unlabelled = new Map(liveMap);
    unlabelled.set(objectKey(objs[3] as RenderedObject), live(objs[3] as RenderedObject, FULL, { labels: { app: 'x' } }));
    const d = selectPrune({ ...base, inventory: { status: 'ok', entries: [...entries.slice(0, 3), ...foreign] }, live: unlabelled, allowMassPrune: true });
    expect(d.status === 'prune' && d.delete).toEqual([]);
    expect(d.status === 'prune' && d.skipped.map((s) => s.reason)).toEqual([
      expect.stringMatching(/kind Secret is not one meshfed manages/),
      expect.stringMatching(/outside peer alpha's namespaces/),
      expect.stringMatching(/not in the cluster with meshfed's labels/),
    ]);
  });
});

describe('inventoryAfterApply', () => {
  it('GIVEN recorded entries THEN it keeps desired ones and live leftovers, and drops pruned or vanished ones', () => {
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((n) => destinationRule(`echo-${n}`, `${n}.demo.svc.cluster.local`)) as RenderedObject[] as [RenderedObject, RenderedObject, RenderedObject, RenderedObject];
    const recorded = [a, b, c, d].map((o) => ({ apiVersion: o.apiVersion, kind: o.kind, namespace: o.metadata.namespace, name: o.metadata.name }));
    const liveMap = new Map([a, b, c].map((o) => [objectKey(o), live(o, FULL, { labels: labels() })]));
    const outside = { apiVersion: 'networking.istio.io/v1', kind: 'DestinationRule', namespace: 'retired', name: 'echo-old' };
    const after = inventoryAfterApply({ recorded: [...recorded, outside], desired: [a], live: liveMap, pruned: new Set([objectKey(b)]), scope: ALPHA });
    // a: desired; b: pruned; c: still live with labels; d: gone; echo-old: in a namespace the runner no longer reads, kept.
    expect(after.map((e) => e.name)).toEqual(['echo-a', 'echo-c', 'echo-old']);
  });
});
