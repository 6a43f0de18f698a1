import { describe, expect, it } from 'vitest';
import { ISTIO_CIPHER_SUITES } from '../../../src/core/validate/istio-cipher-suites.js';
import { at, diagnosticsOf, formatted, peerYaml, y } from './federation-builder.js';
import { expectCase, type RuleCase } from './case-table.js';

const GW = 'federation/peers/beta/web.yaml';

/** An EdgeGateway of beta; `tls` and `extra` are spliced in as written (two-space indented under spec). */
function gateway(tls: string, extra = '', hosts = '[echo.beta.example.org]', name = 'web'): string {
  return (
    y`
    apiVersion: meshfed.io/v1alpha1
    kind: EdgeGateway
    metadata:
      name: ${name}
    spec:
      hosts: ${hosts}
  ` +
    `  tls:\n${tls}` +
    extra +
    '  routes:\n    - to: {service: echo, namespace: demo, port: 8080}\n'
  );
}

const SIMPLE = '    mode: SIMPLE\n    credentialName: echo-beta-tls\n';
const NO_CREDENTIAL = gateway('    mode: MUTUAL\n');
const BAD_CREDENTIAL = gateway('    mode: SIMPLE\n    credentialName: Echo_TLS\n');
const OTHER_NAMESPACE = gateway('    mode: SIMPLE\n    credentialName: web/echo-beta-tls\n');
const OWN_NAMESPACE = gateway('    mode: SIMPLE\n    credentialName: kubernetes://istio-system/echo-beta-tls\n');
const VERSIONS_REVERSED = gateway(`${SIMPLE}    minProtocolVersion: TLSV1_3\n    maxProtocolVersion: TLSV1_2\n`);
const WEAK = gateway(`${SIMPLE}    minProtocolVersion: TLSV1_0\n    cipherSuites: [ECDHE-RSA-AES128-SHA]\n    maxProtocolVersion: TLSV1_2\n`);
const SUITES_WITH_13 = gateway(`${SIMPLE}    cipherSuites:\n      - ECDHE-ECDSA-AES256-GCM-SHA384\n`);
const SUITES_13_ONLY = gateway(`${SIMPLE}    minProtocolVersion: TLSV1_3\n    cipherSuites: [ECDHE-ECDSA-AES256-GCM-SHA384]\n`);
const SUITES_12 = gateway(`${SIMPLE}    maxProtocolVersion: TLSV1_2\n    cipherSuites: [ECDHE-ECDSA-AES256-GCM-SHA384, TLS_AES_256_GCM_SHA384]\n`);
const GOOD_12 = gateway(`${SIMPLE}    minProtocolVersion: TLSV1_2\n    maxProtocolVersion: TLSV1_2\n    cipherSuites: [ECDHE-ECDSA-AES256-GCM-SHA384]\n`);
const TLS12 = `${SIMPLE}    maxProtocolVersion: TLSV1_2\n`;
const SUITE_TYPO = gateway(`${TLS12}    cipherSuites: [ECDHE-RSA-AES128-GCM-SHA265, ECDHE-RSA-AES256-GCM-SHA384]\n`);
const SUITE_ALL = gateway(`${TLS12}    cipherSuites: [ALL]\n`);
const SUITE_UNSUPPORTED = gateway(`${TLS12}    cipherSuites: [DHE-RSA-AES256-GCM-SHA384]\n`);
const SUITE_REPEATED = gateway(`${TLS12}    cipherSuites: [AES128-GCM-SHA256, AES256-GCM-SHA384, AES128-GCM-SHA256]\n`);
const LABEL_64 = gateway(SIMPLE, '', `[${'a'.repeat(64)}.beta.example.org]`);
const LABEL_63 = gateway(SIMPLE, '', `[${'a'.repeat(63)}.beta.example.org]`);
const HOST_254 = gateway(SIMPLE, '', `[${`${'b'.repeat(60)}.`.repeat(3)}${'c'.repeat(59)}.example.org]`);
const IP_HOST = gateway(SIMPLE, '', '["203.0.113.10"]');
const HOST_TWICE = gateway(SIMPLE, '', '[echo.beta.example.org, echo.beta.example.org]');
const OTHER_GW = gateway(SIMPLE, '', '[api.beta.example.org, echo.beta.example.org]', 'api');
const PORT_80 = gateway(SIMPLE, '  port: 80\n');
const PORT_80_NO_REDIRECT = gateway(SIMPLE, '  port: 80\n  httpsRedirect: false\n');
const FOREIGN_ROUTE = gateway(SIMPLE).replace('namespace: demo', 'namespace: web');

