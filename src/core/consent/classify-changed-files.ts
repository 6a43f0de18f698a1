import { asFolder, CODEOWNERS_LOCATIONS, isGitattributesPath, normalizeRepoPath } from './governed-paths.js';

/**
 * Sorts the files a pull request touches into the three kinds the consent rule distinguishes.
 * Paths are repository-relative POSIX paths, as GitHub's "list pull request files" returns them.
 */
export interface ClassifiedFiles {
  /** Peer folder name -> the files touched in `<root>/peers/<peer>/`, sorted. */
  readonly peerFolders: ReadonlyMap<string, readonly string[]>;
  /** Files that govern every peer: federation.yaml and the rest of `<root>` outside peer folders, CODEOWNERS, workflows, any `.gitattributes`. */
  readonly federationWide: readonly string[];
  /** Files outside the federation that do not define how meshfed runs (README.md, ...): no approval needed. */
  readonly unrelated: readonly string[];
}

export interface ClassifyOptions {
  readonly root: string;
  readonly codeownersPath: string;
  readonly workflowsPrefix: string;
  readonly federationWidePaths: readonly string[];
}

export function classifyChangedFiles(files: readonly string[], options: ClassifyOptions): ClassifiedFiles {
  const root = normalizeRepoPath(options.root).replace(/\/+$/, '');
  const rootPrefix = root === '' || root === '.' ? '' : `${root}/`;
  const codeowners = new Set([...CODEOWNERS_LOCATIONS, normalizeRepoPath(options.codeownersPath)]);
  const wide = [asFolder(options.workflowsPrefix), ...options.federationWidePaths.map(normalizeRepoPath)];
  const peerFolders = new Map<string, string[]>();
  const federationWide: string[] = [];
  const unrelated: string[] = [];

  for (const raw of [...new Set(files.map(normalizeRepoPath))].sort()) {
    if (raw === '') continue;
    if (codeowners.has(raw) || isGitattributesPath(raw) || wide.some((w) => matches(raw, w))) {
      federationWide.push(raw);
    } else if (rootPrefix === '' || raw.startsWith(rootPrefix) || raw === root) {
      const peer = peerFolderOf(raw.slice(rootPrefix.length));
      if (peer === undefined) federationWide.push(raw);
      else {
        const list = peerFolders.get(peer);
        if (list === undefined) peerFolders.set(peer, [raw]);
        else list.push(raw);
      }
    } else {
      unrelated.push(raw);
    }
  }
  return { peerFolders, federationWide, unrelated };
}

/** `peers/<name>/<anything>` -> name; anything else (federation.yaml, a file directly in peers/) -> undefined. */
function peerFolderOf(relative: string): string | undefined {
  const m = /^peers\/([^/]+)\/./.exec(relative);
  return m?.[1];
}

/** An entry ending in "/" is a folder prefix, anything else an exact path. */
function matches(path: string, entry: string): boolean {
  return entry.endsWith('/') ? path.startsWith(entry) : path === entry;
}
