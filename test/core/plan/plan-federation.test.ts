import { describe, expect, it } from 'vitest';
import { affectedPeers, planTotals } from '../../../src/core/plan/federation-plan.js';
import { planFederation } from '../../../src/core/plan/plan-federation.js';
import { jsonEqual } from '../../../src/core/plan/json-equal.js';
import { renderedFederation, renderedObject } from '../consent/model-builder.js';

const dr = (peer: string, spec: Record<string, unknown> = { host: 'echo.demo.svc.cluster.local' }, apiVersion?: string) =>
  renderedObject(peer, 'DestinationRule', 'echo', spec, apiVersion === undefined ? {} : { apiVersion });
const se = (peer: string, name = 'echo-remote') => renderedObject(peer, 'ServiceEntry', name, { hosts: [`${name}.demo.global`] });
const pa = (peer: string) => renderedObject(peer, 'PeerAuthentication', 'default', { mtls: { mode: 'STRICT' } });

describe('planFederation', () => {
  it('GIVEN identical base and head WHEN planned THEN every peer appears with only unchanged objects', () => {
    const r = renderedFederation({ beta: [pa('beta')], alpha: [pa('alpha'), dr('alpha')] });
    const plan = planFederation(r, r);
    expect(plan.peers.map((p) => [p.peer, p.presence, p.added.length, p.changed.length, p.removed.length, p.unchanged])).toEqual([
      ['alpha', 'both', 0, 0, 0, 2],
      ['beta', 'both', 0, 0, 0, 1],
    ]);
    expect(affectedPeers(plan)).toEqual([]);
  });

  it('GIVEN an object added, one changed and one removed WHEN planned THEN each is classified with a labelled unified diff', () => {
    const base = renderedFederation({ alpha: [pa('alpha'), dr('alpha'), se('alpha', 'old')] });
    const head = renderedFederation({
      alpha: [pa('alpha'), dr('alpha', { host: 'echo.demo.svc.cluster.local', trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' } } }), se('alpha', 'new')],
    });
    const [alpha] = planFederation(base, head).peers;
    expect(alpha?.added.map((c) => c.key)).toEqual(['networking.istio.io/ServiceEntry/demo/new']);
    expect(alpha?.changed.map((c) => c.key)).toEqual(['networking.istio.io/DestinationRule/demo/echo']);
    expect(alpha?.removed.map((c) => c.key)).toEqual(['networking.istio.io/ServiceEntry/demo/old']);
    expect(alpha?.unchanged).toBe(1);

    const changed = alpha?.changed[0]?.diff ?? '';
    expect(changed.split('\n').slice(0, 2)).toEqual(['--- a/alpha/DestinationRule/demo/echo', '+++ b/alpha/DestinationRule/demo/echo']);
    expect(changed).toContain('+  trafficPolicy:\n+    tls:\n+      mode: ISTIO_MUTUAL\n');
    expect(alpha?.added[0]?.diff.split('\n').slice(0, 2)).toEqual(['--- /dev/null', '+++ b/alpha/ServiceEntry/demo/new']);
    expect(alpha?.added[0]?.diff).toContain('+kind: ServiceEntry\n');
    expect(alpha?.removed[0]?.diff.split('\n').slice(0, 2)).toEqual(['--- a/alpha/ServiceEntry/demo/old', '+++ /dev/null']);
    expect(alpha?.removed[0]?.diff).toContain('-kind: ServiceEntry\n');
  });

  it('GIVEN the same object under a new apiVersion WHEN planned THEN it is "changed" (same objectKey), not removed + added', () => {
    const base = renderedFederation({ alpha: [dr('alpha', undefined, 'networking.istio.io/v1beta1')] });
    const head = renderedFederation({ alpha: [dr('alpha')] });
    const [alpha] = planFederation(base, head).peers;
    expect(alpha?.added).toEqual([]);
    expect(alpha?.removed).toEqual([]);
    expect(alpha?.changed).toHaveLength(1);
    expect(alpha?.changed[0]).toMatchObject({ apiVersion: 'networking.istio.io/v1', previousApiVersion: 'networking.istio.io/v1beta1' });
    expect(alpha?.changed[0]?.diff).toContain('-apiVersion: networking.istio.io/v1beta1\n+apiVersion: networking.istio.io/v1\n');
  });

  it('GIVEN a peer only in head and one only in base WHEN planned THEN they are "added" / "removed" peers with all objects added / removed', () => {
    const base = renderedFederation({ alpha: [pa('alpha')], gone: [pa('gone'), dr('gone')] });
    const head = renderedFederation({ alpha: [pa('alpha')], fresh: [pa('fresh')] });
    const plan = planFederation(base, head);
    expect(plan.peers.map((p) => [p.peer, p.presence, p.added.length, p.removed.length])).toEqual([
      ['alpha', 'both', 0, 0],
      ['fresh', 'added', 1, 0],
      ['gone', 'removed', 0, 2],
    ]);
    expect(affectedPeers(plan)).toEqual(['fresh', 'gone']);
    expect(planTotals(plan)).toEqual({ peers: 3, affectedPeers: 2, added: 1, changed: 0, removed: 2, unchanged: 1, inputsUnchangedPeers: 0 });
  });

  it('GIVEN the same content with keys in another order WHEN planned THEN nothing changed', () => {
    const a = dr('alpha', { host: 'h', trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' }, loadBalancer: { simple: 'LEAST_REQUEST' } } });
    const b = dr('alpha', { trafficPolicy: { loadBalancer: { simple: 'LEAST_REQUEST' }, tls: { mode: 'ISTIO_MUTUAL' } }, host: 'h' });
    const [alpha] = planFederation(renderedFederation({ alpha: [a] }), renderedFederation({ alpha: [b] })).peers;
    expect(alpha?.unchanged).toBe(1);
  });

  it('GIVEN input objects in any order WHEN planned THEN changes are sorted by key and the plan is byte-identical', () => {
    const objs = [se('alpha', 'zz'), se('alpha', 'aa'), dr('alpha'), pa('alpha')];
    const p1 = planFederation(renderedFederation({}), new Map([['alpha', objs]]));
    const p2 = planFederation(renderedFederation({}), new Map([['alpha', [...objs].reverse()]]));
    expect(p1.peers[0]?.added.map((c) => c.key)).toEqual([
      'networking.istio.io/DestinationRule/demo/echo',
      'networking.istio.io/ServiceEntry/demo/aa',
      'networking.istio.io/ServiceEntry/demo/zz',
      'security.istio.io/PeerAuthentication/demo/default',
    ]);
    expect(JSON.stringify(p1)).toBe(JSON.stringify(p2));
  });

  it('GIVEN a custom serializer and context WHEN planned THEN the diff uses them', () => {
    const base = renderedFederation({ alpha: [dr('alpha', { host: 'a' })] });
    const head = renderedFederation({ alpha: [dr('alpha', { host: 'b' })] });
    const plan = planFederation(base, head, { serialize: (o) => `host=${String(o.spec['host'])}\n`, context: 0 });
    expect(plan.peers[0]?.changed[0]?.diff).toBe(
      '--- a/alpha/DestinationRule/demo/echo\n+++ b/alpha/DestinationRule/demo/echo\n@@ -1,1 +1,1 @@\n-host=a\n+host=b\n',
    );
  });
});

describe('jsonEqual', () => {
  it.each([
    ['equal scalars', 1, 1, true],
    ['different scalars', 1, 2, false],
    ['string vs number', '1', 1, false],
    ['arrays in order', [1, [2]], [1, [2]], true],
    ['arrays reordered', [1, 2], [2, 1], false],
    ['array vs object', [], {}, false],
    ['null vs object', null, {}, false],
    ['objects, keys reordered', { a: 1, b: { c: 2 } }, { b: { c: 2 }, a: 1 }, true],
    ['extra key', { a: 1 }, { a: 1, b: 2 }, false],
    ['undefined-valued key ignored', { a: 1, b: undefined }, { a: 1 }, true],
  ])('GIVEN %s WHEN compared THEN %s', (_name, a, b, expected) => {
    expect(jsonEqual(a, b)).toBe(expected);
    expect(jsonEqual(b, a)).toBe(expected);
  });
});
