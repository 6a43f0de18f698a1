/**
 * What every source (local directory, local git ref, GitHub tree) hands to the core: paths and text, nothing else.
 * Intents are data: the core never executes anything it reads.
 */
export interface SourceFile {
  /** Repository-relative POSIX path, e.g. `federation/peers/alpha/echo.yaml`. */
  readonly path: string;
  readonly content: string;
  /**
   * Set by a source that deliberately did not read the file (content is then empty): the core reports
   * why at `path:1:1` and parses nothing. Sources measure size before reading, so an oversized file is
   * never loaded into memory.
   */
  readonly unread?: UnreadReason;
}

export type UnreadReason =
  /** The file is larger than MAX_FILE_BYTES. */
  | { readonly reason: 'too-large'; readonly bytes: number }
  /** A symbolic link meshfed does not follow (it leaves the federation tree, or names a directory). */
  | { readonly reason: 'symlink'; readonly target: string };

/** Where the federation lives inside the repository. */
export const DEFAULT_FEDERATION_ROOT = 'federation';

/** Largest intent file meshfed reads. Larger files are rejected before parsing. */
export const MAX_FILE_BYTES = 1024 * 1024;

/**
 * The largest federation meshfed is built, tested and measured for (docs/benchmarks.md): 10,000 peers. The limits
 * on what is read are sized from it so that such a federation passes with room to spare however its files are laid
 * out; they refuse only trees far beyond it, which no operator writes but anyone who can push to a branch could
 * (a pull request must not exhaust the bot's memory or time). Scale a deployment to its federation with
 * docs/benchmarks.md, "Sizing".
 */
export const MAX_FEDERATION_PEERS = 10_000;
/** Intent files per peer allowed for on average: one file per intent for 20 intents (the bench federation has 3). */
export const FILES_PER_PEER = 20;
/** Bytes of intents per peer allowed for on average (the bench federation's peers have about 7 KiB). */
export const BYTES_PER_PEER = 16 * 1024;

/** Largest number of intent files in one federation (200,000). */
export const MAX_FILES = MAX_FEDERATION_PEERS * FILES_PER_PEER;

/** Most bytes of intent files in one federation (160 MiB). */
export const MAX_FEDERATION_BYTES = MAX_FEDERATION_PEERS * BYTES_PER_PEER;
