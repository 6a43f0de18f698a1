import { describe, expect, it } from 'vitest';
import { re2Problem } from '../../../src/core/validate/match-regex-rules.js';
import { expectCase, type RuleCase } from './case-table.js';
import { at, diagnosticsOf, formatted } from './federation-builder.js';

const IMPORT = 'federation/peers/beta/echo.yaml';
const GW = 'federation/peers/beta/web.yaml';

/** beta routes requests whose x-canary header matches `regex` to alpha's echo. */
function routeImport(regex: string): string {
  return `apiVersion: meshfed.io/v1alpha1\nkind: ServiceImport\nmetadata:\n  name: echo\nspec:\n  from: {peer: alpha, export: echo}\n  route:\n    match:\n      - headers:\n          x-canary: {regex: '${regex}'}\n`;
}

/** beta's EdgeGateway with one header-matched route and a catch-all. */
function edgeGateway(regex: string): string {
  return `apiVersion: meshfed.io/v1alpha1\nkind: EdgeGateway\nmetadata:\n  name: web\nspec:\n  hosts: [echo.beta.example.org]\n  tls: {mode: SIMPLE, credentialName: echo-beta-tls}\n  routes:\n    - match:\n        headers:\n          x-version: {regex: '${regex}'}\n      to: {service: echo, namespace: demo, port: 8080}\n    - to: {service: echo, namespace: demo, port: 8080}\n`;
}

/** Patterns RE2 (Go's regexp, Envoy) refuses although JavaScript's RegExp compiles them. */
const JS_ONLY = [
  ['a lookahead', 'v(?=2)'],
  ['a negative lookbehind', '(?<!x)canary'],
  ['a backreference', '(a)\\1'],
  ['a repeat count over 1000', 'a{1001}'],
] as const;
/** Patterns RE2 refuses. */
const NOT_RE2 = [...JS_ONLY, ['a possessive quantifier', 'a*+']] as const;

/** Patterns RE2 accepts although JavaScript's RegExp refuses them: the check must not be JavaScript's. */
const RE2_ONLY = [
  ['an inline flag', '(?i)canary'],
  ['a Python-style named group', '(?P<major>v[0-9]+)'],
] as const;

const CASES: readonly RuleCase[] = [
  ...NOT_RE2.map(([what, re]): RuleCase => {
    const content = routeImport(re);
    return { name: `an import route with ${what} (${re})`, files: { [IMPORT]: content }, expected: [`import/header-regex-invalid ${at(IMPORT, content, `'${re}`)}`] };
  }),
  ...NOT_RE2.map(([what, re]): RuleCase => {
    const content = edgeGateway(re);
    return { name: `an EdgeGateway route with ${what} (${re})`, files: { [GW]: content }, expected: [`gateway/header-regex-invalid ${at(GW, content, `'${re}`)}`] };
  }),
  ...RE2_ONLY.map(([what, re]): RuleCase => ({ name: `an import route with ${what} (${re})`, files: { [IMPORT]: routeImport(re) }, expected: [] })),
  { name: 'an import route with an unclosed group', files: { [IMPORT]: routeImport('v(2') }, expected: [`import/header-regex-invalid ${at(IMPORT, routeImport('v(2'), "'v(2")}`] },
  { name: 'an import route with a plain RE2 pattern', files: { [IMPORT]: routeImport('^v[0-9]+\\.[0-9]+$') }, expected: [] },
  { name: 'an EdgeGateway route with a plain RE2 pattern', files: { [GW]: edgeGateway('v[0-9]+') }, expected: [] },
];

describe('validateFederation: header regexes are RE2', () => {
  it.each(CASES)('GIVEN $name WHEN validated THEN exactly the expected diagnostics', (c) => expectCase(c));

  it.each(JS_ONLY)('GIVEN %s WHEN JavaScript compiles it THEN it is accepted there, so RegExp would be the wrong check', (_what, re) => {
    expect(() => new RegExp(re)).not.toThrow();
    expect(re2Problem(re)).toBeDefined();
  });

  it.each(RE2_ONLY)('GIVEN %s WHEN JavaScript compiles it THEN it throws, so RegExp would refuse valid RE2', (_what, re) => {
    expect(() => new RegExp(re)).toThrow();
    expect(re2Problem(re)).toBeUndefined();
  });

  it('GIVEN a regex longer than Istio allows WHEN checked THEN it is refused with the limit', () => {
    expect(re2Problem('a'.repeat(1025))).toContain('at most 1024');
    expect(re2Problem('a'.repeat(1024))).toBeUndefined();
  });

  it('GIVEN a lookahead WHEN reported THEN the message says RE2 and the suggested exact match is itself valid', () => {
    const text = formatted({ [IMPORT]: routeImport('v(?=2)') }).join('\n');
    expect(text).toContain('is not valid RE2, the syntax Istio and Envoy use');
    expect(text).toContain('{exact: "v(?=2)"}');
    const fixed = routeImport('v(?=2)').replace("{regex: 'v(?=2)'}", '{exact: "v(?=2)"}');
    expect(diagnosticsOf({ [IMPORT]: fixed })).toEqual([]);
  });
});
