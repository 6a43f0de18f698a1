import { describe, expect, it } from 'vitest';
import { replaceTrustDomainAliases, valueMatches } from '../../../src/core/effect/authorization/authorization-values.js';
import { evaluateAuthorization, type AuthorizationRequest } from '../../../src/core/effect/authorization/evaluate-authorization.js';
import type { IstioConfig, MeshView } from '../../../src/core/effect/istio-config.js';

// istio/istio pilot/pkg/security/trustdomain/bundle_test.go `TestReplaceTrustDomainAliases` (same names).
describe('replaceTrustDomainAliases (bundle.go)', () => {
  const cases: [string, string, string[], string[], string[]][] = [
    ['No trust domain aliases (no change in trust domain)', 'cluster.local', [], ['cluster.local/ns/foo/sa/bar'], ['cluster.local/ns/foo/sa/bar']],
    ['Principal with *', 'cluster.local', [], ['*'], ['*']],
    ['Principal with * prefix', 'cluster.local', [], ['*/ns/foo/sa/bar'], ['*/ns/foo/sa/bar']],
    ['One trust domain alias, one principal', 'td2', ['td1'], ['td1/ns/foo/sa/bar'], ['td2/ns/foo/sa/bar', 'td1/ns/foo/sa/bar']],
    ['One trust domain alias, two principals', 'td1', ['cluster.local'], ['cluster.local/ns/foo/sa/bar', 'cluster.local/ns/yyy/sa/zzz'], ['td1/ns/foo/sa/bar', 'cluster.local/ns/foo/sa/bar', 'td1/ns/yyy/sa/zzz', 'cluster.local/ns/yyy/sa/zzz']],
    ['One trust domain alias, principals with * as-is', 'td1', ['cluster.local'], ['*/ns/foo/sa/bar', '*sa/zzz', '*'], ['*/ns/foo/sa/bar', '*sa/zzz', '*']],
    ['Two trust domain aliases with * prefix in trust domain', 'td2', ['foo-td1', 'cluster.local'], ['*-td1/ns/foo/sa/bar'], ['td2/ns/foo/sa/bar', '*-td1/ns/foo/sa/bar', 'cluster.local/ns/foo/sa/bar']],
    ['Principals not match any trust domains', 'td1', ['td2'], ['some-td/ns/foo/sa/bar'], ['some-td/ns/foo/sa/bar']],
    ['Principals match one alias', 'td1', ['td2', 'some-td'], ['some-td/ns/foo/sa/bar'], ['td1/ns/foo/sa/bar', 'td2/ns/foo/sa/bar', 'some-td/ns/foo/sa/bar']],
    ['Trust domain is empty string', 'new-td', ['td2', 'td3'], ['/ns/some-ns/sa/some-sa'], ['/ns/some-ns/sa/some-sa']],
    ['No duplicated principals for prefix', 'new-td', ['old-td'], ['*-td/ns/some-ns/sa/some-sa'], ['*-td/ns/some-ns/sa/some-sa']],
  ];
  it.each(cases)('%s', (_name, trustDomain, aliases, principals, expected) => {
    expect(replaceTrustDomainAliases(principals, { trustDomain, aliases })).toEqual(expected);
  });

  it('GIVEN one list evaluated under several trust domains, in turn and again WHEN replaced THEN each answer is that of its own trust domains (the memo is keyed by both)', () => {
    const list = ['td1/ns/foo/sa/bar'];
    const bundles = [{ trustDomain: 'td2', aliases: ['td1'] }, { trustDomain: 'td1' }, { trustDomain: 'td3', aliases: ['td1', 'x'] }];
    const expected = [['td2/ns/foo/sa/bar', 'td1/ns/foo/sa/bar'], ['td1/ns/foo/sa/bar'], ['td3/ns/foo/sa/bar', 'td1/ns/foo/sa/bar', 'x/ns/foo/sa/bar']];
    for (let round = 0; round < 2; round++) bundles.forEach((td, i) => expect(replaceTrustDomainAliases(list, td)).toEqual(expected[i]));
  });
});

// pilot/pkg/security/authz/matcher/string_test.go `TestStringMatcherWithPrefix`: `*` any non-empty value,
// `*x` suffix, `x*` prefix, otherwise exact.
describe('valueMatches (matcher/string.go StringMatcherWithPrefix)', () => {
  it.each([
    ['*', 'anything', true],
    ['*', '', false],
    ['*-suffix', 'abc-suffix', true],
    ['prefix-*', 'prefix-abc', true],
    ['prefix-*', 'other', false],
    ['exact', 'exact', true],
    ['exact', 'exactly', false],
  ])('pattern %s against %s: %s', (pattern, value, want) => {
    expect(valueMatches(pattern, value)).toBe(want);
  });
});

const ap = (name: string, namespace: string, spec: Record<string, unknown>): IstioConfig => ({ kind: 'AuthorizationPolicy', metadata: { name, namespace }, spec });
const req = (principal: string | undefined, extra: Partial<AuthorizationRequest> = {}): AuthorizationRequest => ({
  workloadNamespace: 'shop',
  workloadLabels: { app: 'catalog' },
  principal,
  sni: 'outbound_.80_._.catalog.shop.svc.cluster.local',
  port: 80,
  protocol: 'http',
  http: { method: 'GET', path: '/' },
  ...extra,
});
const td = { trustDomain: 'milan.example' };

