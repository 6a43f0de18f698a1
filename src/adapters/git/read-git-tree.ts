import path from 'node:path';
import { normalizeRoot } from '../../core/load/classify-path.js';
import { DEFAULT_FEDERATION_ROOT, MAX_FILE_BYTES, type SourceFile } from '../../core/source-file.js';
import { decodeUtf8 } from '../fs/read-federation-dir.js';
import { gitBlobSha } from './git-blob-sha.js';
import { gitBuffer } from './git-command.js';
import { compareStrings } from '../../core/compare-strings.js';

interface TreeEntry {
  readonly mode: string;
  readonly oid: string;
  readonly size: number;
  readonly path: string;
}

/**
 * Reads every file under `root` at git `ref` (a branch, tag or commit) with the real `git` binary: one
 * `git ls-tree` for the listing and sizes, one `git cat-file --batch` for the contents. Files over
 * MAX_FILE_BYTES are never fetched (handed over marked too large); symbolic links are followed only to files
 * inside the federation tree at the same ref; submodules are skipped. Paths are repository-relative, sorted.
 */
export interface ReadGitTreeOptions {
  /**
   * Files already in memory (the working tree's, when a plan compares it with a ref): a blob whose git object id
   * is that of one of them is taken from it instead of being read from git again. Most files of a change are.
   */
  readonly known?: readonly SourceFile[];
  /** The tree's listing, from an earlier `listGitTree` (a plan lists the base while it compiles the head). */
  readonly listing?: GitTreeListing;
}

/** What `git ls-tree` says of `root` at `ref`: every entry's mode, object id and size. */
export interface GitTreeListing {
  readonly prefix: string;
  readonly entries: readonly TreeEntry[];
}

export async function listGitTree(repoDir: string, ref: string, root: string = DEFAULT_FEDERATION_ROOT): Promise<GitTreeListing> {
  const commit = await resolveCommit(repoDir, ref);
  const prefix = normalizeRoot(root);
  const listing = await gitBuffer(repoDir, ['ls-tree', '-r', '-z', '--long', '--full-tree', commit, ...(prefix ? ['--', prefix] : [])]);
  return { prefix, entries: parseLsTree(listing).filter((e) => prefix === '' || e.path.startsWith(`${prefix}/`)) };
}

export async function readGitTree(repoDir: string, ref: string, root: string = DEFAULT_FEDERATION_ROOT, options: ReadGitTreeOptions = {}): Promise<SourceFile[]> {
  const { prefix, entries } = options.listing ?? (await listGitTree(repoDir, ref, root));

  const wanted = entries.filter((e) => (e.mode === '100644' || e.mode === '100755' || e.mode === '120000') && e.size <= MAX_FILE_BYTES);
  const known = new Map<string, string>();
  for (const f of options.known ?? []) if (f.unread === undefined) known.set(gitBlobSha(f.content), f.content);
  const blobs = await catFileBatch(repoDir, [...new Set(wanted.map((e) => e.oid))].filter((oid) => !known.has(oid)));
  const text = (oid: string): string | undefined => {
    const blob = blobs.get(oid);
    return known.get(oid) ?? (blob === undefined ? undefined : decodeUtf8(blob));
  };
  const byPath = new Map(entries.map((e) => [e.path, e]));

  const files: SourceFile[] = [];
  for (const e of entries) {
    if (e.mode === '160000' || e.mode === '040000') continue; // submodule, tree
    if (e.size > MAX_FILE_BYTES) {
      files.push({ path: e.path, content: '', unread: { reason: 'too-large', bytes: e.size } });
      continue;
    }
    const content = text(e.oid);
    if (content === undefined) throw new Error(`git cat-file did not return ${e.oid} (${e.path}) at ${ref}`);
    if (e.mode !== '120000') {
      files.push({ path: e.path, content });
      continue;
    }
    const target = content;
    const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(e.path), target));
    const dest = byPath.get(resolved);
    const inside = (prefix === '' || resolved.startsWith(`${prefix}/`)) && !path.posix.isAbsolute(target) && !resolved.startsWith('../');
    const destText = dest && (dest.mode === '100644' || dest.mode === '100755') ? text(dest.oid) : undefined;
    if (inside && dest && dest.size > MAX_FILE_BYTES) files.push({ path: e.path, content: '', unread: { reason: 'too-large', bytes: dest.size } });
    else if (inside && destText !== undefined) files.push({ path: e.path, content: destText });
    else files.push({ path: e.path, content: '', unread: { reason: 'symlink', target } });
  }
  return files.sort((a, b) => compareStrings(a.path, b.path));
}

/** The commit a ref names, or a clear error when it does not exist. */
export async function resolveCommit(repoDir: string, ref: string): Promise<string> {
  if (ref === '' || ref.startsWith('-') || /[\0\n\r]/.test(ref)) {
    throw new Error(`"${ref}" is not a git ref: name a branch, tag or commit`);
  }
  try {
    const out = await gitBuffer(repoDir, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
    return out.toString('utf8').trim();
  } catch (cause) {
    if (cause instanceof Error && /not a git repository/i.test(cause.message)) {
      throw new Error(`${repoDir} is not a git repository`, { cause });
    }
    throw new Error(`git ref "${ref}" does not exist in ${repoDir} (fetch it first, e.g. git fetch origin ${ref})`, { cause });
  }
}

/** `<mode> SP <type> SP <oid> SP+ <size> TAB <path> NUL`, repeated. */
function parseLsTree(out: Buffer): TreeEntry[] {
  const entries: TreeEntry[] = [];
  for (const record of out.toString('utf8').split('\0')) {
    if (record === '') continue;
    const tab = record.indexOf('\t');
    const [mode = '', , oid = '', size = '-'] = record.slice(0, tab).split(/ +/);
    entries.push({ mode, oid, size: size === '-' ? 0 : Number(size), path: record.slice(tab + 1) });
  }
  return entries;
}

/** Contents of the given blobs, fetched through one `git cat-file --batch` process. */
async function catFileBatch(repoDir: string, oids: readonly string[]): Promise<Map<string, Buffer>> {
  const result = new Map<string, Buffer>();
  if (oids.length === 0) return result;
  const out = await gitBuffer(repoDir, ['cat-file', '--batch'], `${oids.join('\n')}\n`);
  let offset = 0;
  while (offset < out.length) {
    const nl = out.indexOf(0x0a, offset);
    if (nl < 0) break;
    const header = out.subarray(offset, nl).toString('utf8');
    const [oid = '', type = '', sizeText = ''] = header.split(' ');
    if (type === 'missing') throw new Error(`git object ${oid} is missing from ${repoDir}`);
    const size = Number(sizeText);
    result.set(oid, out.subarray(nl + 1, nl + 1 + size));
    offset = nl + 1 + size + 1;
  }
  return result;
}
