import type { AuthorizationPolicySpecView as AuthorizationPolicySpec, AuthorizationRuleView as AuthorizationRule } from '../istio-spec.js';
import { compareByCreation, configRef, labelsSubsetOf, type IstioConfig, type MeshView } from '../istio-config.js';
import { principalMatches, replaceTrustDomainAliases, sourceNamespaceOf, trustDomainOf, valueMatches } from './authorization-values.js';

/**
 * Whether a workload's sidecar admits a request or connection, under every AuthorizationPolicy that applies.
 *
 * Follows istio/istio:
 * - pilot/pkg/model/authorization.go `ListAuthorizationPolicies`: policies of the ROOT namespace and of the
 *   workload's namespace, whose `selector` matches the workload's labels (no selector: every workload there);
 *   policies with `targetRefs` attach to gateways/waypoints, not to sidecars;
 * - pilot/pkg/security/authz/builder/builder.go `build` and Envoy's RBAC filters: DENY policies are checked first
 *   (any matching rule denies), then, if at least one ALLOW policy applies, a request must match one of their
 *   rules; with no ALLOW policy it is allowed. A policy with no rules matches nothing (`rbacPolicyMatchNever`);
 *   a rule `{}` matches everything. CUSTOM and AUDIT are not modelled.
 * - pilot/pkg/security/authz/model/model.go `New` / `Generate`: a rule is (any `from`) AND (any `to`) AND (every
 *   `when`); `values` are ORed, `notValues` negate their OR; an unknown `when` key makes the whole rule invalid
 *   and skipped; on a TCP (non-HTTP) port an HTTP-only condition makes an ALLOW rule match nothing
 *   (`checkError`: "a smaller allow policy") and is dropped from a DENY rule ("a wider deny policy");
 * - `Model.MigrateTrustDomain` (pilot/pkg/security/trustdomain/bundle.go): principals of the local trust domain,
 *   of its aliases or of `cluster.local` also match every alias; a principal like `td/*` is NOT expanded.
 */

export interface AuthorizationRequest {
  /** Namespace and labels of the workload receiving the request. */
  readonly workloadNamespace: string;
  readonly workloadLabels?: Readonly<Record<string, string>>;
  /** Authenticated peer identity `<trust domain>/ns/<ns>/sa/<sa>`; undefined for plaintext. */
  readonly principal: string | undefined;
  /** TLS SNI of the connection (what `connection.sni` matches). */
  readonly sni?: string;
  /** Port the request arrives on at the workload (`destination.port`, `to.operation.ports`). */
  readonly port: number;
  /** `tcp` for a non-HTTP port (the RBAC network filter), `http` otherwise. */
  readonly protocol: 'http' | 'tcp';
  readonly http?: {
    readonly method?: string;
    readonly path?: string;
    readonly host?: string;
    readonly headers?: Readonly<Record<string, string>>;
  };
}

export interface TrustDomainBundle {
  /** meshConfig.trustDomain of the receiving cluster. */
  readonly trustDomain: string;
  readonly aliases?: readonly string[];
}

export interface AuthorizationDecision {
  readonly allowed: boolean;
  /** Why, e.g. `DENY istio-system/meshfed-foreign-deny rule 0`, `ALLOW shop/frontend-only rule 1`, `no ALLOW policy`. */
  readonly reason: string;
}

/** authorization.go `ListAuthorizationPolicies` (plus `ShouldAttachPolicy` for sidecars). */
export function policiesFor(mesh: MeshView, req: Pick<AuthorizationRequest, 'workloadNamespace' | 'workloadLabels'>): IstioConfig[] {
  const namespaces = new Set([mesh.rootNamespace, req.workloadNamespace]);
  return mesh.configs
    .filter((c) => c.kind === 'AuthorizationPolicy' && namespaces.has(c.metadata.namespace))
    .filter((c) => {
      const spec = c.spec as AuthorizationPolicySpec;
      if (spec.targetRef !== undefined || (spec.targetRefs !== undefined && spec.targetRefs.length > 0)) return false;
      const selector = spec.selector?.matchLabels;
      return selector === undefined || labelsSubsetOf(selector, req.workloadLabels ?? {});
    })
    .sort(compareByCreation);
}

type Outcome = 'match' | 'no-match' | 'invalid';