describe('evaluateAuthorization (authorization.go ListAuthorizationPolicies, builder.go, Envoy RBAC)', () => {
  it('GIVEN no policy WHEN a request arrives THEN it is allowed', () => {
    expect(evaluateAuthorization({ rootNamespace: 'istio-system', configs: [] }, req('milan.example/ns/shop/sa/a'), td).allowed).toBe(true);
  });

  it('GIVEN a restrictive ALLOW WHEN another own-domain caller arrives THEN it is denied by default-deny', () => {
    const mesh: MeshView = { rootNamespace: 'istio-system', configs: [ap('frontend-only', 'shop', { rules: [{ from: [{ source: { principals: ['milan.example/ns/shop/sa/frontend'] } }] }] })] };
    expect(evaluateAuthorization(mesh, req('milan.example/ns/shop/sa/frontend'), td)).toEqual({ allowed: true, reason: 'ALLOW shop/frontend-only rule 0' });
    expect(evaluateAuthorization(mesh, req('milan.example/ns/shop/sa/other'), td)).toEqual({ allowed: false, reason: 'no ALLOW rule matched' });
  });

  it('GIVEN a second, broad ALLOW next to a restrictive one WHEN any own-domain caller arrives THEN it is allowed (ALLOW policies are ORed: the widening bug)', () => {
    const mesh: MeshView = {
      rootNamespace: 'istio-system',
      configs: [
        ap('frontend-only', 'shop', { rules: [{ from: [{ source: { principals: ['milan.example/ns/shop/sa/frontend'] } }] }] }),
        ap('broad', 'shop', { rules: [{ from: [{ source: { principals: ['milan.example/*'] } }] }] }),
      ],
    };
    expect(evaluateAuthorization(mesh, req('milan.example/ns/shop/sa/other'), td).allowed).toBe(true);
  });

  it('GIVEN a root-namespace DENY of principals ["*"] except some WHEN a plaintext or excepted caller arrives THEN it passes; another authenticated one is denied', () => {
    const mesh: MeshView = { rootNamespace: 'istio-system', configs: [ap('deny', 'istio-system', { action: 'DENY', rules: [{ from: [{ source: { principals: ['*'], notPrincipals: ['milan.example/*'] } }] }] })] };
    expect(evaluateAuthorization(mesh, req(undefined), td).allowed).toBe(true);
    expect(evaluateAuthorization(mesh, req('milan.example/ns/x/sa/y'), td).allowed).toBe(true);
    expect(evaluateAuthorization(mesh, req('turin.example/ns/x/sa/y'), td)).toEqual({ allowed: false, reason: 'DENY istio-system/deny rule 0' });
  });

  it('GIVEN a DENY conditioned on connection.sni notValues WHEN the SNI is listed THEN the rule does not match', () => {
    const mesh: MeshView = {
      rootNamespace: 'istio-system',
      configs: [ap('deny', 'shop', { action: 'DENY', rules: [{ from: [{ source: { principals: ['turin.example/ns/a/sa/b'] } }], when: [{ key: 'connection.sni', notValues: ['outbound_.80_._.catalog.shop.svc.cluster.local'] }] }] })],
    };
    expect(evaluateAuthorization(mesh, req('turin.example/ns/a/sa/b'), td).allowed).toBe(true);
    expect(evaluateAuthorization(mesh, req('turin.example/ns/a/sa/b', { sni: 'outbound_.81_._.catalog.shop.svc.cluster.local' }), td).allowed).toBe(false);
  });

  it('GIVEN an ALLOW with an HTTP-only condition on a TCP port WHEN evaluated THEN that rule matches nothing; in a DENY the condition is dropped (model.go checkError)', () => {
    const rule = { from: [{ source: { principals: ['turin.example/ns/a/sa/b'] } }], to: [{ operation: { paths: ['/admin'] } }] };
    const allow: MeshView = { rootNamespace: 'istio-system', configs: [ap('a', 'shop', { rules: [rule] })] };
    const deny: MeshView = { rootNamespace: 'istio-system', configs: [ap('d', 'shop', { action: 'DENY', rules: [rule] })] };
    const tcp = req('turin.example/ns/a/sa/b', { protocol: 'tcp' });
    expect(evaluateAuthorization(allow, tcp, td).allowed).toBe(false);
    expect(evaluateAuthorization(deny, tcp, td).allowed).toBe(false);
    expect(evaluateAuthorization(deny, req('turin.example/ns/a/sa/b'), td).allowed).toBe(true);
  });

  it('GIVEN a policy with a selector for other workloads, or one in another namespace WHEN evaluated THEN it does not apply', () => {
    const mesh: MeshView = {
      rootNamespace: 'istio-system',
      configs: [ap('other-app', 'shop', { selector: { matchLabels: { app: 'cart' } }, rules: [] }), ap('elsewhere', 'ml', { rules: [] })],
    };
    expect(evaluateAuthorization(mesh, req('milan.example/ns/shop/sa/a'), td)).toEqual({ allowed: true, reason: 'no ALLOW policy' });
  });

  it('GIVEN an ALLOW policy with no rules WHEN evaluated THEN it matches nothing and denies everything (rbacPolicyMatchNever)', () => {
    const mesh: MeshView = { rootNamespace: 'istio-system', configs: [ap('none', 'shop', {})] };
    expect(evaluateAuthorization(mesh, req('milan.example/ns/shop/sa/a'), td).allowed).toBe(false);
  });
});
