import { compareStrings } from '../../compare-strings.js';
import type { PeerIntent } from '../../intents/peer-schema.js';
import type { ServiceExportIntent } from '../../intents/service-export-schema.js';
import type { FederationModel, Located } from '../../model/federation-model.js';
import type { AuthorizationRule } from '../istio-types.js';
import { istioMutualSni, principal, serviceFqdn } from '../mesh-identities.js';
import { FOREIGN_DENY_NAME } from '../names.js';
import { istioObject } from '../object-builder.js';
import { peerIntentOf, provenanceFor, uniqueSorted } from '../render-context.js';
import type { RenderedObject } from '../rendered-object.js';

/**
 * The provider's access control for foreign identities: DENY policies only, which never widen what the
 * operator's own policies allow (docs/istio.md, "AuthorizationPolicy").
 *
 * Why DENY only: Envoy RBAC ORs every ALLOW policy that applies to a workload, and a workload with at least one
 * ALLOW policy denies whatever none of them allows (istio/istio pilot/pkg/security/authz/builder/builder.go;
 * istio.io "Authorization policy": "If any allow policies ... deny the request if it does not match"). So an ALLOW
 * meshfed adds either widens an operator's restrictive ALLOW (the old `<own trust domain>/*` rule did) or, in a
 * namespace without ALLOW policies, turns every workload there default-deny for local callers. A DENY policy does
 * neither: it is evaluated first and can only take away. What meshfed renders therefore leaves local callers
 * exactly the access the operator's policies give them and admits consumers wherever the operator's policies do
 * (everywhere, in a namespace without ALLOW policies); where an operator's ALLOW policy restricts the exported
 * workload, the operator adds the consumers to it (the runner's preflight warns; docs/runners.md).
 *
 * Why mesh-wide: a provider accepts a consumer's trust domain mesh-wide (meshConfig `caCertificates[].trustDomains`),
 * so every workload of that domain authenticates at every provider workload, not only at the exported one. The
 * policy is rendered into the east-west gateway namespace, which must be Istio's root namespace (meshConfig
 * `rootNamespace`, default `istio-system`), where a policy applies to every workload of the mesh
 * (pilot/pkg/model/authorization.go `ListAuthorizationPolicies`), and again into each exporting namespace, so the
 * exported workloads are covered even if the root namespace differs.
 *
 * Rules (any matching rule denies):
 * 0. every authenticated identity (`principals: ["*"]`: plaintext has none, so the operator's PERMISSIVE ports and
 *    the gateways' TLS passthrough are untouched) outside the provider's own trust domain and not a consumer
 *    identity of any export;
 * 1..n. each consumer identity on any SNI but the `outbound_.<port>_._.<host>` of the exports that admit it (what
 *    a consumer's sidecar sends, meshfed sets it explicitly; it names the exported host and Service port). An
 *    identity listed by `sa/*` for a namespace and also by name gets, on its own rule, the SNIs of both, and the
 *    wildcard's rule excepts it (`notPrincipals`), so neither rule denies what the other admits.
 * Principals of the provider's own trust domain are never matched, whatever their form: `<td>/*` is not expanded
 * with trustDomainAliases (pilot/pkg/security/trustdomain/bundle.go), so a mesh using aliases must not (the
 * runner's preflight refuses it).
 *
 * Depends on the provider's own exports and Peer, and the consumers' Peers (trust domain, namespaces) only.
 */
export function renderForeignDeny(
  model: FederationModel,
  providerName: string,
  provider: PeerIntent,
  exports: readonly Located<ServiceExportIntent>[],
): RenderedObject[] {
  if (exports.length === 0) return [];
  const owner = [...exports].sort((a, b) => compareStrings(a.value.metadata.name, b.value.metadata.name) || compareStrings(a.source.file, b.source.file))[0];
  if (owner === undefined) return [];
  const rules = foreignDenyRules(model, provider, exports.map((e) => e.value));
  const namespaces = uniqueSorted([provider.spec.eastWest.namespace, ...exports.map((e) => e.value.spec.service.namespace)]);
  return namespaces.map((ns) =>
    istioObject('AuthorizationPolicy', FOREIGN_DENY_NAME, ns, provenanceFor(providerName, provider, owner), { action: 'DENY', rules }),
  );
}

