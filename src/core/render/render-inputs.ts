import { createHash } from 'node:crypto';
import { compareStrings } from '../compare-strings.js';
import type { FederationModel, PeerModel } from '../model/federation-model.js';

/**
 * What one peer's rendered output can depend on, from the isolation rule (docs/istio.md: "an edit in peer A's
 * folder never changes an object rendered for a peer it does not reference"): its own folder, the folders of the
 * peers its intents name (the consumers of its exports, the providers of its imports) and the folders of the
 * peers whose intents name it, plus the federation file and the root. Derived from the model, so a new kind of
 * reference between peers is one more line in `namedPeers`; test/core/render/incremental-render.test.ts proves
 * over random edits that rendering only the peers whose inputs changed gives the same bytes as rendering all.
 */
export function renderDependencies(model: FederationModel): Map<string, string[]> {
  const deps = new Map<string, Set<string>>();
  const add = (peer: string, other: string) => {
    let s = deps.get(peer);
    if (s === undefined) deps.set(peer, (s = new Set([peer])));
    s.add(other);
  };
  for (const [name, peer] of model.peers) {
    add(name, name);
    for (const other of namedPeers(peer)) {
      add(name, other);
      add(other, name);
    }
  }
  const out = new Map<string, string[]>();
  for (const [peer, s] of deps) out.set(peer, [...s].sort(compareStrings));
  return out;
}

/** Peers an intent of this folder names. */
function namedPeers(peer: PeerModel): Set<string> {
  const out = new Set<string>();
  for (const e of peer.exports) for (const c of e.value.spec.consumers) out.add(c.peer);
  for (const i of peer.imports) out.add(i.value.spec.from.peer);
  return out;
}

/**
 * A key per peer that changes whenever anything its output depends on changes: the peer, the root, the federation file's
 * content, and for each dependency its name and its folder's files (paths and content hashes). Equal keys mean
 * equal rendered output. `fileHashes` maps each loaded path to its content hash; files without one (not YAML,
 * not read) count by path.
 */
export function renderKeys(model: FederationModel, fileHashes: ReadonlyMap<string, string>): Map<string, string> {
  const prefix = model.root === '' ? '' : `${model.root}/`;
  const common = `${model.root}\0${fileHashes.get(`${prefix}federation.yaml`) ?? '-'}`;
  // Each folder's files are digested once; a peer's key digests the digests of its dependencies' folders (a few
  // dozen short strings, in one update) rather than every path and hash of them again.
  const folders = new Map<string, string>();
  const folder = (name: string): string => {
    let f = folders.get(name);
    if (f === undefined) {
      const files = model.peers.get(name)?.files ?? [];
      f = createHash('sha256').update(files.map((p) => `${p}\0${fileHashes.get(p) ?? '-'}`).join('\0')).digest('base64');
      folders.set(name, f);
    }
    return f;
  };
  const keys = new Map<string, string>();
  for (const [peer, deps] of renderDependencies(model)) {
    // The peer's own name first: peers with the same dependencies (a full mesh) render different objects.
    const parts = [peer, common];
    for (const d of deps) parts.push(d, folder(d));
    keys.set(peer, createHash('sha256').update(parts.join('\0')).digest('base64'));
  }
  return keys;
}
