import { describe, expect, it } from 'vitest';
import { syntheticFederation } from '../../../bench/synthetic-federation.js';
import { CompileCache } from '../../../src/core/compile-cache.js';
import { compileFederation } from '../../../src/core/pipeline.js';
import { planChange } from '../../../src/core/plan/plan-change.js';
import { planFederation } from '../../../src/core/plan/plan-federation.js';
import { renderDependencies } from '../../../src/core/render/render-inputs.js';
import type { SourceFile } from '../../../src/core/source-file.js';

const LIMITS = { maxSourceChars: 1e9, maxRenderedObjects: 1e9 };
const sources = (files: ReadonlyMap<string, string>): SourceFile[] => [...files].map(([path, content]) => ({ path, content }));

/** The synthetic federation of 40 peers, and the same with one of p0007's imports changed. */
function oneImportChanged(): { base: Map<string, string>; head: Map<string, string> } {
  const base = new Map(syntheticFederation(40).map((f) => [f.path, f.content]));
  const head = new Map(base);
  const path = 'federation/peers/p0007/imports.yaml';
  head.set(path, (head.get(path) as string).replace('remoteWeight: 25', 'remoteWeight: 30'));
  return { base, head };
}

function federationFileChanged(): Map<string, string> {
  const head = new Map(oneImportChanged().base);
  const path = 'federation/federation.yaml';
  head.set(path, (head.get(path) as string).replace('meshID: synthetic', 'meshID: renamed'));
  return head;
}

describe('planChange: a plan that renders only the peers a change touches', () => {
  const cases = [
    { name: 'one import changed', ...oneImportChanged() },
    { name: 'nothing changed', base: oneImportChanged().base, head: oneImportChanged().base },
    { name: 'the federation file changed (every render key differs)', base: oneImportChanged().base, head: federationFileChanged() },
  ];
  for (const c of cases) {
    it(`GIVEN ${c.name} WHEN planned without rendering untouched peers THEN the plan equals the plan of two full renders`, () => {
      const cache = new CompileCache(LIMITS);
      const base = compileFederation(sources(c.base), { cache, render: false });
      const head = compileFederation(sources(c.head), { cache, render: false });
      const [fullBase, fullHead] = [compileFederation(sources(c.base)).rendered, compileFederation(sources(c.head)).rendered];
      if (fullBase === undefined || fullHead === undefined) throw new Error('the case must be valid at base and head');
      const full = planFederation(fullBase, fullHead);
      expect(planChange(base, head, cache)).toEqual(full);
    });
  }

  it('GIVEN one peer\'s import changed WHEN planned THEN only that peer\'s dependencies are rendered (twice), the others only counted, and counted once per process', () => {
    const { base: b, head: h } = oneImportChanged();
    const cache = new CompileCache(LIMITS);
    const base = compileFederation(sources(b), { cache, render: false });
    const head = compileFederation(sources(h), { cache, render: false });
    planChange(base, head, cache);
    const deps = renderDependencies(base.model).get('p0007') ?? [];
    expect(cache.stats.peerMisses).toBe(2 * deps.length);
    expect(cache.size.renderedObjects).toBeGreaterThan(0);
    const counted = cache.stats.countHits;
    planChange(base, head, cache);
    expect(cache.stats.countHits - counted).toBe(40 - deps.length);
  });

  it('GIVEN an invalid base (undefined) WHEN planned THEN every head object is added', () => {
    const cache = new CompileCache(LIMITS);
    const head = compileFederation(sources(oneImportChanged().head), { cache, render: false });
    const plan = planChange(undefined, head, cache);
    expect(plan).toEqual(planFederation(new Map(), compileFederation(sources(oneImportChanged().head)).rendered ?? new Map()));
    expect(plan.peers.every((p) => p.presence === 'added' && p.unchanged === 0)).toBe(true);
  });
});
