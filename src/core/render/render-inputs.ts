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
export function renderDependencies(model: FederationModel): ReadonlyMap<string, readonly string[]> {
  let deps = DEPENDENCIES.get(model);
  if (deps === undefined) DEPENDENCIES.set(model, (deps = computeRenderDependencies(model)));
  return deps;
}

/** Memo of `renderDependencies` (a model is never changed once built): the render and validation keys both use it. */
const DEPENDENCIES = new WeakMap<FederationModel, ReadonlyMap<string, readonly string[]>>();

function computeRenderDependencies(model: FederationModel): Map<string, string[]> {
  // A set per peer, sorted once: a list with repeats sorted and filtered cost twice as much at 1,000 peers.
  const sets = new Map<string, Set<string>>();
  const add = (peer: string, other: string) => {
    const set = sets.get(peer);
    if (set === undefined) sets.set(peer, new Set(peer === other ? [peer] : [peer, other]));
    else set.add(other);
  };
  for (const [name, peer] of model.peers) {
    add(name, name);
    for (const other of namedPeers(peer)) {
      add(name, other);
      add(other, name);
    }
  }
  // The default sort orders strings by UTF-16 code units, compareStrings' order.
  const deps = new Map<string, string[]>();
  for (const [peer, set] of sets) deps.set(peer, [...set].sort());
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
 * What of a dependency's folder a peer's key covers. `folders`: every file of every dependency's folder (what the
 * validation rules may read: validation-keys.ts). `published`: the peer's own folder whole, and of every other
 * dependency only the files holding its Peer and ServiceExport documents: all that one peer's render reads of
 * another (render-context.ts: `peerIntentOf`, `findExport`; no renderer reaches another peer's imports or gateways,
 * nor another peer's positions), so an edit of a peer's imports re-renders that peer alone, not the ~40 it names.
 */
export type DigestScope = 'folders' | 'published';

/**
 * A digest per peer of its dependencies (renderDependencies: its own folder, the peers its intents name and the
 * peers whose intents name it) in `scope`: for each dependency its name and the paths and content hashes of its
 * files in scope. `fileHashes` maps each loaded path to its content hash; files without one (not YAML, not read)
 * count by path. Computed once per model and scope and kept while the model lives: the validation keys
 * (validation-keys.ts) and the render keys of the same compilation each take theirs from here, and it is most of
 * their cost (~20 to 25 ms per model and scope at 1,000 peers, CPU profiles of a plan).
 */
export function dependencyDigests(model: FederationModel, fileHashes: ReadonlyMap<string, string>, scope: DigestScope = 'folders'): ReadonlyMap<string, string> {
  let byHashes = DIGESTS.get(model);
  if (byHashes === undefined) DIGESTS.set(model, (byHashes = new WeakMap()));
  let byScope = byHashes.get(fileHashes);
  if (byScope === undefined) byHashes.set(fileHashes, (byScope = new Map()));
  let digests = byScope.get(scope);
  if (digests === undefined) byScope.set(scope, (digests = computeDependencyDigests(model, fileHashes, scope)));
  return digests;
}

/** Memo of `dependencyDigests`: models and hash maps are never changed after they are built (compile-cache.ts). */
const DIGESTS = new WeakMap<FederationModel, WeakMap<ReadonlyMap<string, string>, Map<DigestScope, ReadonlyMap<string, string>>>>();

function computeDependencyDigests(model: FederationModel, fileHashes: ReadonlyMap<string, string>, scope: DigestScope): Map<string, string> {
  // Each folder is digested once; a peer's digest digests the digests of its dependencies' folders (a few dozen
  // short strings, in one update) rather than every path and hash of them again.
  const folders = new Map<string, string>();
  const published = new Map<string, string>();
  const digestOf = (name: string, of: DigestScope): string => {
    const here = of === 'folders' ? folders : published;
    let digest = here.get(name);
    if (digest === undefined) here.set(name, (digest = folderDigest(model.peers.get(name), fileHashes, of)));
    return digest;
  };
  const digests = new Map<string, string>();
  for (const [peer, deps] of renderDependencies(model)) {
    const parts: string[] = [];
    for (const d of deps) parts.push(d, digestOf(d, scope === 'folders' || d === peer ? 'folders' : 'published'));
    digests.set(peer, peerDigest(model.peers.get(peer), scope, parts));
  }
  return digests;
}

/**
 * SHA-256 of `parts` (dependency names and folder digests), kept per PeerModel and scope with the parts it was made
 * of: a plan's base and head share the PeerModel of every folder the change leaves alone, and most of those peers'
 * parts, so the base's digests are mostly a comparison of a few dozen strings instead of a hash (the same value:
 * equal parts, equal input).
 */
function peerDigest(peer: PeerModel | undefined, scope: DigestScope, parts: readonly string[]): string {
  const make = () => hash('sha256', parts.join('\0'), 'base64');
  return peer === undefined ? make() : keptFor(PEER_DIGESTS, peer, scope, parts, make);
}

/**
 * The digest of a folder's files in `scope`, kept per PeerModel (base and head share the PeerModel of every folder
 * the change leaves alone: loaded-folder.ts) together with the content hashes it was made of, and made again
 * whenever one of them is not the one `fileHashes` gives now.
 */
function folderDigest(peer: PeerModel | undefined, fileHashes: ReadonlyMap<string, string>, scope: DigestScope): string {
  if (peer === undefined) return scope; // a named peer without a folder: unlike any folder's digest, even an empty one's
  const files = scope === 'folders' ? peer.files : publishedFiles(peer);
  const hashes = files.map((p) => fileHashes.get(p) ?? '-');
  return keptFor(FOLDER_DIGESTS, peer, scope, hashes, () => `${scope}\0${hash('sha256', files.map((p, i) => `${p}\0${hashes[i] as string}`).join('\0'), 'base64')}`);
}

/** Digests kept per PeerModel and scope, each with the inputs it was made of. */
type Kept = WeakMap<PeerModel, Map<DigestScope, { readonly inputs: readonly string[]; readonly digest: string }>>;
const PEER_DIGESTS: Kept = new WeakMap();
const FOLDER_DIGESTS: Kept = new WeakMap();

/** The digest kept for `peer` and `scope` when it was made of exactly `inputs`; otherwise `make()`, kept in its place. */
function keptFor(memo: Kept, peer: PeerModel, scope: DigestScope, inputs: readonly string[], make: () => string): string {
  let kept = memo.get(peer);
  if (kept === undefined) memo.set(peer, (kept = new Map()));
  const known = kept.get(scope);
  if (known !== undefined && known.inputs.length === inputs.length && known.inputs.every((x, i) => x === inputs[i])) return known.digest;
  const digest = make();
  kept.set(scope, { inputs, digest });
  return digest;
}

/** The files of a folder holding its Peer and ServiceExport documents, sorted without repeats. */
function publishedFiles(peer: PeerModel): string[] {
  const files = new Set<string>();
  if (peer.peer !== undefined) files.add(peer.peer.source.file);
  for (const e of peer.exports) files.add(e.source.file);
  return [...files].sort();
}

/**
 * A key per peer that changes whenever anything in `common` or in its dependencies' folders changes
 * (`dependencyDigests`). The peer's own name comes first: peers with the same dependencies (a full mesh) have
 * different outputs.
 */
export function peerInputKeys(model: FederationModel, fileHashes: ReadonlyMap<string, string>, common: string, scope: DigestScope = 'folders'): Map<string, string> {
  const keys = new Map<string, string>();
  for (const [peer, digest] of dependencyDigests(model, fileHashes, scope)) {
    keys.set(peer, hash('sha256', `${peer}\0${common}\0${digest}`, 'base64'));
  }
  return keys;
}

/**
 * A key per peer that changes whenever anything its rendered output depends on changes: the root, the federation
 * file's content, its own folder and what it reads of its dependencies (`published`). Equal keys mean equal
 * rendered output.
 */
export function renderKeys(model: FederationModel, fileHashes: ReadonlyMap<string, string>): Map<string, string> {
  const prefix = model.root === '' ? '' : `${model.root}/`;
  return peerInputKeys(model, fileHashes, `render\0${model.root}\0${fileHashes.get(`${prefix}federation.yaml`) ?? '-'}`, 'published');
}
