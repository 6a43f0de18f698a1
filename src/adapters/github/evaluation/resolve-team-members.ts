import { parseOwner } from '../../../core/consent/owners.js';
import type { GitHubClient } from '../github-client.js';
import { describeError, httpStatus } from '../http-status.js';

export interface TeamLookup {
  /** `@org/slug` as the consent rule keys teams. */
  readonly team: string;
  readonly login: string;
}

export interface TeamResolution {
  /** Team -> the looked-up logins that are active members (only teams whose every lookup succeeded). */
  readonly members: Map<string, Set<string>>;
  /** Teams at least one lookup failed for (no permission, rate limit): reported, not guessed. */
  readonly failed: Map<string, string>;
  readonly calls: number;
}

/**
 * Team membership the consent rule needs, asked one (team, login) pair at a time:
 * `GET /orgs/{org}/teams/{team_slug}/memberships/{username}` (404 = not a member, `pending` = not yet).
 * Only the logins that can make a difference (current approvers, the author) and only the teams of unmet
 * requirements are asked, so the number of calls follows the change, not the size of the federation.
 */
export async function resolveTeamMembers(
  client: GitHubClient,
  lookups: readonly TeamLookup[],
  options: { readonly maxCalls: number; readonly concurrency?: number },
): Promise<TeamResolution> {
  const unique = new Map<string, TeamLookup>();
  for (const l of lookups) unique.set(`${l.team.toLowerCase()}\u0000${l.login.toLowerCase()}`, { team: l.team.toLowerCase(), login: l.login.toLowerCase() });
  const todo = [...unique.values()].sort((a, b) => (a.team + a.login < b.team + b.login ? -1 : 1));
  const members = new Map<string, Set<string>>();
  const failed = new Map<string, string>();
  for (const l of todo) if (!members.has(l.team)) members.set(l.team, new Set());
  const capped = todo.slice(0, options.maxCalls);
  for (const l of todo.slice(options.maxCalls)) failed.set(l.team, `more than ${options.maxCalls} membership lookups needed`);

  let next = 0;
  let calls = 0;
  const worker = async (): Promise<void> => {
    while (next < capped.length) {
      const l = capped[next++] as TeamLookup;
      const owner = parseOwner(l.team);
      if (owner?.type !== 'team') continue;
      calls++;
      try {
        const { data } = await client.request('GET /orgs/{org}/teams/{team_slug}/memberships/{username}', {
          org: owner.org,
          team_slug: owner.slug,
          username: l.login,
        });
        if (data.state === 'active') members.get(l.team)?.add(l.login);
      } catch (error) {
        if (httpStatus(error) === 404) continue;
        failed.set(l.team, describeError(error));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 4, capped.length) }, worker));
  for (const t of failed.keys()) members.delete(t);
  return { members, failed, calls };
}
