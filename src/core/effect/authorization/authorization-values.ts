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

/**
 * bundle.go `ReplaceTrustDomainAliases`: a 5-part principal whose trust domain is the local one, one of its
 * aliases or `cluster.local` stands for the same identity in every local trust domain; anything else (other
 * trust domains, `td/*`, `*`) is kept as it is.
 */
export function replaceTrustDomainAliases(principals: readonly string[], td: TrustDomainBundle): string[] {
  const local = [td.trustDomain, ...(td.aliases ?? [])];
  const out: string[] = [];
  for (const p of principals) {
    const parts = p.split('/');
    if (parts.length !== 5 || parts[0] === '*') {
      out.push(p);
      continue;
    }
    const domain = parts[0] as string;
    if (local.includes(domain) || domain === 'cluster.local') {
      for (const d of local) {
        const replaced = [d, ...parts.slice(1)].join('/');
        if (!out.includes(replaced)) out.push(replaced);
      }
    } else out.push(p);
  }
  return out;
}
