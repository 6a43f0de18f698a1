import { describe, expect, it } from 'vitest';
import { at, BASE_FILES, formatted, y } from './federation-builder.js';
import { expectCase, type RuleCase } from './case-table.js';

const FED = 'federation/federation.yaml';
const TWO_FEDERATIONS = `${BASE_FILES[FED]}---\n${BASE_FILES[FED]}`;
const SECOND_EXPORT = y`
  apiVersion: meshfed.io/v1alpha1
  kind: ServiceExport
  metadata:
    name: echo
  spec:
    service: {name: echo-v2, namespace: demo}
    ports:
      - {name: http, number: 8080, protocol: HTTP}
    serviceAccounts: [echo]
    consumers:
      - peer: beta
`;

const CASES: readonly RuleCase[] = [
  { name: 'no federation.yaml', files: { [FED]: null }, expected: [`federation/missing ${FED}:1:1`] },
  {
    name: 'a federation.yaml whose Federation fails its schema (no follow-on "missing")',
    files: { [FED]: BASE_FILES[FED]?.replace('demo-mesh', 'Demo Mesh') ?? '' },
    expected: [`schema/invalid-format ${FED}:6:11`],
  },
  {
    name: 'two Federation documents',
    files: { [FED]: TWO_FEDERATIONS },
    expected: [`load/duplicate-federation ${at(FED, TWO_FEDERATIONS, 'Federation', 1)}`],
  },
  {
    name: 'two exports named alike in one peer',
    files: { 'federation/peers/alpha/more.yaml': SECOND_EXPORT },
    expected: [`names/duplicate ${at('federation/peers/alpha/more.yaml', SECOND_EXPORT, 'name: ^echo')}`],
  },
  {
    name: 'same names for different kinds and in different peers are fine',
    files: {},
    expected: [],
  },
];

describe('validateFederation: federation and names', () => {
  it.each(CASES)('GIVEN $name WHEN validated THEN exactly the expected diagnostics', (c) => expectCase(c));

  it('GIVEN a duplicate name WHEN reported THEN the message points at the first intent', () => {
    expect(formatted({ 'federation/peers/alpha/more.yaml': SECOND_EXPORT }).join('\n')).toContain(
      'peer "alpha" already has a ServiceExport named "echo" (federation/peers/alpha/echo.yaml:4)',
    );
  });
});

describe('validateFederation never throws', () => {
  it('GIVEN a model whose intents lack fields the rules read WHEN validated THEN each failing rule family becomes one internal diagnostic', async () => {
    const { validateFederation } = await import('../../../src/core/validate/validate-federation.js');
    const broken = {
      root: 'federation',
      federation: undefined,
      peers: new Map([['alpha', { name: 'alpha', peer: { value: { metadata: { name: 'alpha' } }, source: { file: 'f', docIndex: 0, locate: () => ({ line: 1, col: 1 }) } }, exports: [], imports: [], gateways: [], files: ['federation/peers/alpha/peer.yaml'] }]]),
    } as unknown as Parameters<typeof validateFederation>[0];
    const out = validateFederation(broken);
    expect(out.some((d) => d.code === 'internal/rule-failed' && d.message.startsWith('meshfed could not check peers'))).toBe(true);
    expect(out.some((d) => d.code === 'federation/missing')).toBe(true);
    // A family that fails does not stop the ones after it: each says so once.
    for (const family of ['owners', 'east-west addresses']) {
      expect(out.filter((d) => d.code === 'internal/rule-failed' && d.message.startsWith(`meshfed could not check ${family}:`))).toHaveLength(1);
    }
  });
});
