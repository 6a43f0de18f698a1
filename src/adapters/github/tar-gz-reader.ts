import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { MAX_FILE_BYTES, MAX_FILES } from '../../core/source-file.js';

/**
 * A small, defensive reader for the gzip'd tar archives GitHub serves (`GET /repos/{o}/{r}/tarball/{ref}`):
 * streamed (the archive is never held uncompressed), keeps only the entries `want` selects, skips
 * everything that is not a regular file (symlinks are never followed), and enforces hard limits so a huge
 * or hostile repository ends with a clear `TreeTooLargeError` instead of exhausting memory or time.
 * Understands ustar (with the `prefix` field), pax extended headers (`x`, `g`) and GNU long names (`L`).
 */
export interface TarLimits {
  /** Largest archive accepted as downloaded (gzip'd). */
  readonly maxCompressedBytes: number;
  /** Most bytes decompressed in total (bounds CPU time). */
  readonly maxUncompressedBytes: number;
  /** Most archive entries of any kind. */
  readonly maxEntries: number;
  /** Most selected files kept. */
  readonly maxFiles: number;
  /** Largest selected file kept; larger ones are reported in `oversized`, not read. */
  readonly maxFileBytes: number;
  /** Most bytes of selected files kept in total. */
  readonly maxKeptBytes: number;
}

export const DEFAULT_TAR_LIMITS: TarLimits = {
  maxCompressedBytes: 64 * 1024 * 1024,
  maxUncompressedBytes: 512 * 1024 * 1024,
  maxEntries: 200_000,
  maxFiles: MAX_FILES,
  maxFileBytes: MAX_FILE_BYTES,
  maxKeptBytes: 64 * 1024 * 1024,
};

export class TreeTooLargeError extends Error {
  constructor(
    readonly limit: keyof TarLimits,
    readonly value: number,
    message: string,
  ) {
    super(message);
    this.name = 'TreeTooLargeError';
  }
}

export class MalformedArchiveError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedArchiveError';
  }
}

export interface ExtractResult {
  /** Selected regular files: repository-relative path (archive's top folder stripped) -> bytes. */
  readonly files: ReadonlyMap<string, Buffer>;
  /** Selected files larger than `maxFileBytes`, not read. */
  readonly oversized: readonly { readonly path: string; readonly size: number }[];
  /** Selected symbolic and hard links, never followed. */
  readonly links: readonly { readonly path: string; readonly target: string }[];
}

/** Entries GitHub's archives put everything under: `<owner>-<repo>-<sha>/`. Stripped from every path. */
export function stripTopFolder(path: string): string | undefined {
  const i = path.indexOf('/');
  if (i < 0) return undefined;
  const rest = path.slice(i + 1);
  if (rest === '' || rest.startsWith('/') || rest.split('/').some((s) => s === '..' || s === '.')) return undefined;
  return rest;
}

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
  const parser = new TarParser(want, limits);
  let total = 0;
  const gunzip = createGunzip();
  try {
    for await (const chunk of Readable.from([Buffer.from(archive.buffer, archive.byteOffset, archive.byteLength)]).pipe(gunzip)) {
      const buf = chunk as Buffer;
      total += buf.length;
      if (total > limits.maxUncompressedBytes) {
        throw new TreeTooLargeError(
          'maxUncompressedBytes',
          total,
          `the repository unpacks to more than ${mib(limits.maxUncompressedBytes)}, the most meshfed reads`,
        );
      }
      parser.write(buf);
      if (parser.done) break;
    }
  } catch (error) {
    if (error instanceof TreeTooLargeError || error instanceof MalformedArchiveError) throw error;
    throw new MalformedArchiveError(`the repository archive is not a valid gzip'd tar: ${(error as Error).message}`);
  } finally {
    gunzip.destroy();
  }
  parser.finish();
  return { files: parser.files, oversized: parser.oversized, links: parser.links };
}

type State =
  | { readonly kind: 'header' }
  | { readonly kind: 'body'; remaining: number; readonly padding: number; readonly keep: Buffer[] | undefined; readonly onDone: (data: Buffer) => void }
  | { readonly kind: 'pad'; remaining: number };

