import type { SourceFile } from '../../../core/source-file.js';
import type { GitHubClient } from '../github-client.js';
import { httpStatus } from '../http-status.js';
import type { RepoRef } from '../repo-ref.js';
import { readCommitTree } from './read-commit-tree.js';
import { RefNotFoundError } from './ref-not-found-error.js';
import { DEFAULT_TAR_LIMITS, extractTarGz, type TarLimits } from './tar-gz-reader.js';
import { archiveDifferences, ArchiveMismatchError } from './verify-archive.js';
import { compareStrings } from '../../../core/compare-strings.js';
import { isGitattributesPath } from '../../../core/consent/governed-paths.js';

export { RefNotFoundError } from './ref-not-found-error.js';

/**
 * The files meshfed needs from one commit, read with TWO API calls whatever the size of the federation:
 * `GET /repos/{owner}/{repo}/tarball/{ref}` (GitHub answers with a redirect to codeload; the archive is read
 * by tar-stream with our limits, tar-gz-reader.ts) and the commit's recursive tree, against which every selected
 * archived file is verified (verify-archive.ts: the archive honours `.gitattributes`, a checkout does not).
 * Reading each file through the git API would need a call per file.
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

export function selectionMatcher(selection: SnapshotSelection): (path: string) => boolean {
  const root = selection.root.replace(/^\/+|\/+$/g, '');
  const rootPrefix = root === '' || root === '.' ? '' : `${root}/`;
  return (path) =>
    path.startsWith(rootPrefix) ||
    isGitattributesPath(path) ||
    selection.extraPaths.some((p) => (p.endsWith('/') ? path.startsWith(p) : path === p));
}

export async function readRepoSnapshot(
  client: GitHubClient,
  repo: RepoRef,
  ref: string,
  selection: SnapshotSelection,
  limits: TarLimits = DEFAULT_TAR_LIMITS,
): Promise<RepoSnapshot> {
  const want = selectionMatcher(selection);
  const download = async (): Promise<unknown> => {
    try {
      return (await client.request('GET /repos/{owner}/{repo}/tarball/{ref}', { owner: repo.owner, repo: repo.repo, ref })).data;
    } catch (error) {
      if (httpStatus(error) === 404) throw new RefNotFoundError(ref, { cause: error });
      throw error;
    }
  };
  // Settle both before failing, so nothing keeps running after the evaluation reports the error.
  const [archive, tree] = await Promise.allSettled([download().then((data) => extractTarGz(toBytes(data), want, limits)), readCommitTree(client, repo, ref)]);
  if (archive.status === 'rejected') throw archive.reason;
  if (tree.status === 'rejected') throw tree.reason;
  const extracted = archive.value;
  const differences = archiveDifferences(extracted.blobs, tree.value, want);
  if (differences.length > 0) throw new ArchiveMismatchError(ref, differences);
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
