import type { GitHubClient } from '../github-client.js';
import type { RepoRef } from '../repo-ref.js';

/**
 * The bot's one comment per pull request. It is found only among the comments the bot's own identity wrote
 * (pull-request-state.ts, `viewerDidAuthor`), never by its text alone, and its text is never read back as state.
 */
export interface StickyComment {
  readonly id: number;
  readonly body: string;
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
