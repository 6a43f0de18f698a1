import { describe, expect, it } from 'vitest';
import { Document, parseAllDocuments } from 'yaml';
import { loadFederation } from '../../../src/core/load/load-federation.js';
import type { FederationModel } from '../../../src/core/model/federation-model.js';
import { renderFederation } from '../../../src/core/render/render-federation.js';
import { objectsToYaml } from '../../../src/core/render/output/serialize-yaml.js';
import type { SourceFile } from '../../../src/core/source-file.js';
import { EXAMPLES, exampleFiles } from './example-federations.js';

// Parsed intent documents are edited freely here, the way an operator edits YAML.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Intent = { kind: string; spec: Record<string, any> };

/** Edits an operator could make in their own folder; each keeps the federation valid. */
const EDITS: { readonly name: string; readonly crossPeer: boolean; readonly apply: (doc: Intent) => boolean }[] = [
  { name: 'Peer trust domain', crossPeer: true, apply: (d) => d.kind === 'Peer' && !!(d.spec.trustDomain = `x.${d.spec.trustDomain}`) },
  { name: 'Peer network and locality', crossPeer: true, apply: (d) => d.kind === 'Peer' && !!((d.spec.network = `${d.spec.network}-2`), (d.spec.locality.region = 'moved-1')) },
  { name: 'Peer east-west address', crossPeer: true, apply: (d) => d.kind === 'Peer' && !!(d.spec.eastWest.address = '192.0.2.123') },
  { name: 'Peer namespaces', crossPeer: true, apply: (d) => d.kind === 'Peer' && !!d.spec.namespaces.push('extra') },
  { name: 'Peer owners and clusterID', crossPeer: false, apply: (d) => d.kind === 'Peer' && !!(d.spec.owners.push('@someone-else'), (d.spec.clusterID = 'renamed')) },
  { name: 'Peer Istio version', crossPeer: false, apply: (d) => d.kind === 'Peer' && !!(d.spec.istio.version = '1.21.0') },
  { name: 'ServiceExport inbound cap', crossPeer: false, apply: (d) => d.kind === 'ServiceExport' && d.spec.inbound !== undefined && !!(d.spec.inbound.maxConnections += 1) },
  { name: 'ServiceExport service accounts', crossPeer: true, apply: (d) => d.kind === 'ServiceExport' && !!d.spec.serviceAccounts.push('extra-sa') },
  {
    name: 'ServiceImport policy numbers',
    crossPeer: false,
    apply: (d) => {
      if (d.kind !== 'ServiceImport') return false;
      const s = d.spec;
      if (s.split) s.split.remoteWeight = (s.split.remoteWeight + 7) % 100;
      if (s.mirror) s.mirror.percent = (s.mirror.percent + 3) % 100;
      const ejection = s.burst?.ejection ?? s.failover?.ejection;
      if (ejection) ejection.consecutive5xxErrors = (ejection.consecutive5xxErrors ?? 5) + 1;
      if (s.burst) s.burst.local = { ...(s.burst.local ?? {}), maxConnections: 77 };
      if (s.route) s.route.match.push({ uriPrefix: '/also' });
      return true;
    },
  },
  { name: 'EdgeGateway hosts and TLS', crossPeer: false, apply: (d) => d.kind === 'EdgeGateway' && !!(d.spec.hosts.push('extra.example.org'), (d.spec.tls.minProtocolVersion = 'TLSV1_3')) },
];

function edit(files: readonly SourceFile[], peer: string, root: string, apply: (d: Intent) => boolean): { files: SourceFile[]; changed: boolean } {
  let changed = false;
  const out = files.map((f) => {
    if (!f.path.startsWith(`${root}/peers/${peer}/`)) return f;
    const docs = parseAllDocuments(f.content, { schema: 'core' });
    if (!Array.isArray(docs)) return f;
    const texts = docs.map((doc) => {
      const data = doc.toJS() as Intent;
      if (apply(data)) changed = true;
      return new Document(data, { schema: 'core' }).toString();
    });
    return { path: f.path, content: texts.map((t) => `---\n${t}`).join('') };
  });
  return { files: out, changed };
}

function rendered(files: readonly SourceFile[]): { model: FederationModel; byPeer: Map<string, string> } {
  const { model, diagnostics } = loadFederation(files);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return { model, byPeer: new Map([...renderFederation(model)].map(([p, objects]) => [p, objectsToYaml(objects)])) };
}

/** B's objects may depend on A only through B's imports from A or B's exports consumed by A. */
function linked(model: FederationModel, b: string, a: string): boolean {
  const pm = model.peers.get(b);
  if (pm === undefined) return false;
  return pm.imports.some((i) => i.value.spec.from.peer === a) || pm.exports.some((e) => e.value.spec.consumers.some((c) => c.peer === a));
}

describe('an edit in one peer\'s folder changes only peers linked to it (README guarantee 1)', () => {
  for (const example of EXAMPLES) {
    const files = exampleFiles(example.repoDir);
    const before = rendered(files);
    const peers = [...before.model.peers.keys()];
    let crossPeerChanges = 0;

    for (const a of peers) {
      for (const e of EDITS) {
        it(`GIVEN ${example.name}: ${e.name} edited in ${a}'s folder THEN only linked peers' objects change`, () => {
          const edited = edit(files, a, 'federation', e.apply);
          if (!edited.changed) return;
          const after = rendered(edited.files);
          for (const b of peers.filter((p) => p !== a)) {
            const changed = after.byPeer.get(b) !== before.byPeer.get(b);
            if (changed) crossPeerChanges++;
            if (changed) expect(linked(before.model, b, a), `${b} changed after an edit in ${a}`).toBe(true);
            if (!e.crossPeer) expect(changed, `${e.name} is not read across peers, yet ${b} changed`).toBe(false);
          }
        });
      }
    }

    it(`GIVEN ${example.name} THEN some edits do reach linked peers (the test above is not vacuous)`, () => {
      expect(crossPeerChanges).toBeGreaterThan(0);
    });
  }
});
