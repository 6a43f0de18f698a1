import { describe, expect, it } from 'vitest';
import { expectCase, type RuleCase } from './case-table.js';
import { at, formatted, y } from './federation-builder.js';

/**
 * In the base federation beta bursts into its own demo/echo (the import's default target). Here beta also exports
 * a service; when that is the very service the import merges the provider into, Istio would apply the import's
 * ServiceEntry and DestinationRule on beta's east-west gateway too (docs/istio.md, "burst into a service you export").
 */
const BETA_EXPORT = 'federation/peers/beta/export.yaml';
const IMPORT = 'federation/peers/beta/echo.yaml';

function betaExport(service: string): string {
  return y`
    apiVersion: meshfed.io/v1alpha1
    kind: ServiceExport
    metadata:
      name: mine
    spec:
      service: {name: ${service}, namespace: demo}
      ports:
        - {name: http, number: 8080, protocol: HTTP}
      serviceAccounts: [${service}]
      consumers:
        - peer: alpha
  `;
}

function importInto(policy: string, target = ''): string {
  return `apiVersion: meshfed.io/v1alpha1\nkind: ServiceImport\nmetadata:\n  name: echo\nspec:\n  from: {peer: alpha, export: echo}\n${target}${policy}`;
}

const BURST = '  burst:\n    local: {maxConnections: 10}\n';
const FAILOVER = '  failover: {}\n';
const SPLIT = '  split: {remoteWeight: 20}\n';
const TARGET_ECHO = '  target: {name: echo, namespace: demo}\n';
const TARGET_OTHER = '  target: {name: echo-local, namespace: demo}\n';

const CASES: readonly RuleCase[] = [
  {
    name: 'a burst import whose (default) target is a service the importer exports',
    files: { [BETA_EXPORT]: betaExport('echo') },
    expected: [`import/target-exported ${at(IMPORT, importInto(BURST), '{peer')}`],
  },
  {
    name: 'a failover import whose explicit target is a service the importer exports',
    files: { [BETA_EXPORT]: betaExport('echo'), [IMPORT]: importInto(FAILOVER, TARGET_ECHO) },
    expected: [`import/target-exported ${at(IMPORT, importInto(FAILOVER, TARGET_ECHO), '{name: echo')}`],
  },
  { name: 'a split import into an exported service (no merged endpoint)', files: { [BETA_EXPORT]: betaExport('echo'), [IMPORT]: importInto(SPLIT) }, expected: [] },
  { name: 'a burst import into another local service', files: { [BETA_EXPORT]: betaExport('echo'), [IMPORT]: importInto(BURST, TARGET_OTHER) }, expected: [] },
  { name: 'an export of another service next to the burst import', files: { [BETA_EXPORT]: betaExport('echo-export') }, expected: [] },
];

describe('validateFederation: a burst/failover import into a service the same peer exports', () => {
  it.each(CASES)('GIVEN $name WHEN validated THEN exactly the expected diagnostics', (c) => expectCase(c));

  it('GIVEN the conflict WHEN reported THEN the message names the export and the hint says what Istio would do and how to fix it', () => {
    const text = formatted({ [BETA_EXPORT]: betaExport('echo') }).join('\n');
    expect(text).toContain(`import "echo" merges peer "alpha" into demo/echo, which this peer exports as "mine" (${BETA_EXPORT}:1)`);
    expect(text).toContain('east-west gateway');
    expect(text).toContain('spec.target');
  });
});
