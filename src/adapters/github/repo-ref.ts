/** A repository as the REST API addresses it. */
export interface RepoRef {
  readonly owner: string;
  readonly repo: string;
}

/** `owner/name` -> RepoRef; throws with a fix when the text is not of that form. */
export function parseRepoRef(fullName: string): RepoRef {
  const m = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(fullName.trim());
  if (m?.[1] === undefined || m[2] === undefined) {
    throw new Error(`"${fullName}" is not a repository name; write it as owner/name, e.g. acme/federation`);
  }
  return { owner: m[1], repo: m[2] };
}

interface PayloadRepository {
  readonly name: string;
  readonly owner: { readonly login: string };
}

/** The repository a webhook payload is about (undefined when the payload names none). */
export function repoOf(payload: { repository: PayloadRepository }): RepoRef;
export function repoOf(payload: { repository?: PayloadRepository | null }): RepoRef | undefined;
export function repoOf(payload: { repository?: PayloadRepository | null }): RepoRef | undefined {
  const r = payload.repository;
  return r ? { owner: r.owner.login, repo: r.name } : undefined;
}
