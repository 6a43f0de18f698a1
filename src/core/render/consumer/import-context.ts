import type { PeerIntent } from '../../intents/peer-schema.js';
import type { ServiceExportIntent } from '../../intents/service-export-schema.js';
import type { ServiceImportIntent } from '../../intents/service-import-schema.js';
import type { FederationModel, Located } from '../../model/federation-model.js';
import { REMOTE_HOST_SUFFIX, serviceFqdn, spiffeId } from '../mesh-identities.js';
import { NAME_PREFIX, objectName, toDnsLabelChars } from '../names.js';
import type { Provenance } from '../object-builder.js';
import { findExport, peerIntentOf, provenanceFor, uniqueSorted } from '../render-context.js';

export type ExportPort = ServiceExportIntent['spec']['ports'][number];

/** Port protocols Istio routes as HTTP (VirtualService `http` routes, retries, mirroring). */
const HTTP_PROTOCOLS = new Set(['HTTP', 'HTTP2', 'GRPC']);

/** Everything a consumer-side renderer needs about one import, resolved once. */
export interface ImportContext {
  readonly consumerName: string;
  readonly consumer: PeerIntent;
  readonly providerName: string;
  readonly provider: PeerIntent;
  readonly imp: Located<ServiceImportIntent>;
  readonly exp: ServiceExportIntent;
  /** The imported ports of the export (all of them unless the import names some), in the export's order. */
  readonly ports: readonly ExportPort[];
  /** The consumer's local Service that shares its traffic. */
  readonly target: { readonly name: string; readonly namespace: string };
  /** `<target>.<ns>.svc.cluster.local`. */
  readonly targetHost: string;
  /** The provider's exported host, `<service>.<ns>.svc.cluster.local` in the provider's cluster. */
  readonly providerHost: string;
  /** Host meshfed registers for the provider alone in the consumer's cluster: `<import>.<provider>.meshfed.internal`. */
  readonly remoteHost: string;
  /** SPIFFE IDs of the exported service's accounts in the provider's trust domain (identity pinning). */
  readonly providerIdentities: readonly string[];
  /** Name of every object this import renders (one per kind). */
  readonly objectName: string;
  readonly provenance: Provenance;
}

/**
 * Resolves an import against its provider's Peer and Export. Returns undefined when something it needs is
 * missing (the validator reports that; render just skips).
 */
export function resolveImport(
  model: FederationModel,
  consumerName: string,
  consumer: PeerIntent,
  imp: Located<ServiceImportIntent>,
): ImportContext | undefined {
  const from = imp.value.spec.from;
  const provider = peerIntentOf(model, from.peer);
  const exp = findExport(model, from.peer, from.export)?.value;
  if (provider === undefined || exp === undefined) return undefined;
  const wanted = imp.value.spec.ports;
  const ports = wanted === undefined ? exp.spec.ports : exp.spec.ports.filter((p) => wanted.includes(p.name));
  if (ports.length === 0) return undefined;
  const target = imp.value.spec.target ?? exp.spec.service;
  const importName = imp.value.metadata.name;
  return {
    consumerName,
    consumer,
    providerName: from.peer,
    provider,
    imp,
    exp,
    ports,
    target,
    targetHost: serviceFqdn(target.name, target.namespace),
    providerHost: serviceFqdn(exp.spec.service.name, exp.spec.service.namespace),
    remoteHost: `${toDnsLabelChars(importName)}.${toDnsLabelChars(from.peer)}.${REMOTE_HOST_SUFFIX}`,
    providerIdentities: uniqueSorted(
      exp.spec.serviceAccounts.map((sa) => spiffeId(provider.spec.trustDomain, exp.spec.service.namespace, sa)),
    ),
    objectName: objectName(NAME_PREFIX.import, importName),
    provenance: provenanceFor(consumerName, consumer, imp),
  };
}

export function httpPorts(ctx: ImportContext): ExportPort[] {
  return ctx.ports.filter((p) => HTTP_PROTOCOLS.has(p.protocol));
}

export function tcpPorts(ctx: ImportContext): ExportPort[] {
  return ctx.ports.filter((p) => p.protocol === 'TCP');
}

/**
 * HTTP/1.1 ports towards a peer are upgraded to HTTP/2 (DestinationRule `h2UpgradePolicy: UPGRADE`, istio/istio
 * cluster_traffic_policy.go `shouldH2Upgrade`): over HTTP/1.1 every request in flight holds a connection of its
 * own through the provider's gateway, whose `inbound.maxConnections` would then cap concurrent requests. HTTP2
 * and GRPC ports are HTTP/2 already; TCP ports must never be upgraded (`shouldH2Upgrade` honours an explicit
 * UPGRADE on any port).
 */
export function upgradesToH2(p: ExportPort): boolean {
  return p.protocol === 'HTTP';
}
