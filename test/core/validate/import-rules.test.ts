import { describe, expect, it } from 'vitest';
import { at, diagnosticsOf, formatted, peerYaml } from './federation-builder.js';
import { expectCase, type RuleCase } from './case-table.js';

const EXPORT = 'federation/peers/alpha/echo.yaml';
const IMPORT = 'federation/peers/beta/echo.yaml';

/** An import of beta with the given spec lines (indented two spaces under spec). */
function importYaml(spec: string, name = 'echo'): string {
  return `apiVersion: meshfed.io/v1alpha1\nkind: ServiceImport\nmetadata:\n  name: ${name}\nspec:\n${spec}`;
}

const SELF = importYaml('  from: {peer: beta, export: echo}\n  failover: {}\n');
const UNKNOWN_PEER = importYaml('  from: {peer: alpah, export: echo}\n  failover: {}\n');
const UNKNOWN_EXPORT = importYaml('  from: {peer: alpha, export: ecko}\n  failover: {}\n');
const UNKNOWN_PORT = importYaml('  from: {peer: alpha, export: echo}\n  ports: [http, grpc, http]\n  failover: {}\n');
const OTHER_TARGET = importYaml('  from: {peer: alpha, export: echo}\n  target: {name: echo, namespace: web}\n  failover: {}\n');
const NO_POLICY = importYaml('  from: {peer: alpha, export: echo}\n  loadBalancer: LEAST_REQUEST\n');
const TWO_POLICIES = importYaml('  from: {peer: alpha, export: echo}\n  burst:\n    local: {maxConnections: 10}\n  split:\n    remoteWeight: 20\n');
const SPLIT_0 = importYaml('  from: {peer: alpha, export: echo}\n  split: {remoteWeight: 0}\n');
const SPLIT_100 = importYaml('  from: {peer: alpha, export: echo}\n  split: {remoteWeight: 100}\n');
const SPLIT_50 = importYaml('  from: {peer: alpha, export: echo}\n  split: {remoteWeight: 50}\n');
const SPLIT_DECIMAL = importYaml('  from: {peer: alpha, export: echo}\n  split: {remoteWeight: 0.2}\n');
const SPLIT_INEXACT = importYaml('  from: {peer: alpha, export: echo}\n  split: {remoteWeight: 33.333333333}\n');
const MIRROR_0 = importYaml('  from: {peer: alpha, export: echo}\n  mirror: {percent: 0}\n');
const BURST_NO_LIMIT = importYaml('  from: {peer: alpha, export: echo}\n  burst: {}\n');
const BURST_PER_CONNECTION_ONLY = importYaml('  from: {peer: alpha, export: echo}\n  burst:\n    local: {maxRequestsPerConnection: 1}\n');
const NO_EJECTION = importYaml('  from: {peer: alpha, export: echo}\n  failover:\n    ejection: {maxEjectionPercent: 0}\n');
const ROUTE_ALL = importYaml('  from: {peer: alpha, export: echo}\n  route:\n    match:\n      - {}\n');
const ROUTE_HEADER = importYaml('  from: {peer: alpha, export: echo}\n  route:\n    match:\n      - headers: {x-canary: {exact: "true"}}\n');
const SECOND_IMPORT = importYaml('  from: {peer: alpha, export: echo}\n  failover: {}\n', 'echo-failover');
const TCP_EXPORT = `apiVersion: meshfed.io/v1alpha1
kind: ServiceExport
metadata:
  name: echo
spec:
  service: {name: echo, namespace: demo}
  ports:
    - {name: tcp-echo, number: 9000, protocol: TCP}
  serviceAccounts: [echo]
  consumers:
    - peer: beta
`;
const NOT_FOR_BETA = TCP_EXPORT.replace('peer: beta', 'peer: gamma').replace('tcp-echo, number: 9000, protocol: TCP', 'http, number: 8080, protocol: HTTP');

