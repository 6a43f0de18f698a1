import type { RepoSnapshot } from './read-repo-snapshot.js';

/**
 * Paths that differ between two snapshots of the same selection (added, deleted or modified; a rename is its
 * old and its new path). Computed from the archives already downloaded: no "list files" call, no 3000-file cap.
 */
export function changedPaths(before: RepoSnapshot | undefined, after: RepoSnapshot): string[] {
  const out = new Set<string>();
  const old = before?.files ?? new Map();
  for (const [path, file] of after.files) {
    const prev = old.get(path);
    if (prev === undefined || prev.content !== file.content || JSON.stringify(prev.unread) !== JSON.stringify(file.unread)) out.add(path);
  }
  for (const path of old.keys()) if (!after.files.has(path)) out.add(path);
  return [...out].sort();
}