interface PendingMeta {
  path?: string;
  size?: number;
  linkpath?: string;
}

class TarParser {
  readonly files = new Map<string, Buffer>();
  readonly oversized: { path: string; size: number }[] = [];
  readonly links: { path: string; target: string }[] = [];
  done = false;
  private chunks: Buffer[] = [];
  private buffered = 0;
  private state: State = { kind: 'header' };
  private entries = 0;
  private kept = 0;
  private meta: PendingMeta = {};
  private zeroBlocks = 0;

  constructor(
    private readonly want: (path: string) => boolean,
    private readonly limits: TarLimits,
  ) {}

  write(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    while (!this.done && this.step()) {
      /* keep stepping */
    }
  }

  finish(): void {
    if (!this.done && (this.state.kind !== 'header' || this.buffered !== 0)) {
      throw new MalformedArchiveError('the repository archive ends in the middle of an entry');
    }
  }

  /** One unit of work; false when more input is needed. */
  private step(): boolean {
    const s = this.state;
    if (s.kind === 'header') {
      if (this.buffered < 512) return false;
      this.header(this.take(512));
      return true;
    }
    if (s.kind === 'pad') {
      if (s.remaining === 0) {
        this.state = { kind: 'header' };
        return true;
      }
      if (this.buffered === 0) return false;
      s.remaining -= this.skip(s.remaining);
      return true;
    }
    if (s.remaining === 0) {
      const data = s.keep === undefined ? Buffer.alloc(0) : Buffer.concat(s.keep);
      this.state = { kind: 'pad', remaining: s.padding };
      s.onDone(data);
      return true;
    }
    if (this.buffered === 0) return false;
    if (s.keep === undefined) {
      s.remaining -= this.skip(s.remaining);
    } else {
      const part = this.take(Math.min(s.remaining, this.buffered));
      s.keep.push(part);
      s.remaining -= part.length;
    }
    return true;
  }

  private header(block: Buffer): void {
    if (block.every((b) => b === 0)) {
      this.zeroBlocks++;
      if (this.zeroBlocks >= 2) this.done = true;
      return;
    }
    this.zeroBlocks = 0;
    if (!checksumOk(block)) throw new MalformedArchiveError('the repository archive has a corrupt tar header');
    this.entries++;
    if (this.entries > this.limits.maxEntries) {
      throw new TreeTooLargeError('maxEntries', this.entries, `the repository has more than ${this.limits.maxEntries} entries, the most meshfed reads`);
    }
    const type = String.fromCharCode(block[156] ?? 0);
    const headerSize = parseSize(block.subarray(124, 136));
    const size = this.meta.size ?? headerSize;
    const name = cString(block.subarray(0, 100));
    const prefix = block.subarray(257, 262).toString('latin1') === 'ustar' ? cString(block.subarray(345, 500)) : '';
    const rawPath = this.meta.path ?? (prefix === '' ? name : `${prefix}/${name}`);
    const padding = (512 - (headerSize % 512)) % 512;
    const isMeta = type === 'x' || type === 'g' || type === 'L' || type === 'K';
    const bodySize = isMeta ? headerSize : size;
    const bodyPadding = isMeta ? padding : (512 - (size % 512)) % 512;

    if (type === 'x' || type === 'L' || type === 'K') {
      if (headerSize > 1024 * 1024) throw new MalformedArchiveError('the repository archive has an oversized extended header');
      this.state = {
        kind: 'body', remaining: bodySize, padding: bodyPadding, keep: [],
        onDone: (data) => {
          if (type === 'L') this.meta.path = cString(data);
          else if (type === 'K') this.meta.linkpath = cString(data);
          else Object.assign(this.meta, parsePax(data));
        },
      };
      return;
    }
    const linkTarget = this.meta.linkpath ?? cString(block.subarray(157, 257));
    this.meta = {};
    const path = stripTopFolder(rawPath.replace(/\/+$/, ''));
    const regular = type === '0' || type === '\0' || type === '7';
    if ((type === '1' || type === '2') && path !== undefined && this.want(path)) {
      this.links.push({ path, target: linkTarget });
    }
    const selected = regular && path !== undefined && this.want(path);
    if (selected && size > this.limits.maxFileBytes) {
      this.oversized.push({ path, size });
    }
    const keep = selected && size <= this.limits.maxFileBytes;
    if (keep) {
      if (this.files.size + 1 > this.limits.maxFiles) {
        throw new TreeTooLargeError('maxFiles', this.files.size + 1, `the federation has more than ${this.limits.maxFiles} files, the most meshfed reads`);
      }
      this.kept += size;
      if (this.kept > this.limits.maxKeptBytes) {
        throw new TreeTooLargeError('maxKeptBytes', this.kept, `the federation's files add up to more than ${mib(this.limits.maxKeptBytes)}, the most meshfed reads`);
      }
    }
    this.state = {
      kind: 'body', remaining: bodySize, padding: bodyPadding, keep: keep ? [] : undefined,
      onDone: (data) => {
        if (keep) this.files.set(path, data);
      },
    };
  }

