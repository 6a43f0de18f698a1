import { hash } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { MANIFEST_HEADER, type ManifestFile } from '../../core/render/output/manifest-files.js';
import { mapWithConcurrency } from '../map-with-concurrency.js';
import { syncFileSink, threadFileSink, type FileSink } from './file-writer-thread.js';

export interface WriteSummary {
  readonly written: number;
  readonly unchanged: number;
  readonly removed: number;
}

/**
 * What meshfed wrote into an output folder, so the next run skips unchanged files without reading them: per file
 * the SHA-256 of its content and its size. A file counts as unchanged when its content hash is the one wanted and
 * its size and modification time say nobody touched it since the index was written (the way git's index trusts
 * stat data); anything else is compared, or rewritten. Measured (docs/benchmarks.md, "Writing output"): reading
 * back 87,000 files one by one cost more than rendering them.
 */
export const OUTPUT_INDEX = '.meshfed-index'; // JSON, but no .json/.yaml extension: GitOps tools pointed at the folder skip it

interface OutputIndex {
  readonly version: 1;
  readonly files: Readonly<Record<string, { readonly sha256: string; readonly size: number }>>;
}

/** Files compared at once: enough to keep the disk busy, few enough for any open-file limit. */
const IO_CONCURRENCY = 64;

export interface WriteOptions {
  /**
   * From how many files on, they are written on a worker thread while this one renders the next (file-writer-thread.ts);
   * below, on this thread (starting a thread costs ~40 ms). Default 2,048.
   */
  readonly threadFromFiles?: number;
}

/**
 * Make `outDir` hold exactly `files`: write new and changed ones, leave identical ones untouched (compared
 * concurrently),
 * and remove stale files, but only files meshfed wrote (listed in its index, or starting with MANIFEST_HEADER).
 * Anything else is left alone.
 */
export async function writeManifestFiles(outDir: string, files: readonly ManifestFile[], options: WriteOptions = {}): Promise<WriteSummary> {
  const [index, existing] = await Promise.all([readIndex(outDir), listYamlFiles(outDir)]);
  const present = new Set(existing);
  // One file per path (the last, should a path repeat).
  const unique = [...new Map(files.map((f) => [f.path, f])).values()];
  const wanted = new Set(unique.map((f) => f.path));
  const folders = new Map<string, Promise<unknown>>(existing.map((p) => [dirname(p), Promise.resolve()]));
  const folder = (dir: string): Promise<unknown> => {
    let made = folders.get(dir);
    if (made === undefined) folders.set(dir, (made = mkdir(join(outDir, dir), { recursive: true })));
    return made;
  };

  // Each file's content is read once, hashed, compared or written, and dropped: only the files in flight are held
  // (manifest-files.ts serialises on read). Only files already there can be unchanged: a fresh folder is written
  // without a single read.
  const hashes = new Map<string, { sha256: string; size: number }>();
  // Started at the first file to write: a run that finds every file unchanged starts no thread.
  let sink: FileSink | undefined;
  const openSink = (): FileSink => (sink ??= unique.length >= (options.threadFromFiles ?? 2048) ? threadFileSink() : syncFileSink());
  let verdicts: boolean[];
  try {
    verdicts = await mapWithConcurrency(unique, IO_CONCURRENCY, async (f) => {
      const content = f.content;
      const w = { content, sha256: sha256(content), size: Buffer.byteLength(content) };
      hashes.set(f.path, { sha256: w.sha256, size: w.size });
      if (present.has(f.path) && (await isUnchanged(outDir, f.path, w, index))) return false;
      await folder(dirname(f.path));
      // Never through fs/promises: a small file written that way is three round trips through libuv's thread pool
      // (open, write, close), which cost more than the system calls themselves. `render --out` of 1,000 peers (79,000
      // files of ~1 KB) into a fresh folder in memory (/dev/shm) on this 2-core machine: 5.3 to 6.8 s with 64
      // concurrent `writeFile`s, 4.1 to 4.2 s with synchronous writes on this thread, 3.6 s with them on the worker
      // thread, which overlaps them with rendering (docs/benchmarks.md, "Writing output").
      await openSink().write(join(outDir, f.path), content);
      return true;
    });
    await sink?.close();
  } catch (e) {
    await sink?.close().catch(() => undefined);
    throw e;
  }
  const written = verdicts.filter((v) => v).length;

  const stale = existing.filter((p) => !wanted.has(p));
  const removable = await mapWithConcurrency(stale, IO_CONCURRENCY, async (p) => ((await writtenByMeshfed(outDir, p, index)) ? p : undefined));
  const toRemove = removable.filter((p): p is string => p !== undefined);
  await mapWithConcurrency(toRemove, IO_CONCURRENCY, (p) => rm(join(outDir, p)));

  await writeIndex(outDir, hashes);
  return { written, unchanged: unique.length - written, removed: toRemove.length };
}

