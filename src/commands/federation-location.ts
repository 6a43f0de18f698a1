import { basename, dirname, resolve } from 'node:path';
import { DEFAULT_FEDERATION_ROOT } from '../core/source-file.js';

/** Where a federation folder sits: the repository-like directory around it and its name inside. */
export interface FederationLocation {
  /** Directory that plays the repository root (paths in diagnostics are relative to it). */
  readonly repoDir: string;
  /** The federation folder's name inside repoDir, e.g. `federation`. */
  readonly root: string;
  /** DIR as the user typed it (or the default `federation`), for messages. */
  readonly shown?: string;
  /** Where the command runs, to suggest a DIR relative to it. */
  readonly cwd?: string;
}

/** `examples/three-peer-mesh/federation` -> repoDir `examples/three-peer-mesh`, root `federation`. */
export function locateFederation(dir: string | undefined, cwd: string): FederationLocation {
  const abs = resolve(cwd, dir ?? DEFAULT_FEDERATION_ROOT);
  const shown = (dir ?? DEFAULT_FEDERATION_ROOT).replace(/(.)[/\\]+$/, '$1');
  return { repoDir: dirname(abs), root: basename(abs), shown, cwd };
}
