import type { SourceFile } from '../../core/source-file.js';
import type { GitHubClient } from './github-client.js';
import { httpStatus } from './http-status.js';
import type { RepoRef } from './repo-ref.js';
import { DEFAULT_TAR_LIMITS, extractTarGz, type TarLimits } from './tar-gz-reader.js';
import { compareStrings } from '../../core/compare-strings.js';

/**
 * The files meshfed needs from one commit, read with ONE API call whatever the size of the federation:
 * `GET /repos/{owner}/{repo}/tarball/{ref}` (GitHub answers with a redirect to codeload; the archive is read
 * by tar-stream with our limits, tar-gz-reader.ts). The git trees API would need a call per file.
 */
export interface RepoSnapshot {
  /** The commit SHA (or ref) that was read. */
  readonly ref: string;
  /**
   * Every selected file (federation root, CODEOWNERS, workflows), repository-relative path -> source.
   * Oversized files and links are present with `unread` set and empty content.
   */
  readonly files: ReadonlyMap<string, SourceFile>;
}

export interface SnapshotSelection {
  /** Federation folder, e.g. `federation`. */
  readonly root: string;
  /** Other paths the bot must see: exact paths, or folder prefixes ending in "/". */
  readonly extraPaths: readonly string[];
}

export class RefNotFoundError extends Error {
  constructor(
    readonly ref: string,
    options?: { cause?: unknown },
  ) {
    super(`commit ${ref} is not in the repository any more (force-pushed, or its branch was deleted)`, options);
    this.name = 'RefNotFoundError';
  }
}

export function selectionMatcher(selection: SnapshotSelection): (path: string) => boolean {
  const root = selection.root.replace(/^\/+|\/+$/g, '');
  const rootPrefix = root === '' || root === '.' ? '' : `${root}/`;
  return (path) =>
    path.startsWith(rootPrefix) ||
    selection.extraPaths.some((p) => (p.endsWith('/') ? path.startsWith(p) : path === p));
}

export async function readRepoSnapshot(
  client: GitHubClient,
  repo: RepoRef,
  ref: string,
  selection: SnapshotSelection,
  limits: TarLimits = DEFAULT_TAR_LIMITS,
): Promise<RepoSnapshot> {
  let data: unknown;
  try {
    const response = await client.request('GET /repos/{owner}/{repo}/tarball/{ref}', { owner: repo.owner, repo: repo.repo, ref });
    data = response.data;
  } catch (error) {
    if (httpStatus(error) === 404) throw new RefNotFoundError(ref, { cause: error });
    throw error;
  }
  const bytes = toBytes(data);
  const extracted = await extractTarGz(bytes, selectionMatcher(selection), limits);
  const files = new Map<string, SourceFile>();
  const decoder = new TextDecoder('utf-8');
  for (const [path, content] of extracted.files) files.set(path, { path, content: decoder.decode(content) });
  for (const o of extracted.oversized) files.set(o.path, { path: o.path, content: '', unread: { reason: 'too-large', bytes: o.size } });
  for (const l of extracted.links) files.set(l.path, { path: l.path, content: '', unread: { reason: 'symlink', target: l.target } });
  return { ref, files: new Map([...files].sort(([a], [b]) => compareStrings(a, b))) };
}

/** The snapshot's files inside the federation root, in path order: the input of `compileFederation`. */
export function federationFiles(snapshot: RepoSnapshot, root: string): SourceFile[] {
  const match = selectionMatcher({ root, extraPaths: [] });
  return [...snapshot.files.values()].filter((f) => match(f.path));
}

function toBytes(data: unknown): Uint8Array {
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (typeof data === 'string') return Buffer.from(data, 'binary');
  throw new TypeError('GitHub answered the tarball request with something that is not an archive');
}
