import { basename, dirname, resolve } from 'node:path';
import { locateInWorkTree } from '../adapters/git/git-command.js';
import { DEFAULT_FEDERATION_ROOT } from '../core/source-file.js';

/** Where a federation folder sits: the repository-like directory around it and its path inside. */
export interface FederationLocation {
  /** Directory that plays the repository root (paths in diagnostics, annotations and consent are relative to it). */
  readonly repoDir: string;
  /** The federation folder's path inside repoDir, e.g. `federation` or `infra/federation`. */
  readonly root: string;
  /** DIR as the user typed it (or the default `federation`), for messages. */
  readonly shown?: string;
  /** Where the command runs, to suggest a DIR relative to it. */
  readonly cwd?: string;
  /** Set when `repoDir` is known to be the top of a git work tree (git is not asked again): see `workTreeOf`. */
  readonly workTreeTop?: true;
}

/** The git work tree around `location.repoDir` (as `locateInWorkTree`), without asking git when already known. */
export async function workTreeOf(location: FederationLocation): Promise<{ readonly top: string; readonly prefix: string } | undefined> {
  return location.workTreeTop === true ? { top: location.repoDir, prefix: '' } : locateInWorkTree(location.repoDir);
}

/**
 * The one place every command (and the runner) learns where the federation sits. Inside a git work tree the
 * repository root is the work tree's top, so `infra/federation` has root `infra/federation`: file paths in
 * diagnostics and `--format github` annotations are the paths GitHub shows, and governed files
 * (`.github/workflows/`, CODEOWNERS, `.gitattributes`) are found at the repository root, as the bot finds them
 * (its `MESHFED_ROOT` is the same repository-relative path). Outside git, the folder's parent plays the root.
 */
export async function locateFederation(dir: string | undefined, cwd: string): Promise<FederationLocation> {
  const abs = resolve(cwd, dir ?? DEFAULT_FEDERATION_ROOT);
  const shown = (dir ?? DEFAULT_FEDERATION_ROOT).replace(/(.)[/\\]+$/, '$1');
  const parent = dirname(abs);
  const tree = await locateInWorkTree(parent).catch(() => undefined);
  if (tree === undefined || tree.prefix.startsWith('..')) return { repoDir: parent, root: basename(abs), shown, cwd };
  return { repoDir: tree.top, root: tree.prefix === '' ? basename(abs) : `${tree.prefix}/${basename(abs)}`, shown, cwd, workTreeTop: true };
}