/** Identities the export admits: listed accounts, or every account (`sa/*`) of the consumer peer's namespaces. */
export function consumerPrincipals(model: FederationModel, exp: ServiceExportIntent): string[] {
  const out: string[] = [];
  for (const consumer of exp.spec.consumers) {
    const peer = peerIntentOf(model, consumer.peer);
    if (peer === undefined) continue;
    const td = peer.spec.trustDomain;
    if (consumer.serviceAccounts !== undefined && consumer.serviceAccounts.length > 0) {
      for (const sa of consumer.serviceAccounts) out.push(principal(td, sa.namespace, sa.serviceAccount));
    } else {
      for (const ns of peer.spec.namespaces) out.push(principal(td, ns, '*'));
    }
  }
  return uniqueSorted(out);
}

/** The SNIs a consumer's sidecar sends to an export: one per exported Service port. */
export function exportSnis(exp: ServiceExportIntent): string[] {
  const host = serviceFqdn(exp.spec.service.name, exp.spec.service.namespace);
  return [...new Set(exp.spec.ports.map((p) => p.number))].sort((a, b) => a - b).map((port) => istioMutualSni(port, host));
}

/** SNIs by host, then port number (`outbound_.<port>_._.<host>`). */
function compareSni(a: string, b: string): number {
  const pa = /^outbound_\.(\d+)_\._\.(.*)$/.exec(a);
  const pb = /^outbound_\.(\d+)_\._\.(.*)$/.exec(b);
  if (pa === null || pb === null) return compareStrings(a, b);
  return compareStrings(pa[2] ?? '', pb[2] ?? '') || Number(pa[1]) - Number(pb[1]);
}


export function foreignDenyRules(model: FederationModel, provider: PeerIntent, exports: readonly ServiceExportIntent[]): AuthorizationRule[] {
  const admitted = new Map<string, Set<string>>();
  for (const exp of exports) {
    const snis = exportSnis(exp);
    for (const p of consumerPrincipals(model, exp)) {
      const set = admitted.get(p) ?? new Set<string>();
      for (const s of snis) set.add(s);
      admitted.set(p, set);
    }
  }
  const principals = [...admitted.keys()].sort(compareStrings);
  const rules: AuthorizationRule[] = [
    { from: [{ source: { principals: ['*'], notPrincipals: [`${provider.spec.trustDomain}/*`, ...principals] } }] },
  ];
  // Whether principal pattern i (exact, or `.../sa/*`) covers principal j, for every pair (principals² per
  // provider): each pattern's wildcard prefix is cut once. SNIs are ordered once per provider (`compareSni`).
  const order = new Map([...new Set([...admitted.values()].flatMap((set) => [...set]))].sort(compareSni).map((sni, i) => [sni, i]));
  const prefixes = principals.map((q) => (q.endsWith('/sa/*') ? q.slice(0, -1) : undefined));
  const coversAt = (i: number, j: number): boolean => {
    const prefix = prefixes[i];
    const p = principals[j] as string;
    return principals[i] === p || (prefix !== undefined && prefixes[j] === undefined && p.startsWith(prefix));
  };
  principals.forEach((p, j) => {
    const snis = new Set<string>();
    for (let i = 0; i < principals.length; i++) if (coversAt(i, j)) for (const s of admitted.get(principals[i] as string) ?? []) snis.add(s);
    const excepted = principals.filter((x, k) => k !== j && coversAt(j, k));
    rules.push({
      from: [{ source: { principals: [p], ...(excepted.length > 0 ? { notPrincipals: excepted } : {}) } }],
      when: [{ key: 'connection.sni', notValues: [...snis].sort((a, b) => (order.get(a) as number) - (order.get(b) as number)) }],
    });
  });
  return rules;
}
