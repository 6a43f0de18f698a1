import { describe, expect, it } from 'vitest';
import { at, defaultAddress, formatted, peerYaml, y } from './federation-builder.js';
import { expectCase, type RuleCase } from './case-table.js';

const GATEWAY_IN_KUBE_SYSTEM = peerYaml('beta').replace(`    address: ${defaultAddress('beta')}\n`, `    address: ${defaultAddress('beta')}\n    namespace: kube-system\n`);
const ALPHA = 'federation/peers/alpha/peer.yaml';
const BETA = 'federation/peers/beta/peer.yaml';

type Case = RuleCase;

/** Positions follow peerYaml's fixed layout (see federation-builder.ts). */
const CASES: readonly Case[] = [
  {
    name: 'a peer folder without peer.yaml',
    files: { [BETA]: null },
    expected: ['peer/missing federation/peers/beta/echo.yaml:1:1'],
  },
  {
    name: 'a Peer named differently from its folder',
    files: { [BETA]: peerYaml('beta', { name: 'gamma' }) },
    expected: [`peer/name-mismatch ${BETA}:4:9`],
  },
  {
    name: 'a peer folder that is not a DNS label: one error, to rename the folder; references to its new name are not errors too',
    files: {
      [BETA]: null,
      'federation/peers/beta/echo.yaml': null,
      'federation/peers/Beta/peer.yaml': peerYaml('beta'),
      'federation/peers/Beta/echo.yaml': y`
        apiVersion: meshfed.io/v1alpha1
        kind: ServiceImport
        metadata:
          name: echo
        spec:
          from: {peer: alpha, export: echo}
          burst:
            local: {maxConnections: 10}
      `,
    },
    expected: ['peer/folder-name-invalid federation/peers/Beta/echo.yaml:1:1'],
  },
  {
    name: 'owners that are not GitHub users or teams',
    files: { [BETA]: peerYaml('beta', { owners: '[alice, "@-bad", "@acme/mesh admins", "bob@example.org"]' }) },
    expected: [`peer/owner-invalid ${BETA}:6:12`, `peer/owner-invalid ${BETA}:6:19`, `peer/owner-invalid ${BETA}:6:28`, `peer/owner-invalid ${BETA}:6:49`],
  },
  {
    name: 'valid owners: user, team, legacy double hyphen, managed user',
    files: { [BETA]: peerYaml('beta', { owners: '["@alice", "@acme/mesh-admins", "@old--user", "@jdoe_acme", "@Acme-Corp/SRE_oncall"]' }) },
    expected: [],
  },
  {
    name: 'the same owner twice, in different case',
    files: { [BETA]: peerYaml('beta', { owners: '["@alice", "@Alice"]' }) },
    expected: [`peer/owner-duplicate ${BETA}:6:22`],
  },
  {
    name: 'two peers sharing a trust domain (identity isolation)',
    files: { [BETA]: peerYaml('beta', { trustDomain: 'alpha.example.org' }) },
    expected: [`peer/trust-domain-duplicate ${ALPHA}:7:16`, `peer/trust-domain-duplicate ${BETA}:7:16`],
  },
  {
    name: 'two peers sharing a network',
    files: { [BETA]: peerYaml('beta', { network: 'alpha-net' }) },
    expected: [`peer/network-duplicate ${ALPHA}:8:12`, `peer/network-duplicate ${BETA}:8:12`],
  },
  {
    name: 'two peers sharing a cluster ID',
    files: { [BETA]: peerYaml('beta', { clusterID: 'alpha-1' }) },
    expected: [`peer/cluster-id-duplicate ${ALPHA}:9:14`, `peer/cluster-id-duplicate ${BETA}:9:14`],
  },
  {
    name: 'two peers sharing an east-west address',
    files: { [ALPHA]: peerYaml('alpha', { address: '203.0.113.77' }), [BETA]: peerYaml('beta', { address: '203.0.113.77' }) },
    expected: [`peer/east-west-address-duplicate ${ALPHA}:12:14`, `peer/east-west-address-duplicate ${BETA}:12:14`],
  },
  {
    name: 'two peers sharing an east-west DNS name, in different case',
    files: {
      [ALPHA]: peerYaml('alpha', { address: 'eastwest.alpha.example.org' }),
      [BETA]: peerYaml('beta', { address: 'EastWest.alpha.example.org' }),
      'federation/peers/beta/echo.yaml': 'apiVersion: meshfed.io/v1alpha1\nkind: ServiceImport\nmetadata:\n  name: echo\nspec:\n  from: {peer: alpha, export: echo}\n  split: {remoteWeight: 50}\n',
    },
    expected: [`peer/east-west-address-duplicate ${ALPHA}:12:14`, `peer/east-west-address-duplicate ${BETA}:12:14`],
  },
  ...[
    ['a URL', 'https://eastwest.beta.example.org:15443', 'peer/east-west-address-invalid'],
    ['a host with a port', 'eastwest.beta.example.org:15443', 'peer/east-west-address-invalid'],
    ['an IPv4 address with a port', '"203.0.113.7:15443"', 'peer/east-west-address-invalid'],
    ['an IPv4 address out of range', '203.0.113.300', 'peer/east-west-address-invalid'],
    ['a CIDR range', '203.0.113.0/24', 'peer/east-west-address-invalid'],
    ['a bracketed IPv6 address', '"[2001:db8::7]"', 'peer/east-west-address-invalid'],
    ['a name with an underscore', 'east_west.beta.example.org', 'peer/east-west-address-invalid'],
    ['a loopback address', '127.0.0.1', 'peer/east-west-address-unreachable'],
    ['the IPv6 loopback', '"::1"', 'peer/east-west-address-unreachable'],
    ['a link-local address', '169.254.10.1', 'peer/east-west-address-unreachable'],
    ['localhost', 'localhost', 'peer/east-west-address-unreachable'],
    ['a cluster-internal service name', 'istio-eastwestgateway.istio-system.svc.cluster.local', 'peer/east-west-address-internal'],
    ['a single-label name', 'eastwest', 'peer/east-west-address-unqualified'],
  ].map(([what, address, code]): Case => ({
    name: `eastWest.address as ${what}`,
    files: { [BETA]: peerYaml('beta', { address }) },
    expected: [`${code} ${BETA}:12:14`],
  })),
  ...['203.0.113.7', '10.20.30.40', '"2001:db8:4000::15"', 'gw-1.beta.example.org'].map((address): Case => ({
    name: `eastWest.address ${address} is accepted`,
    files: { [BETA]: peerYaml('beta', { address }) },
    expected: [],
  })),
  {
    name: 'an Istio version below 1.22',
    files: { [BETA]: peerYaml('beta', { version: '"1.21.6"' }) },
    expected: [`peer/istio-version-unsupported ${BETA}:14:14`],
  },
  {
    name: 'Istio 1.22, the oldest supported version',
    files: { [BETA]: peerYaml('beta', { version: '"1.22"' }) },
    expected: [],
  },
  {
    name: 'the default trust domain cluster.local',
    files: { [BETA]: peerYaml('beta', { trustDomain: 'cluster.local' }) },
    expected: [`peer/trust-domain-default ${BETA}:7:16`],
  },
  {
    name: 'a namespace listed twice',
    files: { [BETA]: peerYaml('beta', { namespaces: '[demo, demo]' }) },
    expected: [`peer/namespace-duplicate ${BETA}:15:22`],
  },
  {
    name: 'a Kubernetes system namespace',
    files: { [BETA]: peerYaml('beta', { namespaces: '[demo, kube-system]' }) },
    expected: [`peer/namespace-reserved ${BETA}:15:22`],
  },
  {
    name: 'a peer named like another peer\'s drift environment',
    files: { 'federation/peers/beta-drift/peer.yaml': peerYaml('beta-drift') },
    expected: ['peer/name-reserved federation/peers/beta-drift/peer.yaml:1:1'],
  },
  {
    name: 'an east-west gateway in kube-system',
    files: { [BETA]: GATEWAY_IN_KUBE_SYSTEM },
    expected: [`peer/gateway-namespace-reserved ${at(BETA, GATEWAY_IN_KUBE_SYSTEM, 'kube-system')}`],
  },
  {
    name: 'a Peer without locality (schema) does not also report a missing Peer',
    files: {
      [BETA]: y`
        apiVersion: meshfed.io/v1alpha1
        kind: Peer
        metadata:
          name: beta
        spec:
          owners: ["@beta-org/mesh-admins"]
          trustDomain: beta.example.org
          network: beta-net
          clusterID: beta-1
          eastWest:
            address: eastwest.beta.example.org
          istio:
            version: "1.30.3"
          namespaces: [demo]
      `,
    },
    expected: [`schema/missing-field ${BETA}:5:1`],
  },
];

