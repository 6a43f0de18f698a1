import { describe, expect, it } from 'vitest';
import { diffFlows, federationFlows } from '../../../src/core/report/federation-flows.js';
import { mermaidGraph, mermaidGraphDiff, nodeId } from '../../../src/core/report/mermaid-graph.js';
import { renderPrComment } from '../../../src/core/report/pr-comment.js';
import { loadFederation } from '../../../src/core/load/load-federation.js';
import { federationModel, type FederationSketch } from '../consent/model-builder.js';
import { EXAMPLES, exampleFiles } from '../render/example-federations.js';

/** The paper's scenario (tein bursts into gke) plus a third peer with every policy kind. */
const SKETCH: FederationSketch = {
  peers: {
    gke: { region: 'europe-west1', zone: 'europe-west1-b', network: 'gke-net', exports: [{ name: 'echo', consumers: ['tein', 'far-away'] }] },
    tein: { region: 'europe-south1', network: 'tein-net', imports: [{ name: 'echo', from: 'gke', export: 'echo' }] },
    'far-away': {
      region: 'us-east4',
      zone: 'us-east4-a',
      network: 'far-net',
      imports: [
        { name: 'echo-canary', from: 'gke', export: 'echo', policy: { split: { remoteWeight: 20 } } },
        { name: 'echo-failover', from: 'gke', export: 'echo', policy: { failover: {} } },
        { name: 'echo-mirror', from: 'gke', export: 'echo', policy: { mirror: { percent: 5 } } },
        { name: 'echo-route', from: 'gke', export: 'echo', policy: { route: { match: [{ uriPrefix: '/v2' }, { uriPrefix: '/v3' }] } } },
      ],
    },
  },
};

describe('mermaidGraph', () => {
  it('GIVEN a federation WHEN graphed THEN peers are labelled nodes and every import an edge consumer -> provider', () => {
    expect(mermaidGraph(federationModel(SKETCH))).toBe(
      [
        'flowchart LR',
        '  peer_far_2d_away["far-away\\nus-east4/us-east4-a\\nnetwork far-net"]',
        '  peer_gke["gke\\neurope-west1/europe-west1-b\\nnetwork gke-net"]',
        '  peer_tein["tein\\neurope-south1\\nnetwork tein-net"]',
        '  peer_far_2d_away -- "echo#58; split 20#37;" --> peer_gke',
        '  peer_far_2d_away -- "echo#58; failover" --> peer_gke',
        '  peer_far_2d_away -- "echo#58; mirror 5#37;" --> peer_gke',
        '  peer_far_2d_away -- "echo#58; route (2 matches)" --> peer_gke',
        '  peer_tein -- "echo#58; burst" --> peer_gke',
        '',
      ].join('\n'),
    );
  });

  it('GIVEN the same federation built twice WHEN graphed THEN the text is identical, and TB direction is honoured', () => {
    const a = mermaidGraph(federationModel(SKETCH), { direction: 'TB' });
    expect(a).toBe(mermaidGraph(federationModel(SKETCH), { direction: 'TB' }));
    expect(a.startsWith('flowchart TB\n')).toBe(true);
  });

  it('GIVEN an import from a peer missing from the model WHEN graphed THEN the node is marked unknown instead of failing', () => {
    const g = mermaidGraph(federationModel({ peers: { a: { imports: [{ name: 'x', from: 'nowhere', export: 'x' }] } } }));
    expect(g).toContain('peer_nowhere["nowhere\\n(unknown peer)"]');
    expect(g).toContain('peer_a -- "x#58; burst" --> peer_nowhere');
  });

  it('GIVEN an empty federation WHEN graphed THEN it is a valid empty flowchart', () => {
    expect(mermaidGraph(federationModel({ peers: {} }))).toBe('flowchart LR\n');
  });
});

