import { MAX_FEDERATION_BYTES, MAX_FILE_BYTES, MAX_FILES } from '../../../core/source-file.js';

/**
 * Every bound the bot puts on what it reads from GitHub for one commit, in one place (helper "perf" scales these
 * to large federations). Beyond a limit the evaluation stops with `TreeTooLargeError`: `meshfed/validate` says
 * "The repository is too large for meshfed to read" and consent is not given.
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
  /** Largest selected file kept; larger ones are reported in `oversized`, hashed but not kept. */
  readonly maxFileBytes: number;
  /** Most bytes of selected files kept in total. */
  readonly maxKeptBytes: number;
}

/*
 * Sized from the documented maximum federation (core/source-file.ts: 10,000 peers, up to 200,000 intent files and
 * 160 MiB of intents), with the rest of the repository beside it: such a federation passes; only far larger trees
 * are refused, and the refusal says which limit. The bench federation of 10,000 peers is 30,001 files and 72 MB of
 * YAML (about 8 MB gzip'd).
 */
/** The archive as downloaded: the federation gzip'd (YAML compresses about 9x) plus the rest of the repository. */
export const MAX_ARCHIVE_COMPRESSED_BYTES = 256 * 1024 * 1024;
/** Everything unpacked (bounds the CPU time spent in gunzip to a few seconds). */
export const MAX_ARCHIVE_UNCOMPRESSED_BYTES = 2 * 1024 * 1024 * 1024;
/** Archive entries of any kind: the federation's files and folders and the rest of the repository. */
export const MAX_ARCHIVE_ENTRIES = 1_000_000;
/** Bytes of selected files kept in memory: the federation plus CODEOWNERS and workflows. */
export const MAX_KEPT_BYTES = MAX_FEDERATION_BYTES + 16 * 1024 * 1024;

export const DEFAULT_TAR_LIMITS: TarLimits = {
  maxCompressedBytes: MAX_ARCHIVE_COMPRESSED_BYTES,
  maxUncompressedBytes: MAX_ARCHIVE_UNCOMPRESSED_BYTES,
  maxEntries: MAX_ARCHIVE_ENTRIES,
  maxFiles: MAX_FILES,
  maxFileBytes: MAX_FILE_BYTES,
  maxKeptBytes: MAX_KEPT_BYTES,
};

export class TreeTooLargeError extends Error {
  constructor(
    readonly limit: keyof TarLimits | 'truncatedTree',
    readonly value: number,
    message: string,
  ) {
    super(message);
    this.name = 'TreeTooLargeError';
  }
}

export function mib(n: number): string {
  return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
}
