import { describe, it } from 'vitest';
import { at } from './federation-builder.js';
import { expectCase, type RuleCase } from './case-table.js';

// import/ejection-percent-counts-peer and import/eject-on-first-error (src/core/validate/import-ejection-rules.ts):
// warnings where Envoy's outlier detection, with the peer's gateway among the endpoints, does not do what the
// numbers suggest (docs/errors.md).
const IMPORT = 'federation/peers/beta/echo.yaml';
const importYaml = (policy: string) =>
  `apiVersion: meshfed.io/v1alpha1\nkind: ServiceImport\nmetadata:\n  name: echo\nspec:\n  from: {peer: alpha, export: echo}\n${policy}`;

const HALF = importYaml('  burst:\n    local: {maxConnections: 10}\n    ejection: {maxEjectionPercent: 50}\n');
const FAILOVER_NINETY = importYaml('  failover:\n    ejection: {maxEjectionPercent: 90}\n');
const FIRST_ERROR = importYaml('  burst:\n    local: {maxConnections: 1}\n    ejection: {consecutive5xxErrors: 1, maxEjectionPercent: 100}\n');
const FIRST_ERROR_FAILOVER = importYaml('  failover:\n    ejection: {consecutive5xxErrors: 1}\n');
const FIRST_ERROR_HALF = importYaml('  failover:\n    ejection: {consecutive5xxErrors: 1, maxEjectionPercent: 50}\n');
const TWO_ERRORS = importYaml('  burst:\n    local: {maxConnections: 1}\n    ejection: {consecutive5xxErrors: 2, maxEjectionPercent: 100}\n');
const SPLIT = importYaml('  split: {remoteWeight: 10}\n');

const CASES: readonly RuleCase[] = [
  {
    name: 'burst with maxEjectionPercent 50',
    files: { [IMPORT]: HALF },
    expected: [`import/ejection-percent-counts-peer ${at(IMPORT, HALF, 'maxEjectionPercent: ^50')}`],
  },
  {
    name: 'failover with maxEjectionPercent 90',
    files: { [IMPORT]: FAILOVER_NINETY },
    expected: [`import/ejection-percent-counts-peer ${at(IMPORT, FAILOVER_NINETY, 'maxEjectionPercent: ^90')}`],
  },
  {
    name: 'burst ejecting on the first 5xx with every endpoint ejectable',
    files: { [IMPORT]: FIRST_ERROR },
    expected: [`import/eject-on-first-error ${at(IMPORT, FIRST_ERROR, 'consecutive5xxErrors: ^1')}`],
  },
  {
    name: 'failover ejecting on the first 5xx (maxEjectionPercent defaults to 100)',
    files: { [IMPORT]: FIRST_ERROR_FAILOVER },
    expected: [`import/eject-on-first-error ${at(IMPORT, FIRST_ERROR_FAILOVER, 'consecutive5xxErrors: ^1')}`],
  },
  {
    name: 'the first 5xx ejects but not every endpoint can be ejected',
    files: { [IMPORT]: FIRST_ERROR_HALF },
    expected: [`import/ejection-percent-counts-peer ${at(IMPORT, FIRST_ERROR_HALF, 'maxEjectionPercent: ^50')}`],
  },
  { name: 'two consecutive 5xx and 100 %', files: { [IMPORT]: TWO_ERRORS }, expected: [] },
  { name: 'a split (no ejection)', files: { [IMPORT]: SPLIT }, expected: [] },
];

describe('import ejection warnings', () => {
  it.each(CASES)('GIVEN $name WHEN validated THEN exactly the expected warnings', (c) => expectCase(c));
});