const CASES: readonly RuleCase[] = [
  { name: 'a valid SIMPLE gateway', files: { [GW]: gateway(SIMPLE) }, expected: [] },
  { name: 'MUTUAL TLS without credentialName', files: { [GW]: NO_CREDENTIAL }, expected: [`gateway/credential-missing ${at(GW, NO_CREDENTIAL, 'tls:')}`] },
  { name: 'a credentialName that is not a Secret name', files: { [GW]: BAD_CREDENTIAL }, expected: [`gateway/credential-name-invalid ${at(GW, BAD_CREDENTIAL, 'Echo_TLS')}`] },
  {
    name: 'a credentialName in another namespace (Istio refuses cross-namespace Secrets)',
    files: { [GW]: OTHER_NAMESPACE },
    expected: [`gateway/credential-namespace ${at(GW, OTHER_NAMESPACE, 'web/')}`],
  },
  {
    name: 'a credentialName that spells out the gateway\'s own namespace',
    files: { [GW]: OWN_NAMESPACE },
    expected: [`gateway/credential-namespace ${at(GW, OWN_NAMESPACE, 'kubernetes:')}`],
  },
  {
    name: 'maxProtocolVersion below minProtocolVersion',
    files: { [GW]: VERSIONS_REVERSED },
    expected: [`gateway/tls-version-order ${at(GW, VERSIONS_REVERSED, 'TLSV1_2')}`],
  },
  { name: 'TLS 1.0 allowed', files: { [GW]: WEAK }, expected: [`gateway/tls-version-weak ${at(GW, WEAK, 'TLSV1_0')}`] },
  {
    name: 'cipherSuites while TLS 1.3 is allowed (Envoy ignores them for TLS 1.3)',
    files: { [GW]: SUITES_WITH_13 },
    expected: [`gateway/cipher-suites-tls13 ${at(GW, SUITES_WITH_13, 'cipherSuites')}`],
  },
  {
    name: 'cipherSuites with TLS 1.3 only (no effect at all)',
    files: { [GW]: SUITES_13_ONLY },
    expected: [`gateway/cipher-suites-tls13 ${at(GW, SUITES_13_ONLY, 'cipherSuites')}`],
  },
  {
    name: 'a TLS 1.3 suite name in cipherSuites',
    files: { [GW]: SUITES_12 },
    expected: [`gateway/cipher-suites-tls13 ${at(GW, SUITES_12, 'TLS_AES_256_GCM_SHA384')}`],
  },
  { name: 'TLS 1.2 only with its cipher suites', files: { [GW]: GOOD_12 }, expected: [] },
  {
    name: 'a mistyped cipher suite (Istio would drop it silently)',
    files: { [GW]: SUITE_TYPO },
    expected: [`gateway/cipher-suite-unknown ${at(GW, SUITE_TYPO, 'ECDHE-RSA-AES128')}`],
  },
  { name: 'the OpenSSL keyword ALL as a cipher suite', files: { [GW]: SUITE_ALL }, expected: [`gateway/cipher-suite-unknown ${at(GW, SUITE_ALL, 'ALL')}`] },
  {
    name: 'a real OpenSSL suite that BoringSSL (and so Istio) does not offer',
    files: { [GW]: SUITE_UNSUPPORTED },
    expected: [`gateway/cipher-suite-unknown ${at(GW, SUITE_UNSUPPORTED, 'DHE-RSA')}`],
  },
  {
    name: 'a cipher suite listed twice',
    files: { [GW]: SUITE_REPEATED },
    expected: [`gateway/cipher-suite-duplicate ${at(GW, SUITE_REPEATED, 'AES128-GCM-SHA256', 1)}`],
  },
  { name: 'a host with a 64-character label', files: { [GW]: LABEL_64 }, expected: [`gateway/host-label-too-long ${at(GW, LABEL_64, 'aaa')}`] },
  { name: 'a host with a 63-character label', files: { [GW]: LABEL_63 }, expected: [] },
  { name: 'a host of 253 characters', files: { [GW]: HOST_254.replace('cc.', 'c.') }, expected: [] },
  { name: 'a host of 254 characters', files: { [GW]: HOST_254 }, expected: [`gateway/host-too-long ${at(GW, HOST_254, 'bbb')}`] },
  { name: 'an IP address as a host (all-digit last label)', files: { [GW]: IP_HOST }, expected: [`gateway/host-numeric-tld ${at(GW, IP_HOST, '"203')}`] },
  { name: 'a host listed twice in one gateway', files: { [GW]: HOST_TWICE }, expected: [`gateway/host-duplicate ${at(GW, HOST_TWICE, 'echo.beta', 1)}`] },
  {
    name: 'a host served by two gateways of one peer',
    files: { [GW]: gateway(SIMPLE), 'federation/peers/beta/zz-api.yaml': OTHER_GW },
    expected: [`gateway/host-duplicate ${at('federation/peers/beta/zz-api.yaml', OTHER_GW, 'echo.beta')}`],
  },
  { name: 'HTTPS on port 80 with the redirect on', files: { [GW]: PORT_80 }, expected: [`gateway/port-conflicts-redirect ${at(GW, PORT_80, '80')}`] },
  { name: 'HTTPS on port 80 without the redirect', files: { [GW]: PORT_80_NO_REDIRECT }, expected: [] },
  {
    name: 'a route to a namespace the peer does not list',
    files: { [GW]: FOREIGN_ROUTE },
    expected: [`gateway/route-namespace-not-allowed ${at(GW, FOREIGN_ROUTE, 'namespace: ^web')}`],
  },
];

