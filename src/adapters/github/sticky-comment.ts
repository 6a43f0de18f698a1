import { isStickyComment, parseStickyMarker, type StickyMarker } from '../../core/report/pr-comment.js';
import type { GitHubClient } from './github-client.js';
import type { RepoRef } from './repo-ref.js';

/**
 * The bot's one comment per pull request, found by its hidden marker (never by author or position, so it
 * works with an App, with GITHUB_TOKEN in Actions, and after someone else comments).
 */
export interface StickyComment {
  readonly id: number;
  readonly body: string;
  readonly marker: StickyMarker | undefined;
}

const PAGE = 100;
/** Pull requests with more comments than this are searched no further (the bot comments early, on page 1). */
const MAX_PAGES = 10;

export async function findStickyComment(client: GitHubClient, repo: RepoRef, issueNumber: number): Promise<StickyComment | undefined> {
  for (let page = 1; page <= MAX_PAGES; page++) {
    const { data } = await client.request('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', {
      owner: repo.owner,
      repo: repo.repo,
      issue_number: issueNumber,
      per_page: PAGE,
      page,
    });
    const found = data.find((c) => isStickyComment(c.body));
    if (found !== undefined) return { id: Number(found.id), body: found.body ?? '', marker: parseStickyMarker(found.body ?? '') };
    if (data.length < PAGE) return undefined;
  }
  return undefined;
}

/** Edits the sticky comment in place, or creates it; returns its id. Skips the write when nothing changed. */
export async function upsertStickyComment(
  client: GitHubClient,
  repo: RepoRef,
  issueNumber: number,
  existing: StickyComment | undefined,
  body: string,
): Promise<number> {
  if (existing !== undefined) {
    if (existing.body === body) return existing.id;
    await client.request('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', {
      owner: repo.owner,
      repo: repo.repo,
      comment_id: existing.id,
      body,
    });
    return existing.id;
  }
  const { data } = await client.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
    owner: repo.owner,
    repo: repo.repo,
    issue_number: issueNumber,
    body,
  });
  return Number(data.id);
}
