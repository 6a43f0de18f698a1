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

/** Largest number of intent files in one federation. */
export const MAX_FILES = 20_000;
