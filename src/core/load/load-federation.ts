import { contentHash, type CompileCache } from '../compile-cache.js';
import { compareStrings } from '../compare-strings.js';
import { diagnostic, sortDiagnostics, type Diagnostic } from '../diagnostics.js';
import type { EdgeGatewayIntent } from '../intents/edge-gateway-schema.js';
import type { FederationIntent } from '../intents/federation-schema.js';
import type { IntentKind } from '../intents/intent-kinds.js';
import type { PeerIntent } from '../intents/peer-schema.js';
import type { ServiceExportIntent } from '../intents/service-export-schema.js';
import type { ServiceImportIntent } from '../intents/service-import-schema.js';
import type { FederationModel, IntentSource } from '../model/federation-model.js';
import { DEFAULT_FEDERATION_ROOT, MAX_FEDERATION_PEERS, MAX_FILES, type SourceFile } from '../source-file.js';
import { classifyPath, isYamlPath, normalizeRoot, type FileRole } from './classify-path.js';
import { atPath, fileOutcome, type DocumentOutcome, type FileOutcome, type FilePlace } from './file-outcome.js';
import { emptyFileDiagnostic, holdsNoDocument, intentLookingFilesNotRead } from './files-without-intents.js';
import { folderKey } from './loaded-folder.js';
import { ModelBuilder } from './model-builder.js';

export interface LoadOptions {
  /** Repository-relative folder holding federation.yaml and peers/. Default `federation`. */
  readonly root?: string;
  /** Outcomes of file contents seen before (compile-cache.ts): each distinct content is parsed once. */
  readonly cache?: CompileCache;
  /** Content hashes by path, when the caller has them already (`contentHash`). */
  readonly contentHashes?: ReadonlyMap<string, string>;
}

export interface LoadResult {
  readonly model: FederationModel;
  /** Parse, placement and schema problems, sorted. Cross-intent rules are validateFederation's job. */
  readonly diagnostics: Diagnostic[];
  /** Content hash of every file read, by path (only with a cache: the keys of incremental render). */
  readonly fileHashes?: ReadonlyMap<string, string>;
  /**
   * Set when the loader refused the federation as a whole (over a limit): the model is empty because nothing was
   * read, not because nothing is there, so cross-intent rules must not run on it ("no Federation intent").
   */
  readonly refused?: true;
}

/**
 * Reads the federation from source files: classifies each file by location, parses it, checks each document's
 * apiVersion, kind and placement, then its kind's schema. Only intents that pass everything enter the model.
 * Never throws; the same files in any order give the same result.
 */
export function loadFederation(files: readonly SourceFile[], options: LoadOptions = {}): LoadResult {
  const root = normalizeRoot(options.root ?? DEFAULT_FEDERATION_ROOT);
  const loader = new Loader(root, options.cache, options.contentHashes);
  const sorted = [...files].sort((a, b) => compareStrings(a.path, b.path));
  const inRoot = sorted.filter((f) => classifyPath(f.path, root).role !== 'outside');
  if (inRoot.length > MAX_FILES) {
    // Bounded work for the bot and the runner: refuse outright rather than read part of a federation.
    const first = inRoot[0] as SourceFile;
    const d = diagnostic(first.path, { line: 1, col: 1 }, 'load/too-many-files',
      `the federation has ${inRoot.length} files, more than the ${MAX_FILES} meshfed reads (it is built for federations of up to ${MAX_FEDERATION_PEERS} peers)`,
      'put several intents in one file (documents separated by "---"), or split the federation');
    return { model: new ModelBuilder(root).build(), diagnostics: [d], refused: true };
  }
  for (let i = 0; i < sorted.length; ) {
    // A peer folder's files come one after the other (sorted by path): with a cache, the folder is loaded as one.
    const folder = loader.peerFolderOf((sorted[i] as SourceFile).path);
    let end = i + 1;
    const inBlock = folder === undefined ? (path: string) => path === (sorted[i] as SourceFile).path : (path: string) => path.startsWith(folder.prefix);
    while (end < sorted.length && inBlock((sorted[end] as SourceFile).path)) end++;
    if (folder !== undefined && options.cache !== undefined) loader.loadFolder(folder.peer, sorted.slice(i, end), options.cache);
    else loader.loadFiles(sorted.slice(i, end));
    i = end;
  }
  loader.diagnostics.push(...intentLookingFilesNotRead(sorted, root));
  const result = { model: loader.builder.build(), diagnostics: dedupe(sortDiagnostics(loader.diagnostics)) };
  return options.cache === undefined ? result : { ...result, fileHashes: loader.fileHashes };
}