const CASES: readonly RuleCase[] = [
  { name: 'an import from the importing peer itself', files: { [IMPORT]: SELF }, expected: [`import/self ${at(IMPORT, SELF, 'peer: ^beta')}`] },
  { name: 'an import from a peer that does not exist', files: { [IMPORT]: UNKNOWN_PEER }, expected: [`import/unknown-peer ${at(IMPORT, UNKNOWN_PEER, 'alpah')}`] },
  {
    name: 'an import of an export the provider does not have (pointing at the export: value of from)',
    files: { [IMPORT]: UNKNOWN_EXPORT },
    expected: [`import/unknown-export ${IMPORT}:6:31`],
  },
  {
    name: 'an import the provider has not consented to',
    files: { [EXPORT]: NOT_FOR_BETA, 'federation/peers/gamma/peer.yaml': peerYaml('gamma') },
    expected: [`import/not-a-consumer ${IMPORT}:6:31`],
  },
  {
    name: 'imported ports missing on the export, and one listed twice',
    files: { [IMPORT]: UNKNOWN_PORT },
    expected: [`import/unknown-port ${at(IMPORT, UNKNOWN_PORT, 'grpc')}`, `import/port-duplicate ${at(IMPORT, UNKNOWN_PORT, 'http', 1)}`],
  },
  {
    name: 'a target namespace the importer does not list',
    files: { [IMPORT]: OTHER_TARGET },
    expected: [`import/namespace-not-allowed ${at(IMPORT, OTHER_TARGET, 'web')}`],
  },
  {
    name: 'two imports for the same local service',
    files: { 'federation/peers/beta/failover.yaml': SECOND_IMPORT },
    expected: [`import/target-conflict ${at('federation/peers/beta/failover.yaml', SECOND_IMPORT, '{peer')}`],
  },
  { name: 'an import without a policy', files: { [IMPORT]: NO_POLICY }, expected: [`import/policy-missing ${IMPORT}:5:1`] },
  {
    name: 'an import with two policies (pointing at the second)',
    files: { [IMPORT]: TWO_POLICIES },
    expected: [`import/policy-multiple ${at(IMPORT, TWO_POLICIES, 'split:')}`],
  },
  { name: 'split.remoteWeight 0', files: { [IMPORT]: SPLIT_0 }, expected: [`import/split-weight-extreme ${at(IMPORT, SPLIT_0, '0}')}`] },
  { name: 'split.remoteWeight 100', files: { [IMPORT]: SPLIT_100 }, expected: [`import/split-weight-extreme ${at(IMPORT, SPLIT_100, '100')}`] },
  { name: 'split.remoteWeight 50', files: { [IMPORT]: SPLIT_50 }, expected: [] },
  { name: 'split.remoteWeight 0.2 (rendered exactly as 998/2)', files: { [IMPORT]: SPLIT_DECIMAL }, expected: [] },
  {
    name: 'split.remoteWeight with more decimals than whole-number weights can express',
    files: { [IMPORT]: SPLIT_INEXACT },
    expected: [`import/split-weight-inexact ${at(IMPORT, SPLIT_INEXACT, '33.3')}`],
  },
  { name: 'mirror.percent 0', files: { [IMPORT]: MIRROR_0 }, expected: [`import/mirror-percent-zero ${at(IMPORT, MIRROR_0, '0}')}`] },
  {
    name: 'burst into a provider whose east-west gateway has a DNS name (endpoints must be IPs)',
    files: { 'federation/peers/alpha/peer.yaml': peerYaml('alpha', { address: 'eastwest.alpha.example.org' }), [IMPORT]: SECOND_IMPORT.replace('echo-failover', 'echo') },
    expected: [`import/endpoint-needs-ip ${at(IMPORT, SECOND_IMPORT, 'peer: ^alpha')}`],
  },
  {
    name: 'split towards a provider whose east-west gateway has a DNS name (allowed)',
    files: { 'federation/peers/alpha/peer.yaml': peerYaml('alpha', { address: 'eastwest.alpha.example.org' }), [IMPORT]: SPLIT_50 },
    expected: [],
  },
  { name: 'burst without any local limit', files: { [IMPORT]: BURST_NO_LIMIT }, expected: [`import/burst-no-local-limit ${at(IMPORT, BURST_NO_LIMIT, 'burst')}`] },
  {
    name: 'burst limited only per connection (nothing saturates)',
    files: { [IMPORT]: BURST_PER_CONNECTION_ONLY },
    expected: [`import/burst-no-local-limit ${at(IMPORT, BURST_PER_CONNECTION_ONLY, '{maxRequestsPerConnection')}`],
  },
  {
    name: 'failover that never ejects a local endpoint',
    files: { [IMPORT]: NO_EJECTION },
    expected: [`import/ejection-disabled ${at(IMPORT, NO_EJECTION, 'maxEjectionPercent: ^0')}`],
  },
  { name: 'a route match that matches everything', files: { [IMPORT]: ROUTE_ALL }, expected: [`import/route-match-all ${at(IMPORT, ROUTE_ALL, '{}')}`] },
  { name: 'a header route', files: { [IMPORT]: ROUTE_HEADER }, expected: [] },
  {
    name: 'header routing over a TCP-only export',
    files: { [EXPORT]: TCP_EXPORT, [IMPORT]: ROUTE_HEADER },
    expected: [`import/policy-needs-http ${at(IMPORT, ROUTE_HEADER, 'route:')}`],
  },
  {
    name: 'mirroring over a TCP-only export',
    files: { [EXPORT]: TCP_EXPORT, [IMPORT]: MIRROR_0.replace('percent: 0', 'percent: 5') },
    expected: [`import/policy-needs-http ${IMPORT}:7:3`],
  },
  { name: 'burst over a TCP-only export', files: { [EXPORT]: TCP_EXPORT }, expected: [] },
];

