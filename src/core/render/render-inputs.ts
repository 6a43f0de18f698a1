import { hash } from 'node:crypto';
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
  const deps = new Map<string, string[]>();
  const add = (peer: string, other: string) => {
    const list = deps.get(peer);
    if (list === undefined) deps.set(peer, peer === other ? [peer] : [peer, other]);
    else list.push(other);
  };
  for (const [name, peer] of model.peers) {
    add(name, name);
    for (const other of namedPeers(peer)) {
      add(name, other);
      add(other, name);
    }
  }
  // Sorted once without repeats. The default sort orders strings by UTF-16 code units, compareStrings' order.
  for (const [peer, list] of deps) deps.set(peer, list.sort().filter((d, i, sorted) => i === 0 || d !== sorted[i - 1]));
  return deps;
}

/** Peers an intent of this folder names (kept per PeerModel, which the compile cache shares between compilations). */
function namedPeers(peer: PeerModel): readonly string[] {
  let named = NAMED.get(peer);
  if (named === undefined) {
    const out = new Set<string>();
    for (const e of peer.exports) for (const c of e.value.spec.consumers) out.add(c.peer);
    for (const i of peer.imports) out.add(i.value.spec.from.peer);
    out.delete(peer.name);
    NAMED.set(peer, (named = [...out]));
  }
  return named;
}

const NAMED = new WeakMap<PeerModel, readonly string[]>();

/**
 * A digest per peer of everything in its dependencies' folders (renderDependencies: its own, the peers its intents
 * name and the peers whose intents name it): for each dependency its name and its folder's files (paths and
 * content hashes). `fileHashes` maps each loaded path to its content hash; files without one (not YAML, not read)
 * count by path. Computed once per model and kept while the model lives: the validation keys (validation-keys.ts)
 * and the render keys of the same compilation share it, and it is most of their cost (~40 ms at 1,000 peers).
 */
export function dependencyDigests(model: FederationModel, fileHashes: ReadonlyMap<string, string>): ReadonlyMap<string, string> {
  let byHashes = DIGESTS.get(model);
  if (byHashes === undefined) DIGESTS.set(model, (byHashes = new WeakMap()));
  let digests = byHashes.get(fileHashes);
  if (digests === undefined) byHashes.set(fileHashes, (digests = computeDependencyDigests(model, fileHashes)));
  return digests;
}

/** Memo of `dependencyDigests`: models and hash maps are never changed after they are built (compile-cache.ts). */
const DIGESTS = new WeakMap<FederationModel, WeakMap<ReadonlyMap<string, string>, ReadonlyMap<string, string>>>();

function computeDependencyDigests(model: FederationModel, fileHashes: ReadonlyMap<string, string>): Map<string, string> {
  // Each folder's files are digested once; a peer's digest digests the digests of its dependencies' folders (a few
  // dozen short strings, in one update) rather than every path and hash of them again.
  const folders = new Map<string, string>();
  const folder = (name: string): string => {
    let f = folders.get(name);
    if (f === undefined) {
      const files = model.peers.get(name)?.files ?? [];
      f = hash('sha256', files.map((p) => `${p}\0${fileHashes.get(p) ?? '-'}`).join('\0'), 'base64');
      folders.set(name, f);
    }
    return f;
  };
  const digests = new Map<string, string>();
  for (const [peer, deps] of renderDependencies(model)) {
    const parts: string[] = [];
    for (const d of deps) parts.push(d, folder(d));
    digests.set(peer, hash('sha256', parts.join('\0'), 'base64'));
  }
  return digests;
}

/**
 * A key per peer that changes whenever anything in `common` or in its dependencies' folders changes
 * (`dependencyDigests`). The peer's own name comes first: peers with the same dependencies (a full mesh) have
 * different outputs.
 */
export function peerInputKeys(model: FederationModel, fileHashes: ReadonlyMap<string, string>, common: string): Map<string, string> {
  const keys = new Map<string, string>();
  for (const [peer, digest] of dependencyDigests(model, fileHashes)) {
    keys.set(peer, hash('sha256', `${peer}\0${common}\0${digest}`, 'base64'));
  }
  return keys;
}

/**
 * A key per peer that changes whenever anything its rendered output depends on changes: the root, the federation
 * file's content and its dependencies' folders. Equal keys mean equal rendered output.
 */
export function renderKeys(model: FederationModel, fileHashes: ReadonlyMap<string, string>): Map<string, string> {
  const prefix = model.root === '' ? '' : `${model.root}/`;
  return peerInputKeys(model, fileHashes, `render\0${model.root}\0${fileHashes.get(`${prefix}federation.yaml`) ?? '-'}`);
}
