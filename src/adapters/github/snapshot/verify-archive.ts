import type { ArchivedBlob } from './tar-gz-reader.js';
import type { TreeEntry } from './read-commit-tree.js';

/**
 * The bot must judge exactly the bytes a peer's runner applies. The runner checks the commit out (git blobs);
 * the bot reads GitHub's tarball, which `git archive` makes and which honours `.gitattributes`: `export-ignore`
 * leaves files out, `export-subst` rewrites their bytes. So every archived file the bot selects is compared with
 * the commit's tree (path, kind, blob id), and every selected blob of the tree must be in the archive.
 * Any difference refuses the evaluation: meshfed/validate and meshfed/consent fail and name the files.
 */
export class ArchiveMismatchError extends Error {
  constructor(
    readonly commit: string,
    readonly differences: readonly string[],
  ) {
    const shown = differences.slice(0, 20);
    super(
      `the archive GitHub serves for ${commit.slice(0, 7)} differs from the commit's files, so meshfed cannot see what a runner would apply ` +
        `(a .gitattributes export-ignore or export-subst rule does this): ${shown.join('; ')}` +
        (differences.length > shown.length ? `; and ${differences.length - shown.length} more` : ''),
    );
    this.name = 'ArchiveMismatchError';
  }
}

/** Compares the selected entries of the archive with the selected entries of the commit's tree. */
export function archiveDifferences(
  archived: ReadonlyMap<string, ArchivedBlob>,
  tree: readonly TreeEntry[],
  selected: (path: string) => boolean,
): string[] {
  const out: string[] = [];
  const inTree = new Map<string, TreeEntry>();
  for (const e of tree) {
    if (e.type === 'tree' || !selected(e.path)) continue;
    inTree.set(e.path, e);
    if (e.type === 'commit') {
      out.push(`${e.path} is a submodule, whose files meshfed cannot read`);
      continue;
    }
    const a = archived.get(e.path);
    const kind = e.mode === '120000' ? 'symlink' : 'file';
    if (a === undefined) out.push(`${e.path} is in the commit but missing from the archive`);
    else if (a.kind !== kind) out.push(`${e.path} is a ${kind} in the commit but a ${a.kind} in the archive`);
    else if (a.blobSha !== e.sha) out.push(`${e.path} has other content in the archive than in the commit (blob ${e.sha.slice(0, 7)}, archived ${a.blobSha.slice(0, 7)})`);
  }
  for (const path of archived.keys()) if (!inTree.has(path)) out.push(`${path} is in the archive but not in the commit`);
  return out.sort();
}
