import type { PeerModel } from '../model/federation-model.js';
import type { ValidationContext } from './validation-context.js';

/**
 * GitHub logins: letters, digits and single or double hyphens (older accounts), not starting or ending with a
 * hyphen, at most 39 characters; Enterprise Managed Users add "_shortcode". Organisation names follow the
 * same rules; team slugs are lowercase letters, digits, "-" and "_".
 */
const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?(?:_[A-Za-z0-9]+)?$/;
const TEAM_SLUG = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;

/** Explains why an owner is not a valid `@login` or `@org/team-slug`, or returns undefined when it is. */
function ownerProblem(owner: string): { message: string; hint: string } | undefined {
  const o = owner.trim();
  if (/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(o)) {
    return { message: `owner "${owner}" is an e-mail address`, hint: 'write the GitHub login instead, e.g. "@alice"' };
  }
  if (/^https?:\/\//.test(o)) {
    const m = /github\.com\/(?:orgs\/([^/]+)\/teams\/([^/?#]+)|([^/?#]+))/.exec(o);
    const fix = m ? (m[1] ? `@${m[1]}/${m[2]}` : `@${m[3]}`) : '@login';
    return { message: `owner "${owner}" is a URL`, hint: `write it as "${fix}"` };
  }
  if (!o.startsWith('@')) {
    return { message: `owner "${owner}" does not start with "@"`, hint: `write "@${o}" for a GitHub user, or "@org/team-slug" for a team` };
  }
  const body = o.slice(1);
  const slash = body.indexOf('/');
  if (slash < 0) {
    if (LOGIN.test(body)) return undefined;
    return {
      message: `owner "${owner}" is not a valid GitHub login`,
      hint: 'logins have at most 39 letters, digits or hyphens and do not start or end with a hyphen',
    };
  }
  const org = body.slice(0, slash);
  const team = body.slice(slash + 1);
  if (!LOGIN.test(org)) {
    return { message: `owner "${owner}": "${org}" is not a valid GitHub organisation name`, hint: 'write "@org/team-slug" with the organisation\'s login' };
  }
  if (!TEAM_SLUG.test(team)) {
    return {
      message: `owner "${owner}": "${team}" is not a GitHub team slug`,
      hint: 'use the team\'s slug as in its URL github.com/orgs/ORG/teams/SLUG: lowercase, with "-" instead of spaces',
    };
  }
  return undefined;
}

/** `peer/owner-invalid`, `peer/owner-duplicate`. */
export function checkOwners(ctx: ValidationContext, p: PeerModel): void {
  const intent = p.peer;
  if (!intent) return;
  const seen = new Set<string>();
  intent.value.spec.owners.forEach((owner, i) => {
    const problem = ownerProblem(owner);
    if (problem) ctx.at(intent, ['spec', 'owners', i], 'peer/owner-invalid', problem.message, problem.hint);
    const key = owner.trim().toLowerCase();
    if (seen.has(key)) {
      ctx.at(intent, ['spec', 'owners', i], 'peer/owner-duplicate', `owner "${owner}" is listed twice`, 'list each owner once', 'warning');
    }
    seen.add(key);
  });
}
