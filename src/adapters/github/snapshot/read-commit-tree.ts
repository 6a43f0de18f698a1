import type { GitHubClient } from '../github-client.js';
import { httpStatus } from '../http-status.js';
import { TreeTooLargeError } from './read-limits.js';
import { RefNotFoundError } from './ref-not-found-error.js';
import type { RepoRef } from '../repo-ref.js';

/** One entry of a commit's recursive git tree, as `GET /repos/{o}/{r}/git/trees/{sha}?recursive=1` lists it. */
export interface TreeEntry {
  readonly path: string;
  /** `100644`, `100755` (files), `120000` (symbolic link), `160000` (submodule), `040000` (tree). */
  readonly mode: string;
  readonly type: 'blob' | 'tree' | 'commit';
  /** The git object id (for a blob: SHA-1 of `blob <size>\0<content>`). */
  readonly sha: string;
}

/**
 * Every path of the commit with its git object id: what a checkout of the commit contains, byte for byte (the
 * runner's `actions/checkout` writes these blobs), against which the archive is verified (verify-archive.ts).
 * GitHub answers `truncated: true` when the tree has more than 100,000 entries or 7 MB
 * (https://docs.github.com/rest/git/trees#get-a-tree): the listing is then incomplete and nothing can be
 * verified, so the evaluation stops (fail closed) instead of trusting the archive.
 */
export async function readCommitTree(client: GitHubClient, repo: RepoRef, commit: string): Promise<TreeEntry[]> {
  let data;
  try {
    ({ data } = await client.request('GET /repos/{owner}/{repo}/git/trees/{tree_sha}', { owner: repo.owner, repo: repo.repo, tree_sha: commit, recursive: '1' }));
  } catch (error) {
    if (httpStatus(error) === 404) throw new RefNotFoundError(commit, { cause: error });
    throw error;
  }
  if (data.truncated) {
    throw new TreeTooLargeError(
      'truncatedTree',
      data.tree.length,
      `GitHub lists the tree of ${commit.slice(0, 7)} only in part (more than 100,000 entries or 7 MB), so meshfed cannot check that the archive holds every file of the commit`,
    );
  }
  return data.tree.flatMap((e) =>
    e.path !== undefined && e.sha !== undefined && e.mode !== undefined && (e.type === 'blob' || e.type === 'tree' || e.type === 'commit')
      ? [{ path: e.path, mode: e.mode, type: e.type, sha: e.sha }]
      : [],
  );
}
