import { compareStrings } from '../compare-strings.js';
import type { FederationModel } from '../model/federation-model.js';
import { normalizeFingerprint } from './fingerprint.js';

/** A trust domain this peer's sidecars must accept, and why: the peers (and their exports) that call it. */
export interface AcceptedTrustDomain {
  readonly trustDomain: string;
  /** The consumer peer(s) using this trust domain (validation makes it one; kept a list to stay total). */
  readonly peers: readonly string[];
  /** Names of this peer's exports that list those peers as consumers, sorted. */
  readonly exports: readonly string[];
}

/**
 * What one peer's Istio installation must hold for the federation's flows that involve it to work. Derived
 * from the intents only (pure); `meshfed mesh-config` prints it, the runner's preflight checks a cluster against it.
 */
export interface MeshRequirements {
  readonly peer: string;
  readonly federation: string;
  /** Federation `spec.meshID`: values.global.meshID, which the istiod chart writes as meshConfig.defaultConfig.meshId. */
  readonly meshID: string;
  /** Federation `spec.rootCA.fingerprint` as 64 lower-case hex digits (undefined only for an unvalidated model). */
  readonly rootFingerprint: string | undefined;
  /** meshConfig.trustDomain: the peer's own SPIFFE trust domain. */
  readonly trustDomain: string;
  /** The consumers' trust domains (meshConfig.caCertificates[].trustDomains), sorted; empty when nobody calls this peer. */
  readonly acceptedTrustDomains: readonly AcceptedTrustDomain[];
  /** Trust domains of every other peer of the federation, sorted (none of them may be a trustDomainAlias). */
  readonly federationTrustDomains: readonly { readonly trustDomain: string; readonly peer: string }[];
  /** Names of the peer's own exports, sorted: with none, nothing needs its east-west gateway. */
  readonly exports: readonly string[];
  readonly network: string;
  readonly clusterID: string;
  /** Where istiod runs (Peer `spec.istio.namespace`) and which revision's mesh config applies. */
  readonly istio: { readonly namespace: string; readonly revision: string | undefined };
  readonly eastWest: {
    readonly namespace: string;
    readonly port: number;
    readonly selector: Readonly<Record<string, string>>;
    readonly address: string;
  };
}

/** The requirements of `peer`, or undefined when the model has no such Peer or no Federation. */
export function meshRequirements(model: FederationModel, peer: string): MeshRequirements | undefined {
  const own = model.peers.get(peer)?.peer?.value;
  const federation = model.federation?.value;
  if (own === undefined || federation === undefined) return undefined;
  const byDomain = new Map<string, { peers: Set<string>; exports: Set<string> }>();
  for (const exp of model.peers.get(peer)?.exports ?? []) {
    for (const consumer of exp.value.spec.consumers) {
      const consumerPeer = model.peers.get(consumer.peer)?.peer?.value;
      if (consumerPeer === undefined || consumer.peer === peer) continue;
      const td = consumerPeer.spec.trustDomain;
      const entry = byDomain.get(td) ?? { peers: new Set(), exports: new Set() };
      entry.peers.add(consumer.peer);
      entry.exports.add(exp.value.metadata.name);
      byDomain.set(td, entry);
    }
  }
  const accepted = [...byDomain]
    .filter(([td]) => td !== own.spec.trustDomain)
    .sort(([a], [b]) => compareStrings(a, b))
    .map(([trustDomain, e]) => ({ trustDomain, peers: [...e.peers].sort(compareStrings), exports: [...e.exports].sort(compareStrings) }));
  const others = [...model.peers]
    .filter(([name, p]) => name !== peer && p.peer !== undefined)
    .map(([name, p]) => ({ trustDomain: p.peer?.value.spec.trustDomain ?? '', peer: name }))
    .sort((a, b) => compareStrings(a.trustDomain, b.trustDomain) || compareStrings(a.peer, b.peer));
  const spec = own.spec;
  return {
    peer,
    federation: federation.metadata.name,
    meshID: federation.spec.meshID,
    rootFingerprint: normalizeFingerprint(federation.spec.rootCA.fingerprint),
    trustDomain: spec.trustDomain,
    acceptedTrustDomains: accepted,
    federationTrustDomains: others,
    exports: (model.peers.get(peer)?.exports ?? []).map((e) => e.value.metadata.name).sort(compareStrings),
    network: spec.network,
    clusterID: spec.clusterID,
    istio: { namespace: spec.istio.namespace, revision: spec.istio.revision },
    eastWest: { namespace: spec.eastWest.namespace, port: spec.eastWest.port, selector: spec.eastWest.selector, address: spec.eastWest.address },
  };
}

/**
 * The ConfigMap istiod reads its mesh config from: `istio`, or `istio-<revision>` for a revision other than
 * `default` (istio/istio pilot/pkg/bootstrap/mesh.go, getMeshConfigMapName), key `mesh`.
 */
export function meshConfigMapName(revision: string | undefined): string {
  return revision === undefined || revision === '' || revision === 'default' ? 'istio' : `istio-${revision}`;
}

/** The ConfigMap istiod publishes its root certificate in, in every namespace (pilot/pkg/features CACertConfigMapName). */
export const ROOT_CERT_CONFIGMAP = 'istio-ca-root-cert';
/** Its key (pkg/config/constants CACertNamespaceConfigMapDataName). */
export const ROOT_CERT_KEY = 'root-cert.pem';
/** The mesh config key of the `istio` ConfigMap (pkg/config/mesh/kubemesh MeshConfigKey). */
export const MESH_CONFIG_KEY = 'mesh';
