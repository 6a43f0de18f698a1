import { describe, expect, it } from 'vitest';
import { syntheticFederation } from '../../../bench/synthetic-federation.js';
import { CompileCache } from '../../../src/core/compile-cache.js';
import { compileFederation } from '../../../src/core/pipeline.js';
import { affectedPeers } from '../../../src/core/plan/federation-plan.js';
import { planChange } from '../../../src/core/plan/plan-change.js';
import { expectSamePlan } from './expect-same-plan.js';
import { planFederation } from '../../../src/core/plan/plan-federation.js';
import { renderDependencies } from '../../../src/core/render/render-inputs.js';
import type { SourceFile } from '../../../src/core/source-file.js';

const LIMITS = { maxSourceChars: 1e9, maxRenderedObjects: 1e9, maxPeers: 1e9 };
const sources = (files: ReadonlyMap<string, string>): SourceFile[] => [...files].map(([path, content]) => ({ path, content }));

/** The synthetic federation of 40 peers, and the same with one of p0007's files edited. */
function onePeerFileChanged(file: string, from: string, to: string): { base: Map<string, string>; head: Map<string, string> } {
  const base = new Map(syntheticFederation(40).map((f) => [f.path, f.content]));
  const head = new Map(base);
  const path = `federation/peers/p0007/${file}`;
  const content = head.get(path) as string;
  if (!content.includes(from)) throw new Error(`${path} has no "${from}"`);
  head.set(path, content.replace(from, to));
  return { base, head };
}

const oneImportChanged = () => onePeerFileChanged('imports.yaml', 'remoteWeight: 25', 'remoteWeight: 30');
const oneExportChanged = () => onePeerFileChanged('exports.yaml', 'maxConnections: 100', 'maxConnections: 120');

/** How many peers' render inputs include `peer`'s files (renderDependencies: the peers rendered again when it changes). */
function dependents(peer: string): number {
  const model = compileFederation(sources(oneImportChanged().base), { render: false }).model;
  return (renderDependencies(model).get(peer) ?? []).length;
}

function federationFileChanged(): Map<string, string> {
  const head = new Map(oneImportChanged().base);
  const path = 'federation/federation.yaml';
  head.set(path, (head.get(path) as string).replace('meshID: synthetic', 'meshID: renamed'));
  return head;
}

describe('planChange: a plan that renders only the peers a change touches', () => {
  const cases = [
    // Other peers read a peer's Peer and exports, never its imports (render-inputs.ts, `published`).
    { name: 'one import changed', ...oneImportChanged(), untouched: 39 },
    { name: 'one export changed', ...oneExportChanged(), untouched: 40 - dependents('p0007') },
    { name: 'nothing changed', base: oneImportChanged().base, head: oneImportChanged().base, untouched: 40 },
    { name: 'the federation file changed (every render key differs)', base: oneImportChanged().base, head: federationFileChanged(), untouched: 0 },
  ];
  for (const c of cases) {
    it(`GIVEN ${c.name} WHEN planned without rendering untouched peers THEN every rendered peer is planned as by two full renders, and every peer left out has no changes there`, () => {
      const cache = new CompileCache(LIMITS);
      const base = compileFederation(sources(c.base), { cache, render: false });
      const head = compileFederation(sources(c.head), { cache, render: false });
      const [fullBase, fullHead] = [compileFederation(sources(c.base)).rendered, compileFederation(sources(c.head)).rendered];
      if (fullBase === undefined || fullHead === undefined) throw new Error('the case must be valid at base and head');
      const full = planFederation(fullBase, fullHead);
      const plan = planChange(base, head, cache);
      expectSamePlan(plan, full);
      expect(plan.peers.filter((p) => p.inputsUnchanged === true)).toHaveLength(c.untouched);
      expect(affectedPeers(plan)).toEqual(affectedPeers(full));
    });
  }

  it.each([
    { change: 'import', files: oneImportChanged, rendered: () => 1 },
    { change: 'export', files: oneExportChanged, rendered: () => dependents('p0007') },
  ])('GIVEN one peer\'s $change changed WHEN planned THEN only the peers that read it are rendered (twice), the others not at all', ({ files, rendered }) => {
    const { base: b, head: h } = files();
    const cache = new CompileCache(LIMITS);
    const base = compileFederation(sources(b), { cache, render: false });
    const head = compileFederation(sources(h), { cache, render: false });
    planChange(base, head, cache);
    expect(cache.stats.peerMisses).toBe(2 * rendered());
    expect(cache.stats.peerHits).toBe(0);
  });

  it('GIVEN an invalid base (undefined) WHEN planned THEN every head object is added', () => {
    const cache = new CompileCache(LIMITS);
    const head = compileFederation(sources(oneImportChanged().head), { cache, render: false });
    const plan = planChange(undefined, head, cache);
    expect(plan).toEqual(planFederation(new Map(), compileFederation(sources(oneImportChanged().head)).rendered ?? new Map()));
    expect(plan.peers.every((p) => p.presence === 'added' && p.unchanged === 0)).toBe(true);
  });
});
