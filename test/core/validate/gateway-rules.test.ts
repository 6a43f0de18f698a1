import { describe, expect, it } from 'vitest';
import { at, formatted, y } from './federation-builder.js';
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
const VERSIONS_REVERSED = gateway(`${SIMPLE}    minProtocolVersion: TLSV1_3\n    maxProtocolVersion: TLSV1_2\n`);
const WEAK = gateway(`${SIMPLE}    minProtocolVersion: TLSV1_0\n    cipherSuites: [ECDHE-RSA-AES128-SHA]\n    maxProtocolVersion: TLSV1_2\n`);
const SUITES_WITH_13 = gateway(`${SIMPLE}    cipherSuites:\n      - ECDHE-ECDSA-AES256-GCM-SHA384\n`);
const SUITES_13_ONLY = gateway(`${SIMPLE}    minProtocolVersion: TLSV1_3\n    cipherSuites: [ECDHE-ECDSA-AES256-GCM-SHA384]\n`);
const SUITES_12 = gateway(`${SIMPLE}    maxProtocolVersion: TLSV1_2\n    cipherSuites: [ECDHE-ECDSA-AES256-GCM-SHA384, TLS_AES_256_GCM_SHA384]\n`);
const GOOD_12 = gateway(`${SIMPLE}    minProtocolVersion: TLSV1_2\n    maxProtocolVersion: TLSV1_2\n    cipherSuites: [ECDHE-ECDSA-AES256-GCM-SHA384]\n`);
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

  it('GIVEN MUTUAL without a credential WHEN reported THEN the hint names the CA certificate too', () => {
    expect(formatted({ [GW]: NO_CREDENTIAL }).join('\n')).toContain('ca.crt');
  });
});
