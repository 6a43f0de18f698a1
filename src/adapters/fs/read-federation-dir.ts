import type { Dirent } from 'node:fs';
import { lstat, readdir, readFile, readlink, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_FEDERATION_ROOT, MAX_FILE_BYTES, type SourceFile } from '../../core/source-file.js';
import { compareStrings } from '../../core/compare-strings.js';

/** Files read at once: enough to hide latency, few enough to stay well under open-file limits. */
const READ_CONCURRENCY = 32;

interface Entry {
  /** Repository-relative POSIX path. */
  readonly rel: string;
  /** Where to read from (the link target for symlinks that stay inside the tree). */
  readonly abs: string;
}

/**
 * Reads every file under `<repoDir>/<root>` as SourceFiles (repository-relative POSIX paths, sorted).
 * Sizes are checked before reading: files over MAX_FILE_BYTES are handed over unread, marked too large.
 * Symbolic links are followed only when they resolve to a file inside the federation tree; others are handed
 * over unread, marked as links, so the core can report them. A missing root gives no files.
 */
export async function readFederationDir(repoDir: string, root: string = DEFAULT_FEDERATION_ROOT): Promise<SourceFile[]> {
  const rootAbs = path.resolve(repoDir, root);
  let realRoot: string;
  try {
    realRoot = await realpath(rootAbs);
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new Error(`cannot read the federation folder ${rootAbs}`, { cause });
  }
  const repoAbs = path.resolve(repoDir);
  const toRel = (abs: string) => path.relative(repoAbs, abs).split(path.sep).join('/');

  const entries: Entry[] = [];
  const unread: SourceFile[] = [];
  const walk = async (dir: string): Promise<void> => {
    let dirents: Dirent[];
    try {
      dirents = await readdir(dir, { withFileTypes: true });
    } catch (cause) {
      throw new Error(`cannot list ${dir}`, { cause });
    }
    for (const d of dirents) {
      const abs = path.join(dir, d.name);
      if (d.isDirectory()) await walk(abs);
      else if (d.isFile()) entries.push({ rel: toRel(abs), abs });
      else if (d.isSymbolicLink()) {
        const target = await followLink(abs, realRoot);
        if (target.inside) entries.push({ rel: toRel(abs), abs: target.path });
        else unread.push({ path: toRel(abs), content: '', unread: { reason: 'symlink', target: target.path } });
      }
      // Sockets, FIFOs and devices are not intent files: skipped.
    }
  };
  await walk(rootAbs);

  const files: SourceFile[] = [...unread];
  for (let i = 0; i < entries.length; i += READ_CONCURRENCY) {
    files.push(...(await Promise.all(entries.slice(i, i + READ_CONCURRENCY).map(readEntry))));
  }
  return files.sort((a, b) => compareStrings(a.path, b.path));
}

async function readEntry(e: Entry): Promise<SourceFile> {
  try {
    const { size } = await stat(e.abs);
    if (size > MAX_FILE_BYTES) return { path: e.rel, content: '', unread: { reason: 'too-large', bytes: size } };
    return { path: e.rel, content: decodeUtf8(await readFile(e.abs)) };
  } catch (cause) {
    throw new Error(`cannot read ${e.rel}`, { cause });
  }
}

/** Where a link leads, and whether that is a regular file inside the federation tree. */
async function followLink(link: string, realRoot: string): Promise<{ inside: boolean; path: string }> {
  const written = await readlink(link);
  try {
    const resolved = await realpath(link);
    const inside = resolved.startsWith(realRoot + path.sep);
    const isFile = (await lstat(resolved)).isFile();
    return inside && isFile ? { inside: true, path: resolved } : { inside: false, path: written };
  } catch {
    // A dangling link (or a loop) is reported like any other link meshfed does not follow.
    return { inside: false, path: written };
  }
}

/** UTF-8 without throwing: bytes that are not UTF-8 become U+FFFD, which the core reports with a position. */
export function decodeUtf8(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
}
