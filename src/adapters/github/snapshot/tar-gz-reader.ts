import { createHash } from 'node:crypto';
import { gitBlobSha } from '../../git/git-blob-sha.js';
import { once } from 'node:events';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { extract, type Header as TarHeader } from 'tar-stream';
import { DEFAULT_TAR_LIMITS, mib, TreeTooLargeError, type TarLimits } from './read-limits.js';

export { DEFAULT_TAR_LIMITS, TreeTooLargeError, type TarLimits } from './read-limits.js';

/**
 * Reads the gzip'd tar archives GitHub serves (`GET /repos/{o}/{r}/tarball/{ref}`, made by `git archive`) with
 * `tar-stream` (a maintained streaming parser: ustar, pax and GNU long names), and puts meshfed's limits on top
 * (read-limits.ts). Streamed: the archive is never held uncompressed. Only the entries `want` selects are kept,
 * every selected entry is hashed the way git hashes a blob, so the caller can compare the archive with the
 * commit's tree (see verify-archive.ts). Links are never followed.
 */
export class MalformedArchiveError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MalformedArchiveError';
  }
}

/** A selected entry as git would store it: `blob` = SHA-1 of `blob <size>\0<content>` (a symlink's content is its target). */
export interface ArchivedBlob {
  readonly kind: 'file' | 'symlink' | 'hardlink';
  readonly blobSha: string;
  readonly size: number;
}

export interface ExtractResult {
  /** Selected regular files: repository-relative path (archive's top folder stripped) -> bytes. */
  readonly files: ReadonlyMap<string, Buffer>;
  /** Selected files larger than `maxFileBytes`, hashed but not kept. */
  readonly oversized: readonly { readonly path: string; readonly size: number }[];
  /** Selected symbolic and hard links, never followed. */
  readonly links: readonly { readonly path: string; readonly target: string }[];
  /** Every selected entry that is not a directory, with its git blob id. */
  readonly blobs: ReadonlyMap<string, ArchivedBlob>;
}

/** Entries GitHub's archives put everything under: `<owner>-<repo>-<sha>/`. Stripped from every path. */
export function stripTopFolder(path: string): string | undefined {
  const i = path.indexOf('/');
  if (i < 0) return undefined;
  const rest = path.slice(i + 1);
  if (rest === '' || rest.startsWith('/') || rest.split('/').some((s) => s === '..' || s === '.')) return undefined;
  return rest;
}

export { gitBlobSha };

export async function extractTarGz(
  archive: Uint8Array,
  want: (path: string) => boolean,
  limits: TarLimits = DEFAULT_TAR_LIMITS,
): Promise<ExtractResult> {
  if (archive.byteLength > limits.maxCompressedBytes) {
    throw new TreeTooLargeError(
      'maxCompressedBytes',
      archive.byteLength,
      `the repository archive is ${mib(archive.byteLength)}, more than the ${mib(limits.maxCompressedBytes)} meshfed reads`,
    );
  }
  const state = new ReadState(want, limits);
  const gunzip = createGunzip();
  const source = Readable.from([Buffer.from(archive.buffer, archive.byteOffset, archive.byteLength)]).pipe(gunzip);
  const tar = extract();
  let total = 0;
  const stop = new AbortController();
  // Feed the parser by hand: the decompressed byte count is a limit of its own, checked before parsing.
  const feeding = (async () => {
    for await (const chunk of source) {
      const buf = chunk as Buffer;
      total += buf.length;
      if (total > limits.maxUncompressedBytes) {
        throw new TreeTooLargeError('maxUncompressedBytes', total, `the repository unpacks to more than ${mib(limits.maxUncompressedBytes)}, the most meshfed reads`);
      }
      if (!tar.write(buf)) await once(tar as unknown as NodeJS.EventEmitter, 'drain', { signal: stop.signal });
    }
    tar.end(undefined);
  })();
  feeding.catch((error: unknown) => tar.destroy(error as Error));
  try {
    for await (const entry of tar) await state.entry(entry.header, entry);
    await feeding;
  } catch (error) {
    if (error instanceof TreeTooLargeError || error instanceof MalformedArchiveError) throw error;
    throw new MalformedArchiveError(`the repository archive is not a valid gzip'd tar: ${(error as Error).message}`, { cause: error });
  } finally {
    stop.abort();
    gunzip.destroy();
    tar.destroy();
    await feeding.catch(() => undefined);
  }
  if (state.entries === 0) throw new MalformedArchiveError('the repository archive is empty: not what GitHub serves for a commit');
  return { files: state.files, oversized: state.oversized, links: state.links, blobs: state.blobs };
}

class ReadState {
  readonly files = new Map<string, Buffer>();
  readonly oversized: { path: string; size: number }[] = [];
  readonly links: { path: string; target: string }[] = [];
  readonly blobs = new Map<string, ArchivedBlob>();
  entries = 0;
  private kept = 0;

  constructor(
    private readonly want: (path: string) => boolean,
    private readonly limits: TarLimits,
  ) {}

  async entry(header: TarHeader, body: AsyncIterable<unknown>): Promise<void> {
    this.entries++;
    if (this.entries > this.limits.maxEntries) {
      throw new TreeTooLargeError('maxEntries', this.entries, `the repository has more than ${this.limits.maxEntries} entries, the most meshfed reads`);
    }
    const size = header.size;
    if (!Number.isSafeInteger(size) || size < 0) throw new MalformedArchiveError('the repository archive has a tar entry with an invalid size');
    const path = stripTopFolder(header.name.replace(/\/+$/, ''));
    const selected = path !== undefined && header.type !== 'directory' && this.want(path);
    if (!selected) return drain(body);

    if (header.type === 'symlink' || header.type === 'link') {
      const target = header.linkname;
      this.links.push({ path, target });
      this.blobs.set(path, { kind: header.type === 'symlink' ? 'symlink' : 'hardlink', blobSha: gitBlobSha(target), size: Buffer.byteLength(target) });
      return drain(body);
    }
    if (header.type !== 'file' && header.type !== 'contiguous-file') return drain(body);

    const keep = size <= this.limits.maxFileBytes;
    if (keep) {
      if (this.files.size + 1 > this.limits.maxFiles) {
        throw new TreeTooLargeError('maxFiles', this.files.size + 1, `the federation has more than ${this.limits.maxFiles} files, the most meshfed reads`);
      }
      this.kept += size;
      if (this.kept > this.limits.maxKeptBytes) {
        throw new TreeTooLargeError('maxKeptBytes', this.kept, `the federation's files add up to more than ${mib(this.limits.maxKeptBytes)}, the most meshfed reads`);
      }
    } else {
      this.oversized.push({ path, size });
    }
    const hash = createHash('sha1').update(`blob ${size}\0`);
    const parts: Buffer[] = [];
    let read = 0;
    for await (const chunk of body) {
      const buf = chunk as Buffer;
      read += buf.length;
      hash.update(buf);
      if (keep) parts.push(buf);
    }
    if (read !== size) throw new MalformedArchiveError(`the repository archive ends in the middle of ${path}`);
    this.blobs.set(path, { kind: 'file', blobSha: hash.digest('hex'), size });
    if (keep) this.files.set(path, Buffer.concat(parts));
  }
}

async function drain(body: AsyncIterable<unknown>): Promise<void> {
  for await (const _ of body) {
    /* skip */
  }
}
