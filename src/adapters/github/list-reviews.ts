import type { Review, ReviewState } from '../../core/consent/consent-types.js';
import type { GitHubClient } from './github-client.js';
import type { RepoRef } from './repo-ref.js';

const STATES: ReadonlySet<string> = new Set(['APPROVED', 'CHANGES_REQUESTED', 'COMMENTED', 'DISMISSED']);
const PAGE = 100;
/** GitHub keeps at most a few thousand reviews; stop long before that. */
const MAX_PAGES = 30;

/** Every review of the pull request, oldest first, as the consent rule takes them (PENDING drafts left out). */
export async function listReviews(client: GitHubClient, repo: RepoRef, pullNumber: number): Promise<Review[]> {
  const reviews: Review[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const { data } = await client.request('GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews', {
      owner: repo.owner,
      repo: repo.repo,
      pull_number: pullNumber,
      per_page: PAGE,
      page,
    });
    for (const r of data) {
      if (r.user === null || !STATES.has(r.state)) continue;
      reviews.push({
        login: r.user.login,
        commitId: r.commit_id ?? null,
        state: r.state as ReviewState,
        submittedAt: r.submitted_at ?? null,
      });
    }
    if (data.length < PAGE) break;
  }
  return reviews;
}
