/**
 * What every source (local directory, local git ref, GitHub tree) hands to the core: paths and text, nothing else.
 * Intents are data: the core never executes anything it reads.
 */
export interface SourceFile {
  /** Repository-relative POSIX path, e.g. `federation/peers/alpha/echo.yaml`. */
  readonly path: string;
  readonly content: string;
}

/** Where the federation lives inside the repository. */
export const DEFAULT_FEDERATION_ROOT = 'federation';

/** Largest intent file meshfed reads. Larger files are rejected before parsing. */
export const MAX_FILE_BYTES = 1024 * 1024;

/** Largest number of intent files in one federation. */
export const MAX_FILES = 20_000;
