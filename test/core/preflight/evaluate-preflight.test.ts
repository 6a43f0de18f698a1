import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { evaluatePreflight } from '../../../src/core/preflight/evaluate-preflight.js';
import { PREFLIGHT_CODES } from '../../../src/core/preflight/preflight-report.js';
import { LEAF_PEM, OTHER_ROOT_FINGERPRINT, OTHER_ROOT_PEM, SHARED_ROOT_FINGERPRINT, SHARED_ROOT_PEM } from '../mesh/mesh-fixtures.js';
import { REPO_ROOT } from '../render/example-federations.js';
import { ABSENT, examplePeer, found, live, meshTextFromFragment, readyInput } from './preflight-fixtures.js';

const milan = examplePeer('three-peer-mesh', 'milan');
const codes = (r: ReturnType<typeof evaluatePreflight>) => r.problems.map((p) => p.code);

describe('evaluatePreflight: trust domains and the shared root', () => {
  it('GIVEN a cluster installed with what mesh-config prints and the federation\'s root WHEN checked THEN it passes with nothing to say, for every peer of both examples', () => {
    for (const [example, peers] of [['federation', ['gke', 'tein']], ['three-peer-mesh', ['milan', 'turin', 'virginia']]] as const) {
      for (const peer of peers) {
        const { req, desired } = examplePeer(example, peer);
        const report = evaluatePreflight(readyInput(req, desired));
        expect(report, `${example}/${peer}`).toMatchObject({ status: 'passed', problems: [], warnings: [] });
      }
    }
  });

  it('GIVEN a cluster that lacks one consumer\'s trust domain WHEN checked THEN it is refused naming the consumer, what is accepted, and the entry to add', () => {
    const mesh = stringify({ trustDomain: 'milan.boutique.example', caCertificates: [{ trustDomains: ['turin.boutique.example'] }], defaultConfig: { meshId: 'boutique' } });
    const report = evaluatePreflight(readyInput(milan.req, milan.desired, { meshConfigMap: found({ mesh }) }));
    expect(report.status).toBe('refused');
    expect(report.problems).toHaveLength(1);
    const [p] = report.problems;
    expect(p?.code).toBe('preflight/consumer-trust-domain-rejected');
    expect(p?.message).toContain('reject the client certificates of virginia.boutique.example (peer virginia, consumer of catalog)');
    expect(p?.message).toContain('accepts only the trust domains milan.boutique.example, turin.boutique.example');
    expect(p?.message).toContain('ConfigMap istio-system/istio (key mesh)');
    expect(p?.fragment).toBe('meshConfig:\n  caCertificates:\n    - trustDomains:\n        - virginia.boutique.example\n');
  });

  it('GIVEN the refusal\'s fragment added next to the existing entry WHEN checked again THEN the cluster passes (the fix works)', () => {
    const mesh = { trustDomain: 'milan.boutique.example', caCertificates: [{ trustDomains: ['turin.boutique.example'] }], defaultConfig: { meshId: 'boutique' } };
    const first = evaluatePreflight(readyInput(milan.req, milan.desired, { meshConfigMap: found({ mesh: stringify(mesh) }) }));
    const fragment = parse(first.problems[0]?.fragment ?? '', { schema: 'core' }) as { meshConfig: { caCertificates: object[] } };
    const fixed = stringify({ ...mesh, caCertificates: [...mesh.caCertificates, ...fragment.meshConfig.caCertificates] });
    expect(evaluatePreflight(readyInput(milan.req, milan.desired, { meshConfigMap: found({ mesh: fixed }) })).status).toBe('passed');
  });

  it('GIVEN the consumers listed as trustDomainAliases WHEN checked THEN it is refused: aliases widen AuthorizationPolicy', () => {
    const mesh = stringify({ trustDomain: 'milan.boutique.example', trustDomainAliases: ['turin.boutique.example', 'virginia.boutique.example', 'cluster.local'], defaultConfig: { meshId: 'boutique' } });
    const report = evaluatePreflight(readyInput(milan.req, milan.desired, { meshConfigMap: found({ mesh }) }));
    expect(codes(report)).toEqual(['preflight/trust-domain-alias', 'preflight/trust-domain-alias']);
    expect(report.problems[0]?.message).toContain('a rule admitting milan.boutique.example/* also admits every workload of peer turin');
    expect(report.problems[0]?.fix).toBe('remove turin.boutique.example from trustDomainAliases and list it under caCertificates[].trustDomains, which passes the mTLS check without that rewrite');
  });

  it('GIVEN no mesh config at all (Istio\'s defaults) in the istio ConfigMap WHEN checked THEN both the trust domain and the consumers are named', () => {
    const report = evaluatePreflight(readyInput(milan.req, milan.desired, { meshConfigMap: found({}) }));
    expect(codes(report)).toEqual(['preflight/trust-domain-mismatch', 'preflight/consumer-trust-domain-rejected']);
    expect(report.problems[0]?.message).toContain('the cluster\'s trust domain is "cluster.local"');
    expect(report.problems[0]?.fragment).toBe('meshConfig:\n  trustDomain: milan.boutique.example\n');
    expect(report.warnings[0]).toContain('meshConfig.defaultConfig.meshId is not set (Istio then uses the trust domain "cluster.local")');
  });

  it('GIVEN a revisioned istiod in its own namespace and no ConfigMap there WHEN checked THEN the refusal names istio-<revision> in that namespace', () => {
    const req = { ...milan.req, istio: { namespace: 'mesh-control', revision: 'canary' } };
    const report = evaluatePreflight(readyInput(req, milan.desired, { meshConfigMap: ABSENT }));
    expect(codes(report)).toEqual(['preflight/mesh-config-missing']);
    expect(report.problems[0]?.message).toContain('ConfigMap mesh-control/istio-canary (key mesh) does not exist');
    expect(report.checked[0]).toBe('ConfigMap mesh-control/istio-canary (key mesh)');
  });

  it('GIVEN an unparsable mesh config WHEN checked THEN it is refused as unreadable', () => {
    expect(codes(evaluatePreflight(readyInput(milan.req, milan.desired, { meshConfigMap: found({ mesh: 'trustDomain: [' }) })))).toEqual(['preflight/mesh-config-unreadable']);
  });

  it('GIVEN another meshId WHEN checked THEN it passes with a warning (meshID labels telemetry, it admits nobody)', () => {
    const mesh = meshTextFromFragment(milan.req).replace('meshId: boutique', 'meshId: other');
    const report = evaluatePreflight(readyInput(milan.req, milan.desired, { meshConfigMap: found({ mesh }) }));
    expect(report.status).toBe('passed');
    expect(report.warnings).toEqual([expect.stringContaining('meshConfig.defaultConfig.meshId is "other", the federation\'s meshID is "boutique"')]);
  });

  it('GIVEN istiod publishing another root WHEN checked THEN it is refused with both fingerprints as openssl prints them', () => {
    const report = evaluatePreflight(readyInput(milan.req, milan.desired, { rootCertConfigMap: found({ 'root-cert.pem': OTHER_ROOT_PEM }) }));
    expect(codes(report)).toEqual(['preflight/root-ca-mismatch']);
    expect(report.problems[0]?.message).toContain(`holds ${OTHER_ROOT_FINGERPRINT} (O=someone else, CN=Other Root CA), while rootCA.fingerprint in federation.yaml is ${SHARED_ROOT_FINGERPRINT}`);
  });

  it('GIVEN a root bundle holding the federation\'s root and another (a rotation) WHEN checked THEN it passes with a warning naming the other', () => {
    const report = evaluatePreflight(readyInput(milan.req, milan.desired, { rootCertConfigMap: found({ 'root-cert.pem': `${OTHER_ROOT_PEM}${SHARED_ROOT_PEM}` }) }));
    expect(report.status).toBe('passed');
    expect(report.warnings).toEqual([expect.stringContaining(`also holds 1 other root certificate(s): ${OTHER_ROOT_FINGERPRINT}`)]);
  });

  it.each([
    ['no istio-ca-root-cert ConfigMap', ABSENT, 'preflight/root-cert-missing'],
    ['a ConfigMap without root-cert.pem', found({}), 'preflight/root-cert-missing'],
    ['garbage in root-cert.pem', found({ 'root-cert.pem': 'not a certificate' }), 'preflight/root-cert-unreadable'],
    ['a truncated certificate', found({ 'root-cert.pem': LEAF_PEM.replace(/\n[A-Za-z0-9+/=]+\n-----END/, '\n-----END') }), 'preflight/root-cert-unreadable'],
  ])('GIVEN %s WHEN checked THEN it is refused (%s)', (_name, rootCertConfigMap, code) => {
    expect(codes(evaluatePreflight(readyInput(milan.req, milan.desired, { rootCertConfigMap })))).toEqual([code]);
  });

  it('GIVEN every refusal the preflight can give WHEN docs/runners.md is read THEN each code is in its table of refusals', () => {
    const doc = readFileSync(path.join(REPO_ROOT, 'docs', 'runners.md'), 'utf8');
    expect(PREFLIGHT_CODES.filter((c) => !doc.includes(`| \`${c}\` |`))).toEqual([]);
  });
});