describe('mermaidGraphDiff', () => {
  it('GIVEN a change that adds a peer and a flow and removes another flow WHEN graphed THEN added are thick green, removed dotted red', () => {
    const base = federationModel(SKETCH);
    const head = federationModel({
      peers: {
        ...SKETCH.peers,
        tein: { region: 'europe-south1', network: 'tein-net' },
        new: { region: 'asia-east1', network: 'new-net', imports: [{ name: 'echo', from: 'gke', export: 'echo' }] },
      },
    });
    const g = mermaidGraphDiff(base, head).split('\n');
    expect(g).toContain('  peer_new == "echo#58; burst" ==> peer_gke');
    expect(g).toContain('  peer_tein -. "echo#58; burst" .-> peer_gke');
    const edges = g.filter((l) => / (--|==|-\.) "/.test(l));
    const addedIdx = edges.findIndex((l) => l.includes('peer_new =='));
    const removedIdx = edges.findIndex((l) => l.includes('peer_tein -.'));
    expect(g).toContain(`  linkStyle ${addedIdx} stroke:#2da44e,stroke-width:3px`);
    expect(g).toContain(`  linkStyle ${removedIdx} stroke:#cf222e,stroke-width:2px`);
    expect(g).toContain('  class peer_new added');
    expect(g.some((l) => l.startsWith('  class ') && l.endsWith(' removed'))).toBe(false);
  });

  it('GIVEN a removed peer and a changed policy WHEN graphed THEN the peer is styled removed and the policy is one removed + one added flow', () => {
    const base = federationModel(SKETCH);
    const { tein: _tein, ...rest } = SKETCH.peers;
    const head = federationModel({
      peers: { ...rest, 'far-away': { ...rest['far-away'], imports: [{ name: 'echo-canary', from: 'gke', export: 'echo', policy: { split: { remoteWeight: 50 } } }] } },
    });
    const d = diffFlows(base, head);
    expect(d.added.map((f) => f.policy)).toEqual(['split 50%']);
    expect(d.removed.map((f) => `${f.consumer}/${f.importName}/${f.policy}`)).toEqual([
      'far-away/echo-canary/split 20%',
      'far-away/echo-failover/failover',
      'far-away/echo-mirror/mirror 5%',
      'far-away/echo-route/route (2 matches)',
      'tein/echo/burst',
    ]);
    const g = mermaidGraphDiff(base, head);
    expect(g).toContain('  class peer_tein removed\n');
    expect(g).toContain('  linkStyle 0 stroke:#2da44e,stroke-width:3px\n');
    expect(g).toContain('  linkStyle 1,2,3,4,5 stroke:#cf222e,stroke-width:2px\n');
  });

  it('GIVEN no change WHEN graphed THEN it equals the plain graph', () => {
    const m = federationModel(SKETCH);
    expect(mermaidGraphDiff(m, m)).toBe(mermaidGraph(m));
  });
});

describe('mermaid escaping', () => {
  it.each([
    ['end', 'peer_end'],
    ['echo-a', 'peer_echo_2d_a'],
    ['a_2d_b', 'peer_a_5f_2d_5f_b'],
  ])('GIVEN peer name %s WHEN turned into a node id THEN %s (no keyword, injective)', (name, id) => {
    expect(nodeId(name)).toBe(id);
  });

  it('GIVEN a zone with a double quote WHEN graphed THEN the node label stays one quoted string', () => {
    const g = mermaidGraph(federationModel({ peers: { a: { zone: 'z"]-->x' } } }));
    expect(g).toContain('peer_a["a\\neurope-west1/z#34;#93;--#62;x\\nnetwork net-a"]');
  });

  it('GIVEN flows WHEN listed THEN they are sorted by consumer and import', () => {
    expect(federationFlows(federationModel(SKETCH)).map((f) => `${f.consumer}/${f.importName}`)).toEqual([
      'far-away/echo-canary',
      'far-away/echo-failover',
      'far-away/echo-mirror',
      'far-away/echo-route',
      'tein/echo',
    ]);
  });
});

describe('the pull request graph', () => {
  const threePeer = EXAMPLES.find((e) => e.name === 'three-peer-mesh')!;
  const files = exampleFiles(threePeer.repoDir);
  const base = loadFederation(files).model;

  /** The ```mermaid block of the sticky comment for base -> head. */
  function prGraph(head: typeof base): string {
    const body = renderPrComment({
      marker: { head: 'a'.repeat(40), base: 'b'.repeat(40) },
      diagnostics: [],
      consent: { satisfied: true, headSha: 'a'.repeat(40), peers: [], blockers: [], requestReviews: { users: [], teams: [] }, unresolvedTeams: [], text: '' },
      flows: { base, head },
    });
    return /```mermaid\n([\s\S]*?)\n```/.exec(body)?.[1] ?? '';
  }

  it('GIVEN the three-peer example WHEN a change only removes virginia/catalog-burst.yaml THEN every peer the graph names has its real label, the touched ones emphasised', () => {
    const head = loadFederation(files.filter((f) => !f.path.endsWith('virginia/catalog-burst.yaml'))).model;
    const g = prGraph(head);
    expect(g).not.toContain('unknown peer');
    const nodes = g.split('\n').filter((l) => /^ {2}peer_\w+\["/.test(l));
    expect(nodes.map((l) => l.trim().split('[')[0])).toEqual(['peer_milan', 'peer_turin', 'peer_virginia']);
    for (const n of nodes) expect(n).toMatch(/\\nnetwork /);
    expect(g).toContain('  peer_virginia -. "catalog#58; burst" .-> peer_milan');
    expect(g).toContain('  class peer_milan,peer_virginia changed');
    expect(g).not.toMatch(/class [^\n]*peer_turin/);
  });

  it('GIVEN a change that adds a flow WHEN the comment graph is drawn THEN flows not touching a changed peer are left out', () => {
    const g = mermaidGraphDiff(federationModel(SKETCH), federationModel(SKETCH), { focus: new Set(['tein']) });
    expect(g).toContain('peer_tein -- "echo#58; burst" --> peer_gke');
    expect(g).not.toContain('far');
    expect(g).toContain('peer_gke["gke\\neurope-west1/europe-west1-b\\nnetwork gke-net"]');
  });
});