interface LoadedIndex {
  readonly files: OutputIndex['files'];
  /** When the index was written: files modified later were touched by someone else. */
  readonly writtenMs: number;
}

async function readIndex(outDir: string): Promise<LoadedIndex | undefined> {
  const path = join(outDir, OUTPUT_INDEX);
  try {
    const [text, info] = await Promise.all([readFile(path, 'utf8'), stat(path)]);
    const parsed = JSON.parse(text) as Partial<OutputIndex>;
    if (parsed.version !== 1 || typeof parsed.files !== 'object' || parsed.files === null) return undefined;
    return { files: parsed.files, writtenMs: info.mtimeMs };
  } catch {
    // No index (a fresh folder, or one written by an older meshfed): every file is compared by content.
    return undefined;
  }
}

async function writeIndex(outDir: string, wanted: ReadonlyMap<string, { sha256: string; size: number }>): Promise<void> {
  await mkdir(outDir, { recursive: true });
  const files: Record<string, { sha256: string; size: number }> = {};
  for (const [path, w] of [...wanted].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) files[path] = { sha256: w.sha256, size: w.size };
  const index: OutputIndex = { version: 1, files };
  const tmp = join(outDir, `${OUTPUT_INDEX}.tmp`);
  await writeFile(tmp, `${JSON.stringify(index)}\n`);
  // Written after every file, atomically: an interrupted run leaves the old index, whose stat data no longer
  // match the files it rewrote, so those are compared again next time.
  await rename(tmp, join(outDir, OUTPUT_INDEX));
}

async function isUnchanged(outDir: string, path: string, w: { content: string; sha256: string; size: number }, index: LoadedIndex | undefined): Promise<boolean> {
  const target = join(outDir, path);
  const known = index?.files[path];
  // Trusted only while the file is exactly as meshfed left it: same content hash wanted, same size, not modified since.
  if (known !== undefined && index !== undefined) {
    if (known.sha256 !== w.sha256) return false;
    const info = await stat(target).catch(() => undefined);
    if (info !== undefined && info.size === w.size && info.mtimeMs < index.writtenMs) return true;
  }
  const current = await readFile(target, 'utf8').catch(() => undefined);
  return current === w.content;
}

/** A file meshfed wrote and nobody changed since, or one that starts with MANIFEST_HEADER. */
async function writtenByMeshfed(outDir: string, path: string, index: LoadedIndex | undefined): Promise<boolean> {
  const target = join(outDir, path);
  if (index?.files[path] !== undefined) {
    const info = await stat(target).catch(() => undefined);
    if (info !== undefined && info.mtimeMs < index.writtenMs) return true;
  }
  return (await readHead(target, MANIFEST_HEADER.length)) === MANIFEST_HEADER;
}

async function readHead(path: string, bytes: number): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}

async function listYamlFiles(outDir: string): Promise<string[]> {
  const peers = await readdir(outDir, { withFileTypes: true }).catch(() => []);
  const lists = await mapWithConcurrency(
    peers.filter((p) => p.isDirectory()),
    IO_CONCURRENCY,
    async (peer) => (await readdir(join(outDir, peer.name), { withFileTypes: true })).filter((f) => f.isFile() && f.name.endsWith('.yaml')).map((f) => `${peer.name}/${f.name}`),
  );
  return lists.flat().sort();
}

function sha256(content: string): string {
  return hash('sha256', content, 'hex');
}