const HTTP_ONLY_WHEN = /^(request\.headers\[|request\.auth\.)/;

function whenMatches(key: string, values: readonly string[] | undefined, notValues: readonly string[] | undefined, req: AuthorizationRequest, td: TrustDomainBundle): boolean | 'unknown' | 'http-only' {
  let actual: string | undefined;
  let matcher: (pattern: string, v: string | undefined) => boolean = valueMatches;
  let vals = values ?? [];
  let nots = notValues ?? [];
  if (key === 'connection.sni') actual = req.sni;
  else if (key === 'destination.port') actual = String(req.port);
  else if (key === 'source.principal') {
    actual = req.principal;
    matcher = principalMatches;
    vals = replaceTrustDomainAliases(vals, td);
    nots = replaceTrustDomainAliases(nots, td);
  } else if (key === 'source.namespace') actual = sourceNamespaceOf(req.principal);
  else if (key === 'source.trustDomain') actual = trustDomainOf(req.principal);
  else if (HTTP_ONLY_WHEN.test(key)) {
    if (req.protocol === 'tcp') return 'http-only';
    const header = /^request\.headers\[(.+)\]$/.exec(key)?.[1];
    if (header === undefined) return 'unknown';
    actual = req.http?.headers?.[header.toLowerCase()];
  } else return 'unknown';
  if (vals.length > 0 && !vals.some((p) => matcher(p, actual))) return false;
  if (nots.length > 0 && nots.some((p) => matcher(p, actual))) return false;
  return true;
}

function fieldMatches(values: readonly string[] | undefined, notValues: readonly string[] | undefined, actual: string | undefined, matcher = valueMatches): boolean {
  if (values !== undefined && values.length > 0 && !values.some((p) => matcher(p, actual))) return false;
  if (notValues !== undefined && notValues.length > 0 && notValues.some((p) => matcher(p, actual))) return false;
  return true;
}

/** model.go `New` + `Generate` for one rule. */
export function ruleOutcome(rule: AuthorizationRule, action: 'ALLOW' | 'DENY', req: AuthorizationRequest, td: TrustDomainBundle): Outcome {
  const tcp = req.protocol === 'tcp';
  let conditionsHold = true;
  for (const w of rule.when ?? []) {
    const r = whenMatches(w.key, w.values, w.notValues, req, td);
    if (r === 'unknown') return 'invalid';
    if (r === 'http-only') {
      if (action === 'ALLOW') return 'no-match';
      continue;
    }
    if (!r) conditionsHold = false;
  }
  const froms = rule.from ?? [];
  const fromOk =
    froms.length === 0 ||
    froms.some(({ source: s }) => {
      if (s === undefined) return true;
      const jwt = (s.requestPrincipals?.length ?? 0) > 0 || (s.notRequestPrincipals?.length ?? 0) > 0;
      if (jwt && tcp && action === 'ALLOW') return false;
      // No JWT in this model: `requestPrincipals` never holds, `notRequestPrincipals` always does (dropped on TCP DENY).
      if (jwt && !tcp && (s.requestPrincipals?.length ?? 0) > 0) return false;
      const sa = req.principal === undefined ? undefined : /\/ns\/([^/]+)\/sa\/([^/]+)$/.exec(req.principal);
      return (
        fieldMatches(replaceTrustDomainAliases(s.principals ?? [], td), replaceTrustDomainAliases(s.notPrincipals ?? [], td), req.principal, principalMatches) &&
        fieldMatches(s.namespaces, s.notNamespaces, sourceNamespaceOf(req.principal)) &&
        fieldMatches(s.serviceAccounts, s.notServiceAccounts, sa === null || sa === undefined ? undefined : `${sa[1]}/${sa[2]}`) &&
        fieldMatches(s.trustDomains, s.notTrustDomains, trustDomainOf(req.principal)) &&
        (s.ipBlocks === undefined || s.ipBlocks.length === 0) &&
        (s.remoteIpBlocks === undefined || s.remoteIpBlocks.length === 0)
      );
    });
  const tos = rule.to ?? [];
  const toOk =
    tos.length === 0 ||
    tos.some(({ operation: o }) => {
      if (o === undefined) return true;
      if (!fieldMatches(o.ports, o.notPorts, String(req.port))) return false;
      const httpFields: [readonly string[] | undefined, readonly string[] | undefined, string | undefined][] = [
        [o.hosts, o.notHosts, req.http?.host],
        [o.paths, o.notPaths, req.http?.path],
        [o.methods, o.notMethods, req.http?.method],
      ];
      for (const [v, n, actual] of httpFields) {
        if ((v?.length ?? 0) === 0 && (n?.length ?? 0) === 0) continue;
        if (tcp) {
          if (action === 'ALLOW') return false;
          continue;
        }
        if (!fieldMatches(v, n, actual)) return false;
      }
      return true;
    });
  return conditionsHold && fromOk && toOk ? 'match' : 'no-match';
}

function firstMatch(policies: readonly IstioConfig[], action: 'ALLOW' | 'DENY', req: AuthorizationRequest, td: TrustDomainBundle): string | undefined {
  for (const p of policies) {
    const rules = (p.spec as AuthorizationPolicySpec).rules ?? [];
    for (let i = 0; i < rules.length; i++) {
      if (ruleOutcome(rules[i] as AuthorizationRule, action, req, td) === 'match') return `${action} ${configRef(p)} rule ${i}`;
    }
  }
  return undefined;
}

/** The decision of the workload's sidecar for `req`. */
export function evaluateAuthorization(mesh: MeshView, req: AuthorizationRequest, td: TrustDomainBundle): AuthorizationDecision {
  const policies = policiesFor(mesh, req);
  const action = (p: IstioConfig): string => (p.spec as AuthorizationPolicySpec).action ?? 'ALLOW';
  const denied = firstMatch(policies.filter((p) => action(p) === 'DENY'), 'DENY', req, td);
  if (denied !== undefined) return { allowed: false, reason: denied };
  const allows = policies.filter((p) => action(p) === 'ALLOW');
  if (allows.length === 0) return { allowed: true, reason: 'no ALLOW policy' };
  const allowed = firstMatch(allows, 'ALLOW', req, td);
  return allowed === undefined ? { allowed: false, reason: 'no ALLOW rule matched' } : { allowed: true, reason: allowed };
}
