import { git } from './git-command.js';

/**
 * Repository-relative paths that differ between `base` and `head` (a ref), or between `base` and the
 * working tree (tracked changes and untracked, non-ignored files) when head is undefined.
 * Paths are relative to repoDir (which may be a subfolder of the work tree).
 * Renames are reported under both the old and the new path: both folders are touched.
 */
export async function changedFiles(repoDir: string, base: string, head: string | undefined): Promise<string[]> {
  const range = head === undefined ? [base] : [base, head];
  const diff = await git(repoDir, ['diff', '--name-status', '-z', '--no-renames', '--relative', ...range, '--']);
  const paths = new Set<string>();
  const fields = diff.split('\0').filter((f) => f !== '');
  for (let i = 0; i + 1 < fields.length; i += 2) paths.add(fields[i + 1] as string);
  if (head === undefined) {
    const untracked = await git(repoDir, ['ls-files', '--others', '--exclude-standard', '-z']);
    for (const p of untracked.split('\0')) if (p !== '') paths.add(p);
  }
  return [...paths].sort();
}
