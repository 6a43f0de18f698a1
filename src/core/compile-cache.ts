import { createHash, hash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Diagnostic } from './diagnostics.js';
import type { FileOutcome } from './load/file-outcome.js';
import type { LoadedFolder } from './load/loaded-folder.js';
import type { CompileResult } from './pipeline.js';
import type { RenderedObject } from './render/rendered-object.js';
import type { ValidationCache } from './validate/validation-keys.js';

/**
 * What compilations in one process share (docs/benchmarks.md, "Incremental by content"):
 * - per distinct file content (and place in the tree), its parse and schema outcome: base and head of a change
 *   share all but a few files, and a warm bot sees the same files event after event;
 * - per peer render key (render-inputs.ts: the content of everything the peer's output depends on), its
 *   rendered objects: only peers whose inputs changed are rendered again;
 * - per peer folder (its paths and content hashes), the loaded PeerModel and the folder's load findings: a peer
 *   whose folder did not change is not assembled again, and both sides of a change share its PeerModel. A
 *   PeerModel holds its files' parsed intents, so a folder is kept only while every file outcome it was built from
 *   is: it never keeps parsed files alive beyond the source-character bound;
 * - per peer validation key (validation-keys.ts), the findings of its peer rules: only peers whose inputs
 *   changed are validated again.
 * All are least-recently-used and bounded (source characters, rendered objects, peers), so a long-lived process
 * stays within its memory whatever it compiles. Keys are SHA-256 digests of the content, so equal keys mean equal input.
 * Cached values are shared and must never be mutated (test/core/compile-cache.test.ts freezes them).
 */
export interface CompileCacheLimits {
  /** Most characters of YAML whose outcomes are kept (an outcome weighs several times its text in memory). */
  readonly maxSourceChars: number;
  /** Most rendered objects kept. */
  readonly maxRenderedObjects: number;
  /**
   * Most peer folders whose loaded model, and separately whose validation findings, are kept (a diagnostic weighs
   * as one more peer; most peers have none). A loaded folder also goes when one of its file outcomes goes.
   */
  readonly maxPeers: number;
}

/**
 * For a process that compiles once or twice and exits (the CLI, the runner): keep everything it reads. A
 * federation of 10,000 peers is about 73 million characters of YAML and 870,000 rendered objects.
 */
export const WHOLE_RUN_CACHE_LIMITS: CompileCacheLimits = { maxSourceChars: 512 * 1024 * 1024, maxRenderedObjects: 10_000_000, maxPeers: 1_000_000 };

/**
 * For a long-lived process with `memoryMb` of memory (a warm Lambda, the dev server): about a third of it for the
 * cache. Measured on the bench federation (docs/benchmarks.md): a cached 1,000-peer federation (7.2 million
 * characters, 87,000 objects) takes about 160 MB of heap, so 512 MB keeps one such federation with its next
 * versions, and the cache grows with the memory the function is given. A validated peer without findings costs
 * its key and an entry (~200 bytes), a loaded folder its PeerModel's arrays (the intents are the file outcomes',
 * which bound it): 512 MB keeps about 20,000 of each, two 10,000-peer versions.
 */
export function longLivedCacheLimits(memoryMb: number): CompileCacheLimits {
  const mb = Math.max(128, memoryMb);
  return { maxSourceChars: mb * 16_000, maxRenderedObjects: mb * 200, maxPeers: mb * 40 };
}

export interface CompileCacheStats {
  fileHits: number;
  fileMisses: number;
  peerHits: number;
  peerMisses: number;
  folderHits: number;
  folderMisses: number;
  validationHits: number;
  validationMisses: number;
  resultHits: number;
}

/**
 * Compilations kept whole: a pull request event compiles the base tip, the merge base and the head; the next event
 * on the same pull request usually has the same base. Their parts are shared with the file and peer caches, so a
 * kept result costs little more than its diagnostics and maps.
 */
const MAX_CACHED_RESULTS = 8;

export class CompileCache implements ValidationCache {
  private readonly files: LRUCache<string, FileOutcome>;
  private readonly peers: LRUCache<string, readonly RenderedObject[]>;
  private readonly validations: LRUCache<string, readonly Diagnostic[]>;
  private readonly folders: LRUCache<string, LoadedFolder>;
  /** File outcome key -> the keys of the loaded folders built from it. */
  private readonly foldersByFile = new Map<string, Set<string>>();
  /** Whole compilations by the content of every file: a base branch that has not moved is not validated again. */
  private readonly results = new LRUCache<string, CompileResult>({ max: MAX_CACHED_RESULTS });
  readonly stats: CompileCacheStats = { fileHits: 0, fileMisses: 0, peerHits: 0, peerMisses: 0, folderHits: 0, folderMisses: 0, validationHits: 0, validationMisses: 0, resultHits: 0 };

