/** Paths outside the federation folder that govern every peer (shared by the consent rule and CODEOWNERS). */

/** Where `meshfed codeowners` writes by default. */
export const DEFAULT_CODEOWNERS_PATH = '.github/CODEOWNERS';

/** Every place GitHub looks for CODEOWNERS: it uses the first it finds, so a file in any of them can take over. */
export const CODEOWNERS_LOCATIONS = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'] as const;

/** The workflows that run meshfed (validate, apply, the bot in Actions mode). */
export const DEFAULT_WORKFLOWS_PREFIX = '.github/workflows/';

/** Further paths that define how meshfed runs: local composite actions the workflows may call. */
export const DEFAULT_FEDERATION_WIDE_PATHS: readonly string[] = ['.github/actions/'];

/** A repository-relative path as configured: no surrounding blanks, no leading `./` or `/`. */
export function normalizeRepoPath(p: string): string {
  return p.trim().replace(/^(\.\/)+/, '').replace(/^\/+/, '');
}

/** A configured folder as a path prefix: normalized, ending in "/". */
export function asFolder(p: string): string {
  const n = normalizeRepoPath(p);
  return n.endsWith('/') ? n : `${n}/`;
}

/**
 * `.gitattributes` in any folder: it decides what `git archive` (GitHub's tarball) leaves out or rewrites
 * (`export-ignore`, `export-subst`) and how a checkout writes files (`eol`, `text`, `filter`), so it defines what
 * the bot and the runners see, like the workflows do: every peer must approve a change to one.
 */
export function isGitattributesPath(path: string): boolean {
  return path === '.gitattributes' || path.endsWith('/.gitattributes');
}