class Loader {
  readonly builder: ModelBuilder;
  readonly diagnostics: Diagnostic[] = [];
  private federationCount = 0;
  private readonly peerCounts = new Map<string, number>();
  readonly fileHashes = new Map<string, string>();
  /** While a peer folder loads through the cache: the keys of the file outcomes its intents come from. */
  private outcomeKeys: string[] | undefined;

  constructor(
    private readonly root: string,
    private readonly cache: CompileCache | undefined,
    private readonly knownHashes: ReadonlyMap<string, string> | undefined,
  ) {
    this.builder = new ModelBuilder(root);
  }

  private get prefix(): string {
    return this.root === '' ? '' : `${this.root}/`;
  }

  /** The peer folder `path` is in (`<root>/peers/<peer>/...`), with the prefix every path in it starts with. */
  peerFolderOf(path: string): { peer: string; prefix: string } | undefined {
    const peers = `${this.prefix}peers/`;
    if (!path.startsWith(peers)) return undefined;
    const slash = path.indexOf('/', peers.length);
    return slash <= peers.length ? undefined : { peer: path.slice(peers.length, slash), prefix: path.slice(0, slash + 1) };
  }

  /** Files in path order; the same path twice is reported, and read once. */
  loadFiles(files: readonly SourceFile[]): void {
    let previous: string | undefined;
    for (const file of files) {
      if (file.path === previous) {
        this.diagnostics.push(
          diagnostic(file.path, { line: 1, col: 1 }, 'load/duplicate-path', 'the same file was supplied twice', 'this is a bug in the source adapter: report it'),
        );
        continue;
      }
      previous = file.path;
      this.loadFile(file);
    }
  }

  /**
   * All the files of peer folder `peer`, taken from the cache when the folder was loaded before with the same
   * files (loaded-folder.ts): then its PeerModel, findings and rejected documents are the ones of that time.
   */
  loadFolder(peer: string, files: readonly SourceFile[], cache: CompileCache): void {
    const key = folderKey(this.root, files, (f) => this.hashOf(f));
    const known = cache.loadedFolder(key);
    if (known !== undefined) {
      this.builder.addSealedPeer(peer, known.peer, known.rejected);
      this.diagnostics.push(...known.diagnostics);
      for (const f of files) if (known.hashed.includes(f.path)) this.fileHashes.set(f.path, this.hashOf(f));
      return;
    }
    const [diagnostics, rejected] = [this.diagnostics.length, this.builder.rejectedCount];
    const fileKeys: string[] = [];
    this.outcomeKeys = fileKeys;
    this.loadFiles(files);
    this.outcomeKeys = undefined;
    cache.rememberLoadedFolder(key, {
      peer: this.builder.sealPeer(peer),
      diagnostics: this.diagnostics.slice(diagnostics),
      rejected: this.builder.rejectedSince(rejected),
      hashed: files.filter((f, i) => this.fileHashes.has(f.path) && files[i - 1]?.path !== f.path).map((f) => f.path),
      fileKeys,
    });
  }

  private hashOf(file: SourceFile): string {
    return this.knownHashes?.get(file.path) ?? contentHash(file.content);
  }

  loadFile(file: SourceFile): void {
    const role = classifyPath(file.path, this.root);
    if (role.role === 'outside') return;
    if ((role.role === 'other' || role.role === 'misplaced' || role.role === 'peer') && role.peer !== undefined) {
      this.builder.addPeerFile(role.peer, file.path, isYamlPath(file.path));
    }
    if (role.role === 'other') return;
    if (role.role === 'misplaced') {
      this.diagnostics.push(
        diagnostic(file.path, { line: 1, col: 1 }, 'load/misplaced-file', 'intent files cannot live here, so this file is not read', role.hint),
      );
      this.builder.reject({ file: file.path, peer: role.peer, kind: undefined, name: undefined });
      return;
    }
    if (file.unread === undefined && holdsNoDocument(file.content)) {
      if (this.cache !== undefined) this.fileHashes.set(file.path, this.hashOf(file));
      const empty = emptyFileDiagnostic(file.path, role);
      this.diagnostics.push(empty.diagnostic);
      if (empty.mustHold) this.builder.reject({ file: file.path, peer: role.role === 'peer' ? role.peer : undefined, kind: empty.mustHold, name: undefined });
      return;
    }
    const place: FilePlace = role.role === 'federation' ? 'federation' : role.peerFile ? 'peer-file' : 'peer';
    const outcome = this.outcome(file, place);
    if (outcome.parseDiagnostics.length > 0) this.diagnostics.push(...atPath(outcome.parseDiagnostics, file.path));
    const peer = role.role === 'peer' ? role.peer : undefined;
    if (outcome.unparsable) this.builder.reject({ file: file.path, peer, kind: undefined, name: undefined });
    for (const doc of outcome.documents) this.loadDocument(file.path, doc, role);
  }

