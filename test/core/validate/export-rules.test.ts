import { describe, expect, it } from 'vitest';
import { at, formatted, peerYaml, y } from './federation-builder.js';
import { expectCase, type RuleCase } from './case-table.js';

const EXPORT = 'federation/peers/alpha/echo.yaml';
const IMPORT = 'federation/peers/beta/echo.yaml';

function exportYaml(spec: string, name = 'echo'): string {
  return `apiVersion: meshfed.io/v1alpha1\nkind: ServiceExport\nmetadata:\n  name: ${name}\nspec:\n${spec}`;
}

const OTHER_NS = exportYaml(y`
  service: {name: echo, namespace: other}
  ports:
    - {name: http, number: 8080, protocol: HTTP}
  serviceAccounts: [echo]
  consumers:
    - peer: beta
`.replace(/^/gm, '  '));

const DUP_PORTS = exportYaml(y`
  service: {name: echo, namespace: demo}
  ports:
    - name: http
      number: 8080
      protocol: HTTP
    - name: http
      number: 8080
      protocol: HTTP
  serviceAccounts: [echo]
  consumers:
    - peer: beta
`.replace(/^/gm, '  '));

const MISNAMED_PORT = exportYaml(y`
  service: {name: echo, namespace: demo}
  ports:
    - {name: http-api, number: 8080, protocol: TCP}
  serviceAccounts: [echo]
  consumers:
    - peer: beta
`.replace(/^/gm, '  '));

const SECOND_EXPORT = exportYaml(y`
  service: {name: echo, namespace: demo}
  ports:
    - {name: http, number: 8080, protocol: HTTP}
  serviceAccounts: [echo]
  consumers:
    - peer: beta
`.replace(/^/gm, '  '), 'echo-again');

const consumers = (list: string) =>
  exportYaml(`  service: {name: echo, namespace: demo}\n  ports:\n    - {name: http, number: 8080, protocol: HTTP}\n  serviceAccounts: [echo]\n  consumers:\n${list}`);

const SELF = consumers('    - peer: alpha\n    - peer: beta\n');
const TWICE = consumers('    - peer: beta\n    - peer: beta\n');
const TYPO = consumers('    - peer: beta\n    - peer: betta\n');
const FOREIGN_SA = consumers('    - peer: beta\n      serviceAccounts:\n        - {namespace: web, serviceAccount: frontend}\n');

const CASES: readonly RuleCase[] = [
  {
    name: 'an export from a namespace the peer does not list (the default import target follows it)',
    files: { [EXPORT]: OTHER_NS },
    expected: [`export/namespace-not-allowed ${at(EXPORT, OTHER_NS, 'other')}`, `import/namespace-not-allowed ${IMPORT}:6:31`],
  },
  {
    name: 'two ports with the same name and number',
    files: { [EXPORT]: DUP_PORTS },
    expected: [`export/port-name-duplicate ${at(EXPORT, DUP_PORTS, 'http', 1)}`, `export/port-number-duplicate ${at(EXPORT, DUP_PORTS, '8080', 1)}`],
  },
  {
    name: 'a port named http-* declared TCP (Istio picks the protocol from the name)',
    files: { [EXPORT]: MISNAMED_PORT },
    expected: [`export/port-protocol-mismatch ${at(EXPORT, MISNAMED_PORT, 'TCP')}`],
  },
  {
    name: 'the same service exported twice',
    files: { 'federation/peers/alpha/more.yaml': SECOND_EXPORT },
    expected: [`export/service-duplicate ${at('federation/peers/alpha/more.yaml', SECOND_EXPORT, '{name: ^echo,')}`],
  },
  {
    name: 'a provider listing itself as consumer',
    files: { [EXPORT]: SELF },
    expected: [`export/consumer-self ${at(EXPORT, SELF, 'peer: ^alpha')}`],
  },
  {
    name: 'a consumer listed twice',
    files: { [EXPORT]: TWICE },
    expected: [`export/consumer-duplicate ${at(EXPORT, TWICE, 'beta', 1)}`],
  },
  {
    name: 'a consumer that is not a peer',
    files: { [EXPORT]: TYPO },
    expected: [`export/consumer-unknown-peer ${at(EXPORT, TYPO, 'betta')}`],
  },
  {
    name: 'a consumer service account in a namespace the consumer does not list',
    files: { [EXPORT]: FOREIGN_SA },
    expected: [`export/consumer-namespace-not-allowed ${at(EXPORT, FOREIGN_SA, 'web')}`],
  },
  {
    name: 'a consumer service account in the consumer\'s gateway namespace (its ingress gateway bursts)',
    files: { [EXPORT]: consumers('    - peer: beta\n      serviceAccounts:\n        - {namespace: istio-system, serviceAccount: istio-ingressgateway-service-account}\n') },
    expected: [],
  },
  {
    name: 'a consumer service account in the consumer\'s namespaces',
    files: { [EXPORT]: FOREIGN_SA, 'federation/peers/beta/peer.yaml': peerYaml('beta', { namespaces: '[demo, web]' }) },
    expected: [],
  },
];

describe('validateFederation: exports', () => {
  it.each(CASES)('GIVEN $name WHEN validated THEN exactly the expected diagnostics', (c) => expectCase(c));

  it('GIVEN a mistyped consumer WHEN reported THEN the hint suggests the existing peer', () => {
    expect(formatted({ [EXPORT]: TYPO }).join('\n')).toContain('did you mean "beta"?');
  });

  it('GIVEN a duplicate export WHEN reported THEN the message points at the first one', () => {
    expect(formatted({ 'federation/peers/alpha/more.yaml': SECOND_EXPORT }).join('\n')).toContain(`already exported by "echo" (${EXPORT}:6)`);
  });
});
