import type { FederationModel } from '../model/federation-model.js';

export type OwnerRef =
  | { readonly type: 'user'; readonly raw: string; readonly login: string }
  | { readonly type: 'team'; readonly raw: string; readonly org: string; readonly slug: string; readonly key: string };

const USER = /^@([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)$/;
const TEAM = /^@([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)\/([A-Za-z0-9_.-]+)$/;

/**
 * `@login` or `@org/team-slug`, as peer.yaml writes owners. GitHub logins, organisations and team slugs are
 * case-insensitive, so `login`, `org`, `slug` and `key` (`@org/slug`) are lower-cased. Anything else: undefined.
 */
export function parseOwner(raw: string): OwnerRef | undefined {
  const s = raw.trim();
  const user = USER.exec(s);
  if (user?.[1] !== undefined) return { type: 'user', raw, login: user[1].toLowerCase() };
  const team = TEAM.exec(s);
  if (team?.[1] !== undefined && team[2] !== undefined) {
    const org = team[1].toLowerCase();
    const slug = team[2].toLowerCase();
    return { type: 'team', raw, org, slug, key: `@${org}/${slug}` };
  }
  return undefined;
}

export function normalizeLogin(login: string): string {
  return login.trim().replace(/^@/, '').toLowerCase();
}

/** The owners a peer has in `model` (as written), or [] when the folder has no Peer document. */
export function ownersOf(model: FederationModel, peer: string): readonly string[] {
  return model.peers.get(peer)?.peer?.value.spec.owners ?? [];
}

/** Peers of `model` that have a Peer document, i.e. a defined set of owners. */
export function peersWithPeerDocument(model: FederationModel): string[] {
  return [...model.peers.values()].filter((p) => p.peer !== undefined).map((p) => p.name).sort();
}

/**
 * Every team named as an owner in the base (`@org/slug`, lower-cased, sorted): the teams whose members the
 * caller must resolve (GitHub API) before calling `evaluateConsent`.
 */
export function teamsToResolve(base: FederationModel): string[] {
  const teams = new Set<string>();
  for (const p of base.peers.values()) {
    for (const raw of p.peer?.value.spec.owners ?? []) {
      const o = parseOwner(raw);
      if (o?.type === 'team') teams.add(o.key);
    }
  }
  return [...teams].sort();
}

/** `teamMembers` with lower-cased keys and logins, so lookups ignore case like GitHub does. */
export function normalizeTeamMembers(
  teamMembers: ReadonlyMap<string, ReadonlySet<string>>,
): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const [team, members] of teamMembers) {
    const key = team.trim().toLowerCase().replace(/^@?/, '@');
    const set = out.get(key) ?? new Set<string>();
    for (const m of members) set.add(normalizeLogin(m));
    out.set(key, set);
  }
  return out;
}

/** The owner entry through which `login` belongs to `owners`, or undefined. Users first, then teams in order. */
export function ownerEntryFor(
  login: string,
  owners: readonly string[],
  teams: ReadonlyMap<string, ReadonlySet<string>>,
): string | undefined {
  const who = normalizeLogin(login);
  const parsed = owners.map(parseOwner);
  for (const o of parsed) if (o?.type === 'user' && o.login === who) return o.raw;
  for (const o of parsed) if (o?.type === 'team' && teams.get(o.key)?.has(who) === true) return o.raw;
  return undefined;
}