  /** Parse and schema outcome of the file: from the cache when this content was seen in this place before. */
  private outcome(file: SourceFile, place: FilePlace): FileOutcome {
    if (this.cache === undefined || file.unread !== undefined) return fileOutcome(file, place);
    const hash = this.hashOf(file);
    this.fileHashes.set(file.path, hash);
    const key = `${place}:${hash}`;
    this.outcomeKeys?.push(key);
    return this.cache.fileOutcome(key, file.content.length, () => fileOutcome(file, place));
  }

  private loadDocument(path: string, doc: DocumentOutcome, role: Exclude<FileRole, { role: 'outside' | 'other' | 'misplaced' }>): void {
    const peer = role.role === 'peer' ? role.peer : undefined;
    const kind = doc.kind;
    const found = doc.diagnostics.length > 0 ? atPath(doc.diagnostics, path) : [];
    if (kind !== undefined) found.push(...this.placement(path, doc, role, kind));
    if (!doc.accepted || found.some((d) => d.severity === 'error')) {
      this.diagnostics.push(...found);
      this.builder.reject({ file: path, peer, kind: doc.rawKind, name: doc.rawName });
      return;
    }
    this.diagnostics.push(...found);

    const source: IntentSource = { file: path, docIndex: doc.index, locate: doc.locate, locateKey: doc.locateKey };
    const data: unknown = doc.data;
    if (kind === 'Federation') this.builder.setFederation({ value: data as FederationIntent, source });
    else if (peer === undefined) return;
    else if (kind === 'Peer') this.builder.setPeer(peer, { value: data as PeerIntent, source });
    else if (kind === 'ServiceExport') this.builder.addExport(peer, { value: data as ServiceExportIntent, source });
    else if (kind === 'ServiceImport') this.builder.addImport(peer, { value: data as ServiceImportIntent, source });
    else this.builder.addGateway(peer, { value: data as EdgeGatewayIntent, source });
  }

  /** Each kind has one place: Federation in federation.yaml (once), a Peer in its folder's peer.yaml (once). */
  private placement(path: string, doc: DocumentOutcome, role: Exclude<FileRole, { role: 'outside' | 'other' | 'misplaced' }>, kind: IntentKind): Diagnostic[] {
    // Positions cost a second parse of the file: only ask for one when there is something to report.
    const here = (code: string, message: string, hint: string) => [diagnostic(path, doc.locate(['kind']), code, message, hint)];
    const federationFile = `${this.prefix}federation.yaml`;
    if (role.role === 'federation') {
      if (kind !== 'Federation') {
        return here('load/kind-misplaced', `a ${kind} cannot live in ${federationFile}`, `move it to ${this.prefix}peers/<peer>/${kind === 'Peer' ? 'peer.yaml' : '<file>.yaml'}`);
      }
      this.federationCount++;
      if (this.federationCount > 1) {
        return here('load/duplicate-federation', 'a second Federation document', `keep exactly one Federation in ${federationFile}`);
      }
      return [];
    }
    const peerFile = `${this.prefix}peers/${role.peer}/peer.yaml`;
    if (kind === 'Federation') return here('load/kind-misplaced', 'a Federation cannot live in a peer folder', `move it to ${federationFile}`);
    if (kind === 'Peer') {
      if (!role.peerFile) return here('load/kind-misplaced', 'a Peer must be in its folder\'s peer.yaml', `move it to ${peerFile}`);
      const n = (this.peerCounts.get(role.peer) ?? 0) + 1;
      this.peerCounts.set(role.peer, n);
      if (n > 1) return here('load/duplicate-peer', 'a second Peer document', `keep exactly one Peer in ${peerFile}`);
    }
    return [];
  }
}

function dedupe(ds: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return ds.filter((d) => {
    const key = `${d.file}\0${d.line}\0${d.col}\0${d.code}\0${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