  constructor(readonly limits: CompileCacheLimits) {
    // A folder's PeerModel holds the intents of its files' outcomes: when one goes, so do the folders built from it.
    this.files = new LRUCache({ maxSize: Math.max(1, limits.maxSourceChars), dispose: (_outcome, key) => this.forgetFoldersOf(key) });
    this.peers = new LRUCache({ maxSize: Math.max(1, limits.maxRenderedObjects) });
    this.validations = new LRUCache({ maxSize: Math.max(1, limits.maxPeers) });
    this.folders = new LRUCache({
      maxSize: Math.max(1, limits.maxPeers),
      dispose: (folder, key) => {
        for (const file of folder.fileKeys) this.foldersByFile.get(file)?.delete(key);
      },
    });
  }

  /** The compilation of exactly these files (key: `federationKey`), or `compute()` remembered under it. */
  compiled(key: string, compute: () => CompileResult): CompileResult {
    const hit = this.results.get(key);
    if (hit !== undefined) {
      this.stats.resultHits++;
      return hit;
    }
    const result = compute();
    this.results.set(key, result);
    return result;
  }

  /** The outcome cached under `key`, or `compute()` cached under it (weighed by `chars`). */
  fileOutcome(key: string, chars: number, compute: () => FileOutcome): FileOutcome {
    const hit = this.files.get(key);
    if (hit !== undefined) this.stats.fileHits++;
    return hit ?? remember(this.files, key, compute(), chars, () => this.stats.fileMisses++);
  }

  /** The objects rendered for a peer under render key `key`, or `compute()` cached under it. */
  renderedPeer(key: string, compute: () => readonly RenderedObject[]): readonly RenderedObject[] {
    const hit = this.peers.get(key);
    if (hit !== undefined) this.stats.peerHits++;
    return hit ?? remember(this.peers, key, compute(), -1, () => this.stats.peerMisses++);
  }

  /** A peer folder loaded before with exactly these files (key: load/loaded-folder.ts `folderKey`), if still kept. */
  loadedFolder(key: string): LoadedFolder | undefined {
    const hit = this.folders.get(key);
    if (hit !== undefined) this.stats.folderHits++;
    return hit;
  }

  /** Keeps `folder` while every file outcome it was built from (`folder.fileKeys`) is kept. */
  rememberLoadedFolder(key: string, folder: LoadedFolder): void {
    this.stats.folderMisses++;
    if (!folder.fileKeys.every((file) => this.files.has(file))) return;
    const size = folder.diagnostics.length + 1;
    if (size >= this.folders.maxSize) return;
    this.folders.set(key, Object.freeze(folder), { size });
    for (const file of folder.fileKeys) {
      let keys = this.foldersByFile.get(file);
      if (keys === undefined) this.foldersByFile.set(file, (keys = new Set()));
      keys.add(key);
    }
  }

  private forgetFoldersOf(file: string): void {
    const keys = this.foldersByFile.get(file);
    this.foldersByFile.delete(file);
    for (const key of keys ?? []) this.folders.delete(key);
  }

  /** The findings of a peer's rules validated before under validation key `key`, if still kept. */
  validatedPeer(key: string): readonly Diagnostic[] | undefined {
    const hit = this.validations.get(key);
    if (hit !== undefined) this.stats.validationHits++;
    return hit;
  }

  rememberValidatedPeer(key: string, diagnostics: readonly Diagnostic[]): void {
    remember(this.validations, key, Object.isFrozen(diagnostics) ? diagnostics : Object.freeze([...diagnostics]), diagnostics.length + 1, () => this.stats.validationMisses++);
  }

  /** What is kept now: source characters, rendered objects, and the weights of loaded folders and validated peers. */
  get size(): { readonly sourceChars: number; readonly renderedObjects: number; readonly loadedFolders: number; readonly validatedPeers: number } {
    return {
      sourceChars: this.files.calculatedSize,
      renderedObjects: this.peers.calculatedSize,
      loadedFolders: this.folders.calculatedSize,
      validatedPeers: this.validations.calculatedSize,
    };
  }
}

/** Keeps `value` unless it alone outweighs the cache (`weight` -1: its length). */
function remember<V extends object>(cache: LRUCache<string, V>, key: string, value: V, weight: number, counted: () => void): V {
  counted();
  const size = Math.max(1, weight < 0 ? (value as readonly unknown[]).length : weight);
  if (size < cache.maxSize) cache.set(key, value, { size });
  return value;
}

/**
 * The key of a file's content. `hash` is Node's one-shot digest (20.12+): about half the cost of `createHash` for the
 * short inputs meshfed hashes by the thousand (file contents, folder and peer digests, names).
 */
export function contentHash(content: string): string {
  return hash('sha256', content, 'base64');
}

/** The key of a whole compilation: its options and every file's path and content hash (or why it was not read). */
export function federationKey(options: string, files: readonly { readonly path: string; readonly hash: string }[]): string {
  const h = createHash('sha256').update(options);
  for (const f of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) h.update(`\0${f.path}\0${f.hash}`);
  return h.digest('base64');
}
