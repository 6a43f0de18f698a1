import { locateInWorkTree } from '../adapters/git/git-command.js';
import { readGitTree, resolveCommit } from '../adapters/git/read-git-tree.js';
import { compileFederation, type CompileOptions, type CompileResult } from '../core/pipeline.js';
import type { SourceFile } from '../core/source-file.js';
import type { FederationLocation } from './federation-location.js';
import { InvalidInputError } from './usage-error.js';

export interface BaseFederation extends CompileResult {
  readonly ref: string;
}

export interface AtRefOptions extends Omit<CompileOptions, 'root'> {
  /** Files already read (the working tree's): blobs with the same content are not read from git again. */
  readonly known?: readonly SourceFile[];
}

/** Compile the federation as it is at a git ref (policy for consent comes from here). */
export async function readFederationAtRef(location: FederationLocation, ref: string, options: AtRefOptions = {}): Promise<BaseFederation> {
  const { known, ...compile } = options;
  const tree = await locateInWorkTree(location.repoDir);
  if (tree === undefined) {
    throw new InvalidInputError(`${location.repoDir} is not inside a git repository, so --base ${ref} cannot be read (run from a clone)`);
  }
  // The federation may sit in a subfolder of the work tree (examples/three-peer-mesh/federation): read that
  // folder at the ref, then give paths relative to repoDir, as the working-tree reader does.
  const { top, prefix } = tree;
  let files;
  try {
    const atRef = await readGitTree(top, ref, prefix === '' ? location.root : `${prefix}/${location.root}`, known === undefined ? {} : { known });
    files = prefix === '' ? atRef : atRef.map((f) => ({ ...f, path: f.path.slice(prefix.length + 1) }));
  } catch (error) {
    // A ref that does not exist is the caller's mistake, not a bug: say so with git's own words.
    throw new InvalidInputError(`cannot read ${location.root} at "${ref}": ${(error as Error).message}`, { cause: error });
  }
  return { ref, ...compileFederation(files, { ...compile, root: location.root }) };
}

/** The base for `meshfed run`: HEAD when the folder is in git, otherwise nothing (everything is new). */
export async function readDefaultBase(
  location: FederationLocation,
  ref: string | undefined,
  options: AtRefOptions = {},
): Promise<BaseFederation | undefined> {
  if (ref !== undefined) return readFederationAtRef(location, ref, options);
  if ((await locateInWorkTree(location.repoDir)) === undefined) return undefined;
  // A repository without a commit yet: plan against an empty federation. Any other failure is reported.
  if (!(await resolveCommit(location.repoDir, 'HEAD').then(() => true, () => false))) return undefined;
  return readFederationAtRef(location, 'HEAD', options);
}
