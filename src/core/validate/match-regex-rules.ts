import { RE2JS } from 're2js';
import type { HttpMatchIntent } from '../render/consumer/http-match.js';
import type { Located, PeerModel } from '../model/federation-model.js';
import type { Path, ValidationContext } from './validation-context.js';

/**
 * Istio's longest accepted regex: `pkg/config/validation/validation.go` `validateStringRegexp` refuses anything
 * longer, as a stand-in for Envoy's RE2 program-size limit.
 */
export const MAX_REGEX_LENGTH = 1024;

/**
 * Header `regex` matches of ServiceImport `route.match[]` and EdgeGateway `routes[].match`, checked as Istio and
 * Envoy read them: RE2 syntax, not JavaScript's. Istio compiles the pattern with Go's `regexp` (RE2 syntax) in
 * `validateStringRegexp` and Envoy matches it with Google RE2 (`safe_regex`): lookaround, backreferences and
 * possessive quantifiers are errors there, and a VirtualService holding one is refused by the API server's
 * validating webhook, so nothing of the change would apply. re2js is a pure-JS port of RE2 (through RE2/J, the
 * engine Go's `regexp` also follows); JavaScript's RegExp would accept `(?=...)` and `\1`.
 * Envoy matches the whole header value (RE2 full match), so `canary` matches only "canary", not "x-canary-1".
 */
export function checkMatchRegexes(ctx: ValidationContext, p: PeerModel): void {
  for (const imp of p.imports) {
    imp.value.spec.route?.match.forEach((m, i) => checkMatch(ctx, imp, m, ['spec', 'route', 'match', i], 'import/header-regex-invalid'));
  }
  for (const g of p.gateways) {
    g.value.spec.routes.forEach((r, i) => checkMatch(ctx, g, r.match, ['spec', 'routes', i, 'match'], 'gateway/header-regex-invalid'));
  }
}

function checkMatch(ctx: ValidationContext, intent: Located<unknown>, match: HttpMatchIntent | undefined, at: Path, code: string): void {
  for (const [header, m] of Object.entries(match?.headers ?? {})) {
    if (!('regex' in m)) continue;
    const problem = re2Problem(m.regex);
    if (problem === undefined) continue;
    ctx.at(
      intent,
      [...at, 'headers', header, 'regex'],
      code,
      `header "${header}" regex ${JSON.stringify(m.regex)} is not valid RE2, the syntax Istio and Envoy use: ${problem}`,
      m.regex.length > MAX_REGEX_LENGTH
        ? `shorten it to at most ${MAX_REGEX_LENGTH} characters, or match with {prefix: ...} or {exact: ...}`
        : `rewrite it in RE2 syntax (no lookahead/lookbehind, backreferences or possessive quantifiers; https://github.com/google/re2/wiki/Syntax), or match the text literally with {exact: ${JSON.stringify(m.regex)}}`,
    );
  }
}

/** Why RE2 (as Istio's validation and Envoy see it) refuses `pattern`, or undefined when it accepts it. */
export function re2Problem(pattern: string): string | undefined {
  if (pattern.length > MAX_REGEX_LENGTH) return `it is ${pattern.length} characters long and Istio accepts at most ${MAX_REGEX_LENGTH}`;
  try {
    RE2JS.compile(pattern);
    return undefined;
  } catch (cause) {
    return (cause instanceof Error ? cause.message : String(cause)).replace(/^error parsing regexp: /, '');
  }
}
