import type { TrustDomainBundle } from './evaluate-authorization.js';

/**
 * How AuthorizationPolicy values match, as istio/istio generates Envoy matchers for them:
 * pilot/pkg/security/authz/matcher/string.go `StringMatcherWithPrefix` (`*` alone = any non-empty value,
 * `*x` = suffix, `x*` = prefix, otherwise exact; principals are matched with the `spiffe://` prefix added, which
 * changes nothing for these forms) and pilot/pkg/security/trustdomain/bundle.go `ReplaceTrustDomainAliases`.
 */

export function valueMatches(pattern: string, value: string | undefined): boolean {
  if (value === undefined) return false;
  if (pattern === '*') return value.length > 0;
  if (pattern.startsWith('*')) return value.endsWith(pattern.slice(1));
  if (pattern.endsWith('*')) return value.startsWith(pattern.slice(0, -1));
  return value === pattern;
}

/** A principal pattern against `<td>/ns/<ns>/sa/<sa>` (srcPrincipalGenerator: same forms as `valueMatches`). */
export function principalMatches(pattern: string, principal: string | undefined): boolean {
  return valueMatches(pattern, principal);
}

export function trustDomainOf(principal: string | undefined): string | undefined {
  if (principal === undefined) return undefined;
  const parts = principal.split('/');
  return parts.length === 5 ? parts[0] : undefined;
}

export function sourceNamespaceOf(principal: string | undefined): string | undefined {
  if (principal === undefined) return undefined;
  return /\/ns\/([^/]+)\//.exec(principal)?.[1];
}

/** util.go `prefixMatch` / `suffixMatch` / `stringMatch` (trust domains may carry one `*`). */
function prefixMatch(a: string, pattern: string): boolean {
  return pattern.endsWith('*') && a.startsWith(pattern.slice(0, -1));
}
function suffixMatch(a: string, pattern: string): boolean {
  return pattern.startsWith('*') && a.endsWith(pattern.slice(1));
}
function stringMatch(a: string, list: readonly string[]): boolean {
  return list.some((s) => a === s || s === '*' || prefixMatch(a, s) || prefixMatch(s, a) || suffixMatch(a, s) || suffixMatch(s, a));
}

/**
 * bundle.go `ReplaceTrustDomainAliases`: a 5-part principal whose trust domain matches the local one, one of its
 * aliases or `cluster.local` stands for the same identity in every local trust domain (kept as written where the
 * domain itself matches by wildcard); anything else (other trust domains, a bare `*`, a `*` trust domain, `td` followed
 * by a slash and `*`) is kept.
 */
export function replaceTrustDomainAliases(principals: readonly string[], td: TrustDomainBundle): readonly string[] {
  // Memoised per list and trust domains: the effect model evaluates the same rule (a DENY policy's list of every
  // admitted identity, about as long as the provider's consumers) for every flow and port of a provider, which
  // made this the effect model's heaviest function at 1,000 peers (docs/benchmarks.md). Lists are never mutated.
  if (principals.length === 0) return principals;
  const tdKey = td.aliases === undefined || td.aliases.length === 0 ? td.trustDomain : [td.trustDomain, ...td.aliases].join('\0');
  let byDomain = REPLACED.get(principals);
  if (byDomain === undefined) REPLACED.set(principals, (byDomain = new Map()));
  let out = byDomain.get(tdKey);
  if (out === undefined) byDomain.set(tdKey, (out = replaceAliases(principals, td)));
  return out;
}

const REPLACED = new WeakMap<readonly string[], Map<string, readonly string[]>>();

function replaceAliases(principals: readonly string[], td: TrustDomainBundle): string[] {
  const local = [td.trustDomain, ...(td.aliases ?? [])];
  const out: string[] = [];
  for (const p of principals) {
    const parts = p.split('/');
    const domain = parts[0] as string;
    if (parts.length !== 5 || domain === '*' || !(stringMatch(domain, local) || domain === 'cluster.local')) {
      out.push(p);
      continue;
    }
    const expanded: string[] = [];
    for (const d of local) {
      const replaced = suffixMatch(d, domain) ? p : [d, ...parts.slice(1)].join('/');
      if (!expanded.includes(replaced)) expanded.push(replaced);
    }
    out.push(...expanded);
  }
  return out;
}
