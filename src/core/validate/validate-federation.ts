import { diagnostic, sortDiagnostics, type Diagnostic } from '../diagnostics.js';
import type { FederationModel, PeerModel } from '../model/federation-model.js';
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
import { validationKeys, type ValidationReuse } from './validation-keys.js';

/**
 * Rules that look at one peer at a time: they report only at that peer's own files, and read other peers only
 * through the context and only the peers its intents name (what validation-keys.ts digests). Their findings for a
 * peer can then be taken from an earlier validation with the same key. Output is sorted anyway.
 */
const PEER_RULES: readonly (readonly [string, (ctx: ValidationContext, peer: PeerModel) => void])[] = [
  ['peers', checkPeers],
  ['owners', checkOwners],
  ['east-west addresses', checkEastWestAddresses],
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

/** Rules over the whole federation (the federation file, facts no two peers may share): always run in full. */
const FEDERATION_RULES: readonly (readonly [string, (ctx: ValidationContext) => void])[] = [
  ['federation', checkFederation],
  ['peer identities', checkPeerIdentities],
];

const NO_DIAGNOSTICS: readonly Diagnostic[] = Object.freeze([]);

/**
 * Cross-intent rules over a loaded federation (references, consent, uniqueness, ports, namespaces, TLS).
 * Never throws: a rule that fails on unexpected input is reported as an internal error instead.
 * With `reuse`, a peer whose validation key (validation-keys.ts) was validated before in this process gets the
 * findings of its peer rules from the cache, and only the other peers are checked: a plan's base, which differs
 * from the head in the few peers a change touches, is checked for those peers only. The result is the same.
 */
export function validateFederation(model: FederationModel, reuse?: ValidationReuse): Diagnostic[] {
  let ctx: ValidationContext;
  try {
    ctx = new ValidationContext(model);
  } catch (cause) {
    return [internal(model, 'model', cause)];
  }
  const out: Diagnostic[] = [];
  let keys: ReadonlyMap<string, string> | undefined;
  try {
    keys = reuse === undefined ? undefined : validationKeys(ctx, reuse.fileHashes);
  } catch (cause) {
    out.push(internal(model, 'which peers changed', cause));
  }
  const toCheck: PeerModel[] = [];
  const reused: Diagnostic[] = [];
  for (const p of ctx.peers) {
    const key = keys?.get(p.name);
    const known = key === undefined ? undefined : reuse?.cache.validatedPeer(key);
    if (known === undefined) toCheck.push(p);
    else reused.push(...known);
  }
  // Each peer's findings, to be kept under its key (only when every rule ran through).
  const byPeer = new Map<PeerModel, Diagnostic[]>();
  let complete = true;
  for (const [name, rule] of PEER_RULES) {
    const ran = guarded(ctx, out, name, () => {
      for (const p of toCheck) {
        const start = ctx.diagnostics.length;
        rule(ctx, p);
        if (keys === undefined || ctx.diagnostics.length === start) continue;
        let found = byPeer.get(p);
        if (found === undefined) byPeer.set(p, (found = []));
        for (let i = start; i < ctx.diagnostics.length; i++) found.push(ctx.diagnostics[i] as Diagnostic);
      }
    });
    complete = complete && ran;
  }
  for (const [name, rule] of FEDERATION_RULES) guarded(ctx, out, name, () => rule(ctx));
  if (reuse !== undefined && keys !== undefined && complete) {
    for (const p of toCheck) {
      const key = keys.get(p.name);
      if (key !== undefined) reuse.cache.rememberValidatedPeer(key, byPeer.get(p) ?? NO_DIAGNOSTICS);
    }
  }
  out.push(...ctx.diagnostics, ...reused);
  return sortDiagnostics(out);
}

/** Runs one rule family; if it throws, its findings are dropped and one internal diagnostic says so (false). */
function guarded(ctx: ValidationContext, out: Diagnostic[], name: string, run: () => void): boolean {
  const before = ctx.diagnostics.length;
  try {
    run();
    return true;
  } catch (cause) {
    ctx.diagnostics.length = before;
    out.push(internal(ctx.model, name, cause));
    return false;
  }
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
