// @vitest-environment jsdom
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadFederation } from '../../../src/core/load/load-federation.js';
import type { FederationModel, PeerModel } from '../../../src/core/model/federation-model.js';
import { federationFlows } from '../../../src/core/report/federation-flows.js';
import { mermaidGraph, mermaidGraphDiff, nodeId } from '../../../src/core/report/mermaid-graph.js';
import { federationModel } from '../consent/model-builder.js';
import { EXAMPLES, exampleFiles } from '../render/example-federations.js';
import { LABEL_SYNTAXES } from './mermaid-label-syntaxes.js';
import { renderMermaid, type RenderedDiagram } from './real-mermaid.js';

/** The text a peer's node shows: name, region[/zone], network. */
function expectedNode(p: PeerModel): string[] {
  const spec = p.peer?.value.spec;
  if (spec === undefined) return [p.name];
  const { region, zone } = spec.locality;
  return [p.name, zone === undefined ? region : `${region}/${zone}`, `network ${spec.network}`];
}

/** Every peer of `models` the diagram draws has its own text and nothing else; every edge label is plain text. */
function expectTextOnly(d: RenderedDiagram, models: readonly FederationModel[], shown: (s: string) => string = (s) => s): void {
  for (const [id, label] of d.nodes) {
    const peer = models.map((m) => [...m.peers.values()].find((p) => nodeId(p.name) === id)).find((p) => p !== undefined);
    expect(peer, `node ${id} is a peer of the models`).toBeDefined();
    expect(label).toEqual({ lines: expectedNode(peer!).map(shown), markup: [] });
  }
  for (const e of d.edges) expect(e.markup).toEqual([]);
}

const edgeTexts = (d: RenderedDiagram): string[] => d.edges.map((e) => e.lines.join('\n')).sort();

/**
 * The model of `federationModel` with user text swapped in where the schemas would refuse it (names, networks,
 * export names are DNS labels), so the graph is tested on text meshfed itself would never let through.
 */
function withText(model: FederationModel, text: (peer: string) => { name: string; region: string; zone?: string; network: string; exportName: string }): FederationModel {
  const peers = new Map<string, PeerModel>();
  for (const p of model.peers.values()) {
    const t = text(p.name);
    const spec = p.peer!.value.spec;
    peers.set(t.name, {
      ...p,
      name: t.name,
      peer: { ...p.peer!, value: { ...p.peer!.value, spec: { ...spec, network: t.network, locality: { region: t.region, ...(t.zone === undefined ? {} : { zone: t.zone }) } } } },
      imports: p.imports.map((i) => ({ ...i, value: { ...i.value, spec: { ...i.value.spec, from: { peer: text(i.value.spec.from.peer).name, export: text(i.value.spec.from.peer).exportName } } } })),
    });
  }
  return { ...model, peers };
}

const RING = federationModel({
  peers: {
    a: { exports: [{ name: 'svc', consumers: ['c'] }], imports: [{ name: 'x', from: 'b', export: 'svc' }] },
    b: { exports: [{ name: 'svc', consumers: ['a'] }], imports: [{ name: 'x', from: 'c', export: 'svc', policy: { split: { remoteWeight: 20 } } }] },
    c: { exports: [{ name: 'svc', consumers: ['b'] }], imports: [{ name: 'x', from: 'a', export: 'svc', policy: { mirror: { percent: 5 } } }] },
  },
});

describe('the graph in the real Mermaid (the version GitHub renders with)', () => {
  it.each(LABEL_SYNTAXES)('GIVEN $syntax as every name, region, zone, network and export WHEN rendered THEN Mermaid shows the text, nothing else', async ({ input, shown }) => {
    const show = (s: string): string => (shown === undefined ? s : s.split(input).join(shown));
    const model = withText(RING, (p) => ({ name: `${p}${input}`, region: `${input}r`, zone: `z${input}`, network: `${input}${p}`, exportName: `e${input}` }));
    const d = await renderMermaid(mermaidGraph(model));
    expect(d.nodes.size).toBe(3);
    expectTextOnly(d, [model], show);
    expect(edgeTexts(d)).toEqual(federationFlows(model).map((f) => show(`${f.exportName}: ${f.policy}`)).sort());
  });

  it.each(EXAMPLES)('GIVEN the $name example WHEN graphed, and diffed against an empty federation THEN every peer and flow renders as its text', async ({ repoDir }) => {
    const model = loadFederation(exampleFiles(repoDir)).model;
    const empty: FederationModel = { root: model.root, federation: model.federation, peers: new Map() };
    for (const graph of [mermaidGraph(model), mermaidGraphDiff(empty, model)]) {
      const d = await renderMermaid(graph);
      expect([...d.nodes.keys()].sort()).toEqual([...model.peers.keys()].map(nodeId).sort());
      expectTextOnly(d, [model]);
      expect(edgeTexts(d)).toEqual(federationFlows(model).map((f) => `${f.exportName}: ${f.policy}`).sort());
    }
  });

  it.each(EXAMPLES)('GIVEN the $name example WHEN a pull request removes any one intent file THEN its graph renders every peer it names with the real label', async ({ repoDir }) => {
    const files = exampleFiles(repoDir);
    const base = loadFederation(files).model;
    for (const removed of files.filter((f) => !f.path.endsWith('federation.yaml'))) {
      const head = loadFederation(files.filter((f) => f !== removed)).model;
      const focus = new Set([removed.path.split('/')[2]!]);
      const d = await renderMermaid(mermaidGraphDiff(base, head, { focus }));
      expectTextOnly(d, [head, base]);
    }
  });

  it('GIVEN generated federations with hostile names, regions, zones, networks and exports WHEN rendered THEN every label is exactly its text', async () => {
    const hostile = fc.oneof(
      fc.constantFrom(...LABEL_SYNTAXES.filter((s) => s.shown === undefined).map((s) => s.input)),
      fc.string({ unit: 'grapheme', maxLength: 10 }),
      fc.array(fc.constantFrom('fa:fa-', '$$', '<br/>', '#', ';', '"', '`', '\\n', '**', '<', '&', ':', '%%', '-->', 'x', ' '), { maxLength: 6 }).map((a) => a.join('')),
    );
    const texts = fc.record({ region: hostile, zone: fc.option(hostile, { nil: undefined }), network: hostile, exportName: hostile });
    await fc.assert(
      fc.asyncProperty(fc.tuple(texts, texts, texts), fc.uniqueArray(hostile, { minLength: 3, maxLength: 3 }), async (t, names) => {
        const byPeer = { a: 0, b: 1, c: 2 } as const;
        const model = withText(RING, (p) => {
          const i = byPeer[p as keyof typeof byPeer];
          return { name: names[i]!, ...t[i]! };
        });
        const d = await renderMermaid(mermaidGraph(model));
        expect(d.nodes.size).toBe(3);
        expectTextOnly(d, [model]);
        expect(edgeTexts(d)).toEqual(federationFlows(model).map((f) => `${f.exportName}: ${f.policy}`).sort());
      }),
      { numRuns: 20, seed: 11 },
    );
  });
});
