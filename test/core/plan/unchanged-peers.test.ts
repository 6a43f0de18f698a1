import { describe, expect, it } from 'vitest';
import { syntheticFederation } from '../../../bench/synthetic-federation.js';
import { CompileCache } from '../../../src/core/compile-cache.js';
import { compileFederation } from '../../../src/core/pipeline.js';
import { peerHasChanges } from '../../../src/core/plan/federation-plan.js';
import { planChange } from '../../../src/core/plan/plan-change.js';
import { peersUnchangedByChange } from '../../../src/core/plan/unchanged-peers.js';
import type { SourceFile } from '../../../src/core/source-file.js';

const LIMITS = { maxSourceChars: 1e9, maxRenderedObjects: 1e9, maxPeers: 1e9 };
const BASE = new Map(syntheticFederation(40).map((f) => [f.path, f.content]));
const sources = (files: ReadonlyMap<string, string>): SourceFile[] => [...files].map(([path, content]) => ({ path, content }));
const edited = (path: string, from: string, to: string): Map<string, string> => new Map(BASE).set(path, (BASE.get(path) as string).replace(from, to));

describe('peersUnchangedByChange: the peers a change leaves with the same objects and the same intents', () => {
  const cases = [
    // Only p0007 is rendered again: no other peer's render reads its imports (render-inputs.ts, `published`).
    { name: 'one import of p0007 changed', head: edited('federation/peers/p0007/imports.yaml', 'remoteWeight: 25', 'remoteWeight: 30'), changedFolder: 'p0007', dependentsRendered: false },
    // Every peer that reads p0007's exports is rendered again; the edit changes p0007's objects only.
    { name: 'one export of p0007 changed', head: edited('federation/peers/p0007/exports.yaml', 'maxConnections: 100', 'maxConnections: 120'), changedFolder: 'p0007', dependentsRendered: true },
    { name: 'the federation file changed', head: edited('federation/federation.yaml', 'meshID: synthetic', 'meshID: renamed'), changedFolder: undefined, dependentsRendered: true },
  ];
  for (const c of cases) {
    it(`GIVEN ${c.name} WHEN planned THEN exactly the peers without changes whose own files (and the federation file) are the same qualify`, () => {
      const cache = new CompileCache(LIMITS);
      const base = compileFederation(sources(BASE), { cache, render: false });
      const head = compileFederation(sources(c.head), { cache, render: false });
      const plan = planChange(base, head, cache);
      const unchanged = peersUnchangedByChange(plan, base, head);
      const federationSame = c.changedFolder !== undefined;
      const expected = plan.peers.filter((p) => !peerHasChanges(p) && federationSame && p.peer !== c.changedFolder).map((p) => p.peer);
      expect([...unchanged].sort()).toEqual(expected);
      if (federationSame) {
        // With an export edited, some of them were rendered (they read the edited file) and still qualify: their
        // objects did not change.
        expect(plan.peers.some((p) => unchanged.has(p.peer) && p.inputsUnchanged !== true)).toBe(c.dependentsRendered);
        expect(unchanged.has(c.changedFolder as string)).toBe(false);
      }
    });
  }

  it('GIVEN sides compiled without a cache (no file hashes) WHEN asked THEN no peer qualifies', () => {
    const base = compileFederation(sources(BASE), { render: false });
    const plan = planChange(base, base, new CompileCache(LIMITS));
    expect(peersUnchangedByChange(plan, base, base).size).toBe(0);
  });
});