describe('validateFederation: edge gateways', () => {
  it.each(CASES)('GIVEN $name WHEN validated THEN exactly the expected diagnostics', (c) => expectCase(c));

  it('GIVEN cipherSuites with TLS 1.3 allowed WHEN reported THEN it is a warning that explains why', () => {
    const [line] = formatted({ [GW]: SUITES_WITH_13 });
    expect(line).toContain('warning: cipherSuites apply only to TLS 1.0-1.2 connections');
    expect(line).toContain('maxProtocolVersion: TLSV1_2');
  });

  it('GIVEN a mistyped cipher suite WHEN reported THEN the hint names the suite meant, and that fix is valid', () => {
    const text = formatted({ [GW]: SUITE_TYPO }).join('\n');
    expect(text).toContain('istiod drops names it does not know');
    expect(text).toContain('did you mean "ECDHE-RSA-AES128-GCM-SHA256"?');
    expect(diagnosticsOf({ [GW]: SUITE_TYPO.replace('SHA265', 'SHA256') })).toEqual([]);
  });

  it.each(ISTIO_CIPHER_SUITES)('GIVEN %s, a suite in Istio\'s ValidCipherSuites, WHEN validated THEN it is accepted', (suite) => {
    expect(diagnosticsOf({ [GW]: gateway(`${TLS12}    cipherSuites: [${suite}]\n`) })).toEqual([]);
  });

  it('GIVEN MUTUAL without a credential WHEN reported THEN the hint names the CA certificate and the pods\' namespace', () => {
    const text = formatted({ [GW]: NO_CREDENTIAL }).join('\n');
    expect(text).toContain('ca.crt');
    expect(text).toContain('namespace "istio-system", where peer "beta"\'s ingress gateway pods run');
  });

  it('GIVEN a Secret in another namespace WHEN reported THEN the fix names the gateway pods\' namespace and the bare name, which is valid', () => {
    const text = formatted({ [GW]: OTHER_NAMESPACE }).join('\n');
    expect(text).toContain('points at namespace "web"');
    expect(text).toContain('create the Secret in namespace "istio-system" and write credentialName: echo-beta-tls');
    expect(diagnosticsOf({ [GW]: OTHER_NAMESPACE.replace('web/echo-beta-tls', 'echo-beta-tls') })).toEqual([]);
  });

  it('GIVEN a peer whose ingress gateway runs in its own namespace WHEN the credential is missing THEN the hint names that namespace', () => {
    const peer = peerYaml('beta').replace('namespaces: [demo]', 'namespaces: [demo]\n  ingress: {namespace: istio-ingress}');
    const text = formatted({ [GW]: NO_CREDENTIAL, 'federation/peers/beta/peer.yaml': peer }).join('\n');
    expect(text).toContain('namespace "istio-ingress", where peer "beta"\'s ingress gateway pods run');
  });
});