describe('validateFederation: imports', () => {
  it.each(CASES)('GIVEN $name WHEN validated THEN exactly the expected diagnostics', (c) => expectCase(c));

  it('GIVEN a missing consent WHEN reported THEN the hint says who must add what, and where', () => {
    const text = formatted({ [EXPORT]: NOT_FOR_BETA, 'federation/peers/gamma/peer.yaml': peerYaml('gamma') }).join('\n');
    expect(text).toContain('export "echo" of peer "alpha" does not list "beta" as a consumer');
    expect(text).toContain(`alpha's owners add "- peer: beta" to spec.consumers in ${EXPORT}:10`);
  });

  it('GIVEN mistyped names WHEN reported THEN the hints suggest the existing peer and export', () => {
    expect(formatted({ [IMPORT]: UNKNOWN_PEER }).join('\n')).toContain('did you mean "alpha"?');
    expect(formatted({ [IMPORT]: UNKNOWN_EXPORT }).join('\n')).toContain('did you mean "echo"?');
  });

  it('GIVEN an inexact split weight WHEN its suggested fix is applied THEN the federation is valid', () => {
    const [line = ''] = formatted({ [IMPORT]: SPLIT_INEXACT });
    const fix = /e\.g\. remoteWeight: ([0-9.]+)/.exec(line)?.[1];
    expect(fix).toBe('33.3333333');
    expect(diagnosticsOf({ [IMPORT]: SPLIT_INEXACT.replace('33.333333333', String(fix)) })).toEqual([]);
  });

  it('GIVEN a target conflict WHEN reported THEN both imports are named and the conflict explained', () => {
    const text = formatted({ 'federation/peers/beta/failover.yaml': SECOND_IMPORT }).join('\n');
    expect(text).toContain(`imports "echo" (${IMPORT}:1) and "echo-failover" both target service demo/echo`);
    expect(text).toContain('conflicting DestinationRules and VirtualServices');
  });

  it('GIVEN an export that failed its schema WHEN an import names it THEN only the schema error is reported', () => {
    const broken = TCP_EXPORT.replace('number: 9000', 'number: 90000');
    const codes = formatted({ [EXPORT]: broken }).map((l) => /\[([^\]]+)\]$/.exec(l)?.[1]);
    expect(codes).toEqual(['schema/too-big']);
  });
});
