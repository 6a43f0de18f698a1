import { MAX_FILE_BYTES, MAX_FILES } from '../../core/source-file.js';

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

export const MAX_ARCHIVE_COMPRESSED_BYTES = 64 * 1024 * 1024;
export const MAX_ARCHIVE_UNCOMPRESSED_BYTES = 512 * 1024 * 1024;
export const MAX_ARCHIVE_ENTRIES = 200_000;
export const MAX_KEPT_BYTES = 64 * 1024 * 1024;

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