describe('evaluatePreflight: DestinationRules and VirtualServices meshfed did not write', () => {
  const tein = examplePeer('federation', 'tein');
  const HOST = 'echo.echo.svc.cluster.local';
  const check = (...routing: ReturnType<typeof live>[]) => evaluatePreflight(readyInput(tein.req, tein.desired, { routing, routingNamespaces: ['echo', 'istio-system'] }));

  it('GIVEN an operator\'s older DestinationRule for the burst target WHEN checked THEN it is refused, naming both, who wins (the older) and the Istio rule', () => {
    const report = check(live('DestinationRule', 'echo', 'echo-policy', { host: 'echo', trafficPolicy: { loadBalancer: { simple: 'RANDOM' } } }, { created: '2025-03-01T10:00:00Z' }));
    expect(codes(report)).toEqual(['preflight/foreign-destination-rule']);
    const m = report.problems[0]?.message ?? '';
    expect(m).toContain(`DestinationRule echo/echo-policy (not written by meshfed) configures host ${HOST}, as meshfed's DestinationRule echo/meshfed-import-echo-burst does`);
    expect(m).toContain('pilot/pkg/model/destination_rule.go, mergeDestinationRule');
    expect(m).toContain('For every caller, echo/echo-policy would win: echo/echo-policy exists and meshfed\'s echo/meshfed-import-echo-burst does not yet');
    expect(report.problems[0]?.fix).toContain('kubectl -n echo delete destinationrule echo-policy');
  });

  it('GIVEN meshfed\'s DestinationRule created before the operator\'s WHEN checked THEN still refused, and meshfed\'s is said to win', () => {
    const ours = tein.desired.find((o) => o.kind === 'DestinationRule');
    if (!ours) throw new Error('no DestinationRule');
    const report = check(
      live('DestinationRule', 'echo', 'echo-policy', { host: HOST }, { created: '2025-03-01T10:00:00Z' }),
      live('DestinationRule', 'echo', ours.metadata.name, ours.spec as Record<string, unknown>, { created: '2025-01-01T00:00:00Z', peer: 'tein' }),
    );
    expect(codes(report)).toEqual(['preflight/foreign-destination-rule']);
    expect(report.problems[0]?.message).toContain('echo/meshfed-import-echo-burst would win: echo/meshfed-import-echo-burst was created at 2025-01-01T00:00:00Z, before echo/echo-policy');
    expect(report.problems[0]?.message).toContain('what echo/echo-policy sets for echo.echo.svc.cluster.local would be silently ignored');
  });

  it('GIVEN an operator\'s VirtualService for the burst target WHEN checked THEN it is refused: one VirtualService per host on sidecars', () => {
    const report = check(live('VirtualService', 'echo', 'echo-routes', { hosts: [HOST], http: [{ route: [{ destination: { host: HOST } }] }] }, { created: '2025-03-01T10:00:00Z' }));
    expect(codes(report)).toEqual(['preflight/foreign-virtual-service']);
    expect(report.problems[0]?.message).toContain('pilot/pkg/model/virtualservice.go');
    expect(report.problems[0]?.message).toContain('For every caller, echo/echo-routes would win');
  });

  it.each([
    ['a DestinationRule for another host', live('DestinationRule', 'echo', 'other', { host: 'other.echo.svc.cluster.local' })],
    ['a wildcard DestinationRule in the same namespace (the exact host is more specific)', live('DestinationRule', 'echo', 'all', { host: '*.echo.svc.cluster.local' })],
    ['a mesh-wide DestinationRule exported from the root namespace (only a fallback)', live('DestinationRule', 'istio-system', 'mesh-tls', { host: '*.local' })],
    ['a DestinationRule with a short name that is not a short name (istiod takes "echo.echo" literally)', live('DestinationRule', 'echo', 'literal', { host: 'echo.echo' })],
    ['a VirtualService bound only to a gateway', live('VirtualService', 'echo', 'edge', { hosts: [HOST], gateways: ['istio-system/public'] })],
    ['a VirtualService exported to nobody', live('VirtualService', 'echo', 'hidden', { hosts: [HOST], exportTo: ['~'] })],
    ['meshfed\'s own objects of this peer', live('DestinationRule', 'echo', 'meshfed-import-echo-burst', { host: HOST }, { peer: 'tein' })],
  ])('GIVEN %s WHEN checked THEN there is no conflict', (_name, o) => {
    expect(check(o).status).toBe('passed');
  });

  it.each([
    ['a DestinationRule of a caller namespace', live('DestinationRule', 'frontend', 'echo', { host: HOST }), 'For every caller in namespace frontend, frontend/echo would win: frontend/echo is found first from those callers'],
    ['a wildcard DestinationRule of a caller namespace', live('DestinationRule', 'frontend', 'all', { host: '*.svc.cluster.local' }), 'For every caller in namespace frontend, frontend/all would win'],
    ['a private DestinationRule in the root namespace (for gateways there)', live('DestinationRule', 'istio-system', 'gw', { host: HOST, exportTo: ['.'] }), 'For every caller in namespace istio-system, istio-system/gw would win'],
    ['a DestinationRule with a workloadSelector', live('DestinationRule', 'echo', 'sel', { host: HOST, workloadSelector: { matchLabels: { app: 'client' } } }), 'For the workloads in namespace echo that echo/sel selects, echo/sel would win: echo/sel has a workloadSelector, which comes first'],
    ['another peer\'s meshfed object in a shared namespace', live('DestinationRule', 'echo', 'meshfed-import-x', { host: HOST, trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' } } }, { peer: 'gke', created: '2025-01-01T00:00:00Z' }), 'For every caller, echo/meshfed-import-x would win: echo/meshfed-import-x exists and meshfed\'s echo/meshfed-import-echo-burst does not yet'],
    ['an older DestinationRule without a trafficPolicy', live('DestinationRule', 'echo', 'subsets-only', { host: HOST, subsets: [{ name: 'v1', labels: { version: 'v1' } }] }, { created: '2025-01-01T00:00:00Z' }), 'For every caller, echo/meshfed-import-echo-burst would win: echo/subsets-only is older but sets no trafficPolicy, so echo/meshfed-import-echo-burst\'s is used (its subsets still merge in)'],
    ['a VirtualService exported only to a caller namespace', live('VirtualService', 'frontend', 'canary', { hosts: [HOST], exportTo: ['.'] }), 'For every caller in namespace frontend, frontend/canary would win: frontend/canary is exported only to those callers'],
  ])('GIVEN %s WHEN checked THEN it is refused and the refusal says for whom it wins', (_name, o, says) => {
    const report = check(o);
    expect(report.status).toBe('refused');
    expect(report.problems.map((p) => p.message).join('\n')).toContain(says);
  });

  it('GIVEN several foreign objects WHEN checked twice in another order THEN the report is the same (deterministic)', () => {
    const a = live('DestinationRule', 'frontend', 'echo', { host: HOST });
    const b = live('VirtualService', 'echo', 'echo-routes', { hosts: [HOST] });
    const c = live('DestinationRule', 'echo', 'echo-policy', { host: HOST });
    expect(check(a, b, c)).toEqual(check(c, b, a));
  });
});
