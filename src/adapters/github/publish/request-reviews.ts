import type { ReviewRequest } from '../../../core/consent/consent-types.js';
import type { GitHubClient } from '../github-client.js';
import { describeError, httpStatus } from '../http-status.js';
import type { RepoRef } from '../repo-ref.js';

export interface AlreadyRequested {
  readonly users: readonly string[];
  /** Team slugs. */
  readonly teams: readonly string[];
}

export interface ReviewRequestOutcome {
  readonly users: readonly string[];
  readonly teams: readonly string[];
  /** Sentences for the report when GitHub refused (not a collaborator, team without access, ...). */
  readonly problems: readonly string[];
}

/**
 * Asks the owners of unmet requirements for a review, once: people already requested are left out, teams of
 * other organisations cannot be requested (the API takes slugs of the repository's own organisation only).
 * A refusal or failure is reported, never fatal: the consent check already names everyone who must approve.
 */
export async function requestReviews(
  client: GitHubClient,
  repo: RepoRef,
  pullNumber: number,
  want: ReviewRequest,
  already: AlreadyRequested,
): Promise<ReviewRequestOutcome> {
  const haveUsers = new Set(already.users.map((u) => u.toLowerCase()));
  const haveTeams = new Set(already.teams.map((t) => t.toLowerCase()));
  const users = want.users.filter((u) => !haveUsers.has(u.toLowerCase()));
  const ownOrg = want.teams.filter((t) => t.org.toLowerCase() === repo.owner.toLowerCase());
  const foreign = want.teams.filter((t) => t.org.toLowerCase() !== repo.owner.toLowerCase());
  const teams = ownOrg.map((t) => t.slug).filter((s) => !haveTeams.has(s.toLowerCase()));
  const problems = foreign.map(
    (t) => `GitHub can only request reviews from teams of ${repo.owner}; ask \`@${t.org}/${t.slug}\` to review directly.`,
  );
  if (users.length === 0 && teams.length === 0) return { users: [], teams: [], problems };
  try {
    await client.request('POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers', {
      owner: repo.owner,
      repo: repo.repo,
      pull_number: pullNumber,
      reviewers: users,
      team_reviewers: teams,
    });
    return { users, teams, problems };
  } catch (error) {
    const status = httpStatus(error);
    const who = [...users.map((u) => `@${u}`), ...teams.map((t) => `@${repo.owner}/${t}`)].map((w) => `\`${w}\``).join(', ');
    problems.push(
      status === 422 || status === 403 || status === 404
        ? `GitHub refused to request reviews from ${who} (${describeError(error)}): each must be a collaborator, or a team with access to this repository; ask them directly.`
        : `Could not request reviews from ${who} (${describeError(error)}); ask them directly.`,
    );
    return { users: [], teams: [], problems };
  }
}
