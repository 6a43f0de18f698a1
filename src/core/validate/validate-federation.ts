import { diagnostic, sortDiagnostics, type Diagnostic } from '../diagnostics.js';
import type { FederationModel } from '../model/federation-model.js';
import { checkEastWestAddresses } from './east-west-rules.js';
import { checkExportConsumers, checkExports } from './export-rules.js';
import { checkFederation } from './federation-rules.js';
import { checkGatewayTls } from './gateway-tls-rules.js';
import { checkGateways } from './gateway-rules.js';
import { checkImportExportedTargets } from './import-exported-target-rules.js';
import { checkImportEjection } from './import-ejection-rules.js';
import { checkImportPolicies } from './import-policy-rules.js';
import { checkImportReferences } from './import-reference-rules.js';
import { checkImportTargets } from './import-target-rules.js';
import { checkMatchRegexes } from './match-regex-rules.js';
import { checkNames } from './name-rules.js';
import { checkOwners } from './owner-rules.js';
import { checkPeerIdentities } from './peer-identity-rules.js';
import { checkPeers } from './peer-rules.js';
import { ValidationContext } from './validation-context.js';

/** Every rule family, in the order their findings are most useful; output is sorted anyway. */
const RULES: readonly (readonly [string, (ctx: ValidationContext) => void])[] = [
  ['federation', checkFederation],
  ['peers', checkPeers],
  ['owners', checkOwners],
  ['east-west addresses', checkEastWestAddresses],
  ['peer identities', checkPeerIdentities],
  ['names', checkNames],
  ['exports', checkExports],
  ['export consumers', checkExportConsumers],
  ['import references', checkImportReferences],
  ['import targets', checkImportTargets],
  ['import targets that are exported', checkImportExportedTargets],
  ['import policies', checkImportPolicies],
  ['import ejection', checkImportEjection],
  ['edge gateways', checkGateways],
  ['edge gateway TLS', checkGatewayTls],
  ['header regexes', checkMatchRegexes],
];

/**
 * Cross-intent rules over a loaded federation (references, consent, uniqueness, ports, namespaces, TLS).
 * Never throws: a rule that fails on unexpected input is reported as an internal error instead.
 */
export function validateFederation(model: FederationModel): Diagnostic[] {
  let ctx: ValidationContext;
  try {
    ctx = new ValidationContext(model);
  } catch (cause) {
    return [internal(model, 'model', cause)];
  }
  const out: Diagnostic[] = [];
  for (const [name, rule] of RULES) {
    const before = ctx.diagnostics.length;
    try {
      rule(ctx);
    } catch (cause) {
      ctx.diagnostics.length = before;
      out.push(internal(model, name, cause));
    }
  }
  out.push(...ctx.diagnostics);
  return sortDiagnostics(out);
}

function internal(model: FederationModel, rule: string, cause: unknown): Diagnostic {
  const root = typeof model?.root === 'string' && model.root !== '' ? `${model.root}/` : '';
  const why = cause instanceof Error ? cause.message : String(cause);
  return diagnostic(
    `${root}federation.yaml`,
    { line: 1, col: 1 },
    'internal/rule-failed',
    `meshfed could not check ${rule}: ${why}`,
    'this is a bug in meshfed: report it with the intent files that triggered it',
  );
}
