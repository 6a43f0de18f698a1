import { describe, expect, it } from 'vitest';
import { syntheticFederation } from '../../bench/synthetic-federation.js';
import { CompileCache } from '../../src/core/compile-cache.js';
import { evaluateConsent } from '../../src/core/consent/evaluate-consent.js';
import { formatDiagnostic } from '../../src/core/diagnostics.js';
import { compileFederation } from '../../src/core/pipeline.js';
import { planToHuman } from '../../src/core/plan/format-plan.js';
import { planFederation } from '../../src/core/plan/plan-federation.js';
import { mermaidGraphDiff } from '../../src/core/report/mermaid-graph.js';
import { renderDependencies } from '../../src/core/render/render-inputs.js';
import { peerSummaryRows } from '../../src/core/report/peer-summary.js';
import { renderPrComment } from '../../src/core/report/pr-comment.js';
import type { SourceFile } from '../../src/core/source-file.js';

const UNBOUNDED = { maxSourceChars: 1e9, maxRenderedObjects: 1e9, maxPeers: 1e9 };

function deepFreeze(value: unknown, seen = new Set<unknown>()): void {
  if (value === null || typeof value !== 'object' || seen.has(value)) return;
  seen.add(value);
  for (const v of Object.values(value)) deepFreeze(v, seen);
  if (value instanceof Map) {
    for (const [k, v] of value) {
      deepFreeze(k, seen);
      deepFreeze(v, seen);
    }
  }
  Object.freeze(value);
}

