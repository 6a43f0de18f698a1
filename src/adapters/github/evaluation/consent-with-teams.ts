import type { ConsentInput, ConsentResult } from '../../../core/consent/consent-types.js';
import { currentApprovals } from '../../../core/consent/current-approvals.js';
import { evaluateConsent } from '../../../core/consent/evaluate-consent.js';
import { normalizeLogin, teamsToResolve } from '../../../core/consent/owners.js';
import type { BotConfig } from '../bot-config.js';
import { consentOptions } from '../bot-config.js';
import type { GitHubClient } from '../github-client.js';
import { whoPushedHead, type HeadPusher, type HeadPushQuestion } from './head-pusher.js';
import { resolveTeamMembers, type TeamLookup } from './resolve-team-members.js';

export interface ConsentEvaluation {
  readonly consent: ConsentResult;
  /** Team lookups GitHub refused, team -> reason. */
  readonly teamProblems: ReadonlyMap<string, string>;
  /** Who pushed the head, when the rule had to ask (head-pusher.ts). */
  readonly pusher?: HeadPusher;
}

type Input = Omit<ConsentInput, 'teamMembers' | 'options'>;

/**
 * The consent rule with team membership and the head's pusher read through the API, economically:
 * - a first pass without teams finds the unmet requirements; only their owner teams are asked about, and only
 *   for the logins that can count (current approvers and the author); a second pass gives the answer;
 * - only when that answer counts the author's ownership as approval is GitHub asked who pushed the head
 *   (head-pusher.ts). Pushed by someone else, or not known: the rule runs again without authorship.
 */
export async function evaluateConsentWithTeams(client: GitHubClient, config: BotConfig, input: Input, push?: HeadPushQuestion): Promise<ConsentEvaluation> {
  const counted = await withTeams(client, config, input);
  if (push === undefined || !usesAuthorship(counted.consent)) return counted;
  const pusher = await whoPushedHead(client, push);
  const headPushedBy = 'login' in pusher ? { login: pusher.login } : { unknown: pusher.unknown, ...(pusher.settle === undefined ? {} : { settle: pusher.settle }) };
  return { ...(await withTeams(client, config, { ...input, headPushedBy })), pusher };
}

function usesAuthorship(c: ConsentResult): boolean {
  return c.peers.some((p) => p.approvals.some((a) => a.via === 'author')) || (c.admission?.approvingPeers.length ?? 0) > 0;
}

async function withTeams(client: GitHubClient, config: BotConfig, input: Input): Promise<ConsentEvaluation> {
  const options = consentOptions(config);
  const allTeams = teamsToResolve(input.base);
  const empty = new Map(allTeams.map((t) => [t, new Set<string>()]));
  const first = evaluateConsent({ ...input, teamMembers: empty, options });
  if (first.satisfied || allTeams.length === 0) return { consent: first, teamProblems: new Map() };

  // The owner teams of the unmet requirements: exactly the teams the first pass asks reviews from.
  const teams = first.requestReviews.teams.map((t) => `@${t.org}/${t.slug}`);
  const logins = [...new Set([...currentApprovals(input.reviews, input.headSha, input.author), normalizeLogin(input.author)])].filter((l) => l !== '');
  const lookups: TeamLookup[] = teams.flatMap((team) => logins.map((login) => ({ team, login })));
  if (lookups.length === 0) return { consent: first, teamProblems: new Map() };

  const resolved = await resolveTeamMembers(client, lookups, { maxCalls: config.maxTeamLookups });
  const teamMembers = new Map<string, ReadonlySet<string>>();
  for (const t of allTeams) {
    if (resolved.failed.has(t)) continue; // reported as unresolved by the consent rule
    teamMembers.set(t, resolved.members.get(t) ?? new Set());
  }
  return { consent: evaluateConsent({ ...input, teamMembers, options }), teamProblems: resolved.failed };
}
