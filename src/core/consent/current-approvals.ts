import type { Review } from './consent-types.js';
import { normalizeLogin } from './owners.js';

/**
 * Logins (lower-cased) whose approval stands on `headSha`: for each reviewer, the latest review that is not a
 * plain comment decides (GitHub's own rule: a COMMENTED review neither grants nor withdraws approval). It counts
 * only if it is APPROVED and was given on `headSha`: a later CHANGES_REQUESTED or DISMISSED cancels it, and an
 * approval of an older commit does not carry over to new pushes. The author's own reviews never count here
 * (authorship is handled separately).
 */
export function currentApprovals(reviews: readonly Review[], headSha: string, author: string): Set<string> {
  const latest = new Map<string, Review>();
  for (const r of chronological(reviews)) {
    if (r.state === 'COMMENTED') continue;
    latest.set(normalizeLogin(r.login), r);
  }
  const head = headSha.trim().toLowerCase();
  const authorLogin = normalizeLogin(author);
  const approved = new Set<string>();
  for (const [login, r] of latest) {
    if (login === authorLogin || login === '') continue;
    if (r.state === 'APPROVED' && r.commitId !== null && r.commitId.trim().toLowerCase() === head && head !== '') {
      approved.add(login);
    }
  }
  return approved;
}

/** Reviews oldest first: by `submittedAt` when every review has a valid one (stable), else in the given order. */
function chronological(reviews: readonly Review[]): readonly Review[] {
  const timed = reviews.map((r, i) => ({ r, i, t: typeof r.submittedAt === 'string' ? Date.parse(r.submittedAt) : NaN }));
  if (!timed.every((x) => Number.isFinite(x.t))) return reviews;
  return timed.sort((a, b) => a.t - b.t || a.i - b.i).map((x) => x.r);
}