describe('validateFederation: peers', () => {
  it.each(CASES)('GIVEN $name WHEN validated THEN exactly the expected diagnostics', (c) => expectCase(c));

  it('GIVEN the base federation WHEN validated THEN it is clean (the cases above each break one thing)', () => {
    expect(formatted()).toEqual([]);
  });

  it('GIVEN a shared trust domain WHEN reported THEN each peer is told which other peer uses it and why it matters', () => {
    const lines = formatted({ [BETA]: peerYaml('beta', { trustDomain: 'alpha.example.org' }) });
    expect(lines[0]).toContain(`trustDomain "alpha.example.org" is also used by peer "beta" (${BETA}:7)`);
    expect(lines[0]).toContain('identity isolation');
  });

  it('GIVEN an owner written as an e-mail or URL WHEN reported THEN the hint gives the @ form', () => {
    const lines = formatted({ [BETA]: peerYaml('beta', { owners: '["bob@example.org", "https://github.com/orgs/acme/teams/sre"]' }) });
    expect(lines.join('\n')).toContain('write the GitHub login instead');
    expect(lines.join('\n')).toContain('write it as "@acme/sre"');
  });

  it('GIVEN an unsupported Istio version WHEN reported THEN the hint names the minimum', () => {
    const [line] = formatted({ [BETA]: peerYaml('beta', { version: '"1.20"' }) });
    expect(line).toContain('upgrade this peer to Istio 1.22 or later');
  });
});

describe('validateFederation: no follow-on errors, but no hidden ones either', () => {
  it.each([
    ['a peer.yaml that does not parse', { [BETA]: 'spec: [\n' }, [`yaml/syntax ${BETA}:2:1`]],
    [
      'another broken file while peer.yaml is missing',
      { [BETA]: null, 'federation/peers/beta/echo.yaml': 'spec: [\n' },
      ['yaml/syntax federation/peers/beta/echo.yaml:2:1', 'peer/missing federation/peers/beta/echo.yaml:1:1'],
    ],
    [
      'a stray YAML file while federation.yaml is missing',
      { 'federation/federation.yaml': null, 'federation/notes.yaml': 'a: 1\n' },
      ['federation/missing federation/federation.yaml:1:1', 'load/misplaced-file federation/notes.yaml:1:1'],
    ],
  ] as const)('GIVEN %s WHEN validated THEN exactly %j', (_what, files, expected) => {
    expectCase({ name: '', files, expected });
  });
});
