import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planFederation } from '../../../src/core/plan/plan-federation.js';
import { compareObjects, type RenderedFederation, type RenderedObject } from '../../../src/core/render/rendered-object.js';
import { renderedObject } from '../consent/model-builder.js';

const KINDS = ['DestinationRule', 'ServiceEntry', 'VirtualService', 'AuthorizationPolicy'] as const;

/** Per peer: a set of objects with unique keys and small random specs. */
const federation: fc.Arbitrary<RenderedFederation> = fc
  .dictionary(
    fc.constantFrom('alpha', 'beta', 'gamma', 'delta'),
    fc.uniqueArray(
      fc.record({ kind: fc.constantFrom(...KINDS), name: fc.constantFrom('a', 'b', 'c', 'd'), weight: fc.integer({ min: 0, max: 3 }), v1beta1: fc.boolean() }),
      { selector: (o) => `${o.kind}/${o.name}`, maxLength: 8 },
    ),
    { maxKeys: 4 },
  )
  .map((peers) => {
    const m = new Map<string, readonly RenderedObject[]>();
    for (const [peer, objs] of Object.entries(peers)) {
      m.set(
        peer,
        objs
          .map((o) =>
            renderedObject(peer, o.kind, o.name, { weight: o.weight }, o.v1beta1 ? { apiVersion: `${o.kind === 'AuthorizationPolicy' ? 'security' : 'networking'}.istio.io/v1beta1` } : {}),
          )
          .sort(compareObjects),
      );
    }
    return m;
  });

describe('planFederation properties', () => {
  it('GIVEN any two federations WHEN planned THEN every base object is unchanged, changed or removed, and every head object unchanged, changed or added', () => {
    fc.assert(
      fc.property(federation, federation, (base, head) => {
        const plan = planFederation(base, head);
        expect(plan.peers.map((p) => p.peer)).toEqual([...new Set([...base.keys(), ...head.keys()])].sort());
        for (const p of plan.peers) {
          const b = base.get(p.peer)?.length ?? 0;
          const h = head.get(p.peer)?.length ?? 0;
          expect((p.unchanged ?? -1) + p.changed.length + p.removed.length).toBe(b);
          expect((p.unchanged ?? -1) + p.changed.length + p.added.length).toBe(h);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('GIVEN any federation WHEN planned against itself THEN nothing changes', () => {
    fc.assert(
      fc.property(federation, (f) => {
        for (const p of planFederation(f, f).peers) expect(p.added.length + p.changed.length + p.removed.length).toBe(0);
      }),
      { numRuns: 100 },
    );
  });
});

describe('plan diffs', () => {
  it('GIVEN an object that shares one sub-object in two places WHEN its change is diffed THEN it is written out twice, never as an anchor/alias', () => {
    const shared = { mode: 'ISTIO_MUTUAL' };
    const o = renderedObject('alpha', 'DestinationRule', 'echo', { trafficPolicy: { tls: shared }, subsets: [{ name: 'x', trafficPolicy: { tls: shared } }] });
    const diff = planFederation(new Map(), new Map([['alpha', [o]]])).peers[0]?.added[0]?.diff ?? '';
    expect(diff).not.toMatch(/[&*]a\d/);
    expect(diff.match(/mode: ISTIO_MUTUAL/g)).toHaveLength(2);
  });

  it('GIVEN a long string WHEN diffed THEN it stays on one line (no folding that would make diffs noisy)', () => {
    const host = `${'x'.repeat(120)}.example.org`;
    const diff = planFederation(new Map(), new Map([['alpha', [renderedObject('alpha', 'ServiceEntry', 'se', { hosts: [host] })]]])).peers[0]?.added[0]?.diff;
    expect(diff).toContain(`+    - ${host}\n`);
  });
});