describe('CompileCache: each distinct content parsed once, each unchanged peer rendered once', () => {
  it('GIVEN a federation compiled with a cache WHEN the same files are compiled again THEN the first result is reused whole', () => {
    const files = syntheticFederation(24);
    const cache = new CompileCache(UNBOUNDED);
    const first = compileFederation(files, { cache });
    const second = compileFederation([...files].reverse(), { cache });
    expect(cache.stats.resultHits).toBe(1);
    expect(second).toBe(first);
  });

  it('GIVEN a federation compiled with a cache WHEN a file outside every peer\'s dependencies is added THEN only that file is parsed and no peer is assembled, validated or rendered again', () => {
    const files = syntheticFederation(24);
    const cache = new CompileCache(UNBOUNDED);
    const first = compileFederation(files, { cache });
    const misses = { ...cache.stats };
    const second = compileFederation([...files, { path: 'federation/README.md', content: 'notes' }], { cache });
    expect(cache.stats.fileMisses).toBe(misses.fileMisses);
    expect(cache.stats.peerMisses).toBe(misses.peerMisses);
    expect(cache.stats.folderMisses).toBe(misses.folderMisses);
    expect(cache.stats.validationMisses).toBe(misses.validationMisses);
    // Every peer folder is taken whole (its files are not looked up one by one); federation.yaml is looked up.
    expect(cache.stats.folderHits - misses.folderHits).toBe(24);
    expect(cache.stats.validationHits - misses.validationHits).toBe(24);
    expect(cache.stats.fileHits - misses.fileHits).toBe(files.filter((f) => !f.path.includes('/peers/')).length);
    expect(second.rendered).toEqual(first.rendered);
    expect(second.diagnostics).toEqual(first.diagnostics);
  });

  it('GIVEN a federation compiled with a cache WHEN one peer\'s import changes THEN only its folder is loaded again and only it and the peers it names or that name it are validated again', () => {
    const files = syntheticFederation(60);
    const cache = new CompileCache(UNBOUNDED);
    const base = compileFederation(files, { cache, render: false });
    const head = files.map((f) => (f.path === 'federation/peers/p0007/imports.yaml' ? { ...f, content: f.content.replace('remoteWeight: 25', 'remoteWeight: 30') } : f));
    const before = { ...cache.stats };
    const changed = compileFederation(head, { cache, render: false });
    expect(cache.stats.folderMisses - before.folderMisses).toBe(1);
    expect(cache.stats.folderHits - before.folderHits).toBe(59);
    // The same peers whose render keys hold p0007's folder (renderDependencies), and only them.
    const deps = renderDependencies(base.model).get('p0007') ?? [];
    expect(cache.stats.validationMisses - before.validationMisses).toBe(deps.length);
    expect(cache.stats.validationHits - before.validationHits).toBe(60 - deps.length);
    expect(deps.length).toBeGreaterThan(20);
    expect(deps.length).toBeLessThan(60);
    // Untouched peers are the very same PeerModel objects on both sides.
    const shared = [...changed.model.peers].filter(([name, p]) => base.model.peers.get(name) === p).length;
    expect(shared).toBe(59);
  });

  it('GIVEN a cache whose source bound holds a quarter of a federation WHEN it is compiled twice THEN a folder is kept only while its file outcomes are, and the result is unchanged', () => {
    const files = syntheticFederation(40);
    const chars = files.reduce((n, f) => n + f.content.length, 0);
    const cache = new CompileCache({ maxSourceChars: Math.floor(chars / 4), maxRenderedObjects: 1e9, maxPeers: 1e9 });
    const first = compileFederation(files, { cache, render: false });
    // A kept folder keeps its PeerModel, and with it the intents of its files: never more than the outcomes kept.
    expect(cache.size.loadedFolders).toBeLessThanOrEqual(12);
    const before = { ...cache.stats };
    const again = compileFederation([...files, { path: 'federation/README.md', content: 'notes' }], { cache, render: false });
    // (Loading the first peers again evicts the outcomes of the last ones, and with them their folders.)
    expect(cache.stats.folderHits - before.folderHits).toBeLessThanOrEqual(12);
    expect(again.diagnostics).toEqual(first.diagnostics);
    expect(again.diagnostics).toEqual(compileFederation(files, { render: false }).diagnostics);
  });

  it('GIVEN the same broken content in two files WHEN compiled with a cache THEN it is parsed once and each diagnostic names its own file', () => {
    const broken = 'apiVersion: meshfed.io/v1alpha1\nkind: ServiceExport\nmetadata:\n  name: web\nspec:\n  service: {name: web, namespace: apps}\n  ports: [{name: http, number: 99999, protocol: HTTP}]\n  serviceAccounts: [web]\n  consumers: [{peer: beta}]\n';
    const files: SourceFile[] = [
      ...syntheticFederation(22),
      { path: 'federation/peers/p0001/broken.yaml', content: broken },
      { path: 'federation/peers/p0002/broken.yaml', content: broken },
    ];
    const cache = new CompileCache(UNBOUNDED);
    const cached = compileFederation(files, { cache });
    const fresh = compileFederation(files);
    expect(cache.stats.fileMisses).toBe(files.length - 1);
    expect(cached.diagnostics.map(formatDiagnostic)).toEqual(fresh.diagnostics.map(formatDiagnostic));
    const ports = cached.diagnostics.filter((d) => d.message.includes('port above 65535'));
    expect(ports.map((d) => `${d.file}:${d.line}:${d.col}`)).toEqual(['federation/peers/p0001/broken.yaml:7:32', 'federation/peers/p0002/broken.yaml:7:32']);
  });

  it('GIVEN cached intents and objects frozen WHEN a change is compiled, planned, put to consent and reported with the cache THEN nothing writes to them', () => {
    const base = syntheticFederation(22);
    const cache = new CompileCache(UNBOUNDED);
    const before = compileFederation(base, { cache });
    deepFreeze(before.model);
    deepFreeze(before.rendered);
    const head = base.map((f) => (f.path === 'federation/peers/p0003/imports.yaml' ? { ...f, content: f.content.replace('remoteWeight: 25', 'remoteWeight: 40') } : f));
    const after = compileFederation(head, { cache });
    deepFreeze(after.model);
    const plan = planFederation(before.rendered ?? new Map(), after.rendered ?? new Map());
    expect(plan.peers.filter((p) => p.changed.length > 0).map((p) => p.peer)).toEqual(['p0003']);
    const consent = evaluateConsent({
      base: before.model,
      head: after.model,
      plan,
      changedFiles: ['federation/peers/p0003/imports.yaml'],
      headSha: 'h',
      author: 'someone',
      reviews: [],
      teamMembers: new Map(),
    });
    planToHuman(plan);
    peerSummaryRows(after.model, after.rendered ?? new Map(), plan);
    mermaidGraphDiff(before.model, after.model);
    renderPrComment({ marker: { head: 'h', base: 'b', delivery: 'd' }, diagnostics: after.diagnostics, plan, consent, flows: { base: before.model, head: after.model }, notes: [] });
  });

  it('GIVEN a cache bounded below the size of a federation WHEN it is compiled THEN the cache keeps no more than its bound and the result is unchanged', () => {
    const files = syntheticFederation(40);
    const chars = files.reduce((n, f) => n + f.content.length, 0);
    const cache = new CompileCache({ maxSourceChars: Math.floor(chars / 4), maxRenderedObjects: 500, maxPeers: 10 });
    const r = compileFederation(files, { cache });
    expect(cache.size.sourceChars).toBeLessThanOrEqual(Math.floor(chars / 4));
    expect(cache.size.renderedObjects).toBeLessThanOrEqual(500);
    expect(cache.size.loadedFolders).toBeLessThanOrEqual(10);
    expect(cache.size.validatedPeers).toBeLessThanOrEqual(10);
    expect(r.rendered).toEqual(compileFederation(files).rendered);
    expect(r.diagnostics).toEqual(compileFederation(files).diagnostics);
  });
});
