import { listGitTree, readGitTree, resolveCommit } from '../adapters/git/read-git-tree.js';
import { compileFederation, type CompileOptions, type CompileResult } from '../core/pipeline.js';
import type { SourceFile } from '../core/source-file.js';
import { workTreeOf, type FederationLocation } from './federation-location.js';
import { settle } from './settle.js';
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
  return startReadingAtRef(location, ref).compile(options);
}

/** A read of the federation at a ref, started: its git listing runs in git's own process meanwhile. */
export interface ReadAtRef {
  compile(options?: AtRefOptions): Promise<BaseFederation>;
}

/**
 * Starts reading the federation at `ref`: the work tree is located and the tree at `ref` listed at once, in git's
 * own processes, so that a plan lists the base while it compiles the head; `compile` reads the blobs not `known`
 * and compiles. A failure (not a repository, no such ref) is reported by `compile`, never left unhandled.
 */
export function startReadingAtRef(location: FederationLocation, ref: string): ReadAtRef {
  const located = settle(workTreeOf(location));
  // The federation may sit in a subfolder of the work tree (examples/three-peer-mesh/federation): read that
  // folder at the ref, then give paths relative to repoDir, as the working-tree reader does.
  const rootIn = (tree: { prefix: string }): string => (tree.prefix === '' ? location.root : `${tree.prefix}/${location.root}`);
  const listed = located.then((l) => (l.ok && l.value !== undefined ? settle(listGitTree(l.value.top, ref, rootIn(l.value))) : undefined));
  return {
    async compile(options: AtRefOptions = {}): Promise<BaseFederation> {
      const { known, ...compile } = options;
      const l = await located;
      if (!l.ok) throw l.error;
      const tree = l.value;
      if (tree === undefined) {
        throw new InvalidInputError(`${location.repoDir} is not inside a git repository, so --base ${ref} cannot be read (run from a clone)`);
      }
      let files;
      try {
        const listing = await listed;
        if (listing !== undefined && !listing.ok) throw listing.error;
        const atRef = await readGitTree(tree.top, ref, rootIn(tree), {
          ...(listing === undefined ? {} : { listing: listing.value }),
          ...(known === undefined ? {} : { known }),
        });
        files = tree.prefix === '' ? atRef : atRef.map((f) => ({ ...f, path: f.path.slice(tree.prefix.length + 1) }));
      } catch (error) {
        // A ref that does not exist is the caller's mistake, not a bug: say so with git's own words.
        throw new InvalidInputError(`cannot read ${location.root} at "${ref}": ${(error as Error).message}`, { cause: error });
      }
      return { ref, ...compileFederation(files, { ...compile, root: location.root }) };
    },
  };
}

/** The base for `meshfed run`: HEAD when the folder is in git, otherwise nothing (everything is new). */
export async function readDefaultBase(
  location: FederationLocation,
  ref: string | undefined,
  options: AtRefOptions = {},
): Promise<BaseFederation | undefined> {
  if (ref !== undefined) return readFederationAtRef(location, ref, options);
  if ((await workTreeOf(location)) === undefined) return undefined;
  // A repository without a commit yet: plan against an empty federation. Any other failure is reported.
  if (!(await resolveCommit(location.repoDir, 'HEAD').then(() => true, () => false))) return undefined;
  return readFederationAtRef(location, 'HEAD', options);
}