  private take(n: number): Buffer {
    const out = Buffer.allocUnsafe(n);
    let off = 0;
    while (off < n) {
      const head = this.chunks[0] as Buffer;
      const k = Math.min(head.length, n - off);
      head.copy(out, off, 0, k);
      off += k;
      if (k === head.length) this.chunks.shift();
      else this.chunks[0] = head.subarray(k);
    }
    this.buffered -= n;
    return out;
  }

  private skip(n: number): number {
    let skipped = 0;
    while (skipped < n && this.chunks.length > 0) {
      const head = this.chunks[0] as Buffer;
      const k = Math.min(head.length, n - skipped);
      skipped += k;
      if (k === head.length) this.chunks.shift();
      else this.chunks[0] = head.subarray(k);
    }
    this.buffered -= skipped;
    return skipped;
  }
}

function checksumOk(block: Buffer): boolean {
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : (block[i] ?? 0);
  const stored = parseInt(cString(block.subarray(148, 156)).trim() || 'NaN', 8);
  return stored === sum;
}

function parseSize(field: Buffer): number {
  if (((field[0] ?? 0) & 0x80) !== 0) {
    // GNU base-256: big-endian, high bit of the first byte is the marker.
    let n = (field[0] ?? 0) & 0x7f;
    for (let i = 1; i < field.length; i++) n = n * 256 + (field[i] ?? 0);
    return n;
  }
  const text = cString(field).trim();
  const n = text === '' ? 0 : parseInt(text, 8);
  if (!Number.isFinite(n) || n < 0) throw new MalformedArchiveError('the repository archive has a tar entry with an invalid size');
  return n;
}

function cString(b: Buffer): string {
  const end = b.indexOf(0);
  return b.subarray(0, end < 0 ? b.length : end).toString('utf8');
}

/** pax records: `<len> <key>=<value>\n`. Only `path`, `size` and `linkpath` matter here. */
function parsePax(data: Buffer): PendingMeta {
  const meta: PendingMeta = {};
  let off = 0;
  while (off < data.length) {
    const space = data.indexOf(0x20, off);
    if (space < 0) break;
    const len = parseInt(data.subarray(off, space).toString('latin1'), 10);
    if (!Number.isFinite(len) || len <= 0 || off + len > data.length) throw new MalformedArchiveError('the repository archive has a malformed pax header');
    const record = data.subarray(space + 1, off + len - 1).toString('utf8');
    const eq = record.indexOf('=');
    const key = record.slice(0, eq);
    const value = record.slice(eq + 1);
    if (key === 'path') meta.path = value;
    if (key === 'size') {
      if (!/^[0-9]{1,15}$/.test(value)) throw new MalformedArchiveError('the repository archive has a pax header with an invalid size');
      meta.size = Number(value);
    }
    if (key === 'linkpath') meta.linkpath = value;
    off += len;
  }
  return meta;
}

function mib(n: number): string {
  return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
}
