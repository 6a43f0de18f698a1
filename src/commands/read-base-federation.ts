import { gitTopLevel } from '../adapters/git/git-command.js';
import { readGitTree } from '../adapters/git/read-git-tree.js';
import { compileFederation, type CompileResult } from '../core/pipeline.js';
import type { FederationLocation } from './federation-location.js';
import { InvalidInputError } from './usage-error.js';

export interface BaseFederation extends CompileResult {
  readonly ref: string;
}

/** Compile the federation as it is at a git ref (policy for consent comes from here). */
export async function readFederationAtRef(location: FederationLocation, ref: string): Promise<BaseFederation> {
  if ((await gitTopLevel(location.repoDir)) === undefined) {
    throw new InvalidInputError(`${location.repoDir} is not inside a git repository, so --base ${ref} cannot be read (run from a clone)`);
  }
  let files;
  try {
    files = await readGitTree(location.repoDir, ref, location.root);
  } catch (error) {
    // A ref that does not exist is the caller's mistake, not a bug: say so with git's own words.
    throw new InvalidInputError(`cannot read ${location.root} at "${ref}": ${(error as Error).message}`, { cause: error });
  }
  return { ref, ...compileFederation(files, { root: location.root }) };
}

/** The base for `meshfed run`: HEAD when the folder is in git, otherwise nothing (everything is new). */
export async function readDefaultBase(location: FederationLocation, ref: string | undefined): Promise<BaseFederation | undefined> {
  if (ref !== undefined) return readFederationAtRef(location, ref);
  if ((await gitTopLevel(location.repoDir)) === undefined) return undefined;
  try {
    return await readFederationAtRef(location, 'HEAD');
  } catch {
    return undefined; // no commit yet: plan against an empty federation
  }
}
