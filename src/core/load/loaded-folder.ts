import { hash } from 'node:crypto';
import type { Diagnostic } from '../diagnostics.js';
import type { PeerModel, RejectedIntent } from '../model/federation-model.js';
import type { SourceFile } from '../source-file.js';

/**
 * What loading one peer folder contributed, kept in the compile cache (compile-cache.ts) under `folderKey`: all
 * of it depends only on the root and the folder's files (paths, contents, why one was not read), since the loader
 * reads a peer folder's files one after the other and nothing outside the folder changes what it makes of them.
 * The base and head of a change share all but a few folders: the base takes those PeerModels as they are instead
 * of assembling 1,000 peers again, and both models then hold the same PeerModel objects. Shared, never changed.
 */
export interface LoadedFolder {
  /** Undefined when the folder holds no YAML file (it is then not a peer). */
  readonly peer: PeerModel | undefined;
  /** Load findings at the folder's files (parse, schema, placement), with their paths. */
  readonly diagnostics: readonly Diagnostic[];
  readonly rejected: readonly RejectedIntent[];
  /** The paths whose content hash the loader records (load-federation.ts `fileHashes`). */
  readonly hashed: readonly string[];
  /** The compile cache keys of the file outcomes the PeerModel's intents come from: it is kept only while they are. */
  readonly fileKeys: readonly string[];
}

/** The key of a peer folder's load: the root, and every file's path and content hash (or why it was not read). */
export function folderKey(root: string, files: readonly SourceFile[], hashOf: (file: SourceFile) => string): string {
  const parts = [JSON.stringify(root)];
  for (const f of files) parts.push(f.path, f.unread === undefined ? hashOf(f) : `unread:${JSON.stringify(f.unread)}`);
  return hash('sha256', parts.join('\0'), 'base64');
}
