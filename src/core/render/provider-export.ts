import type { PeerIntent } from '../intents/peer-schema.js';
import type { ServiceExportIntent } from '../intents/service-export-schema.js';
import type { FederationModel, Located } from '../model/federation-model.js';
import type { AuthorizationRule } from './istio-types.js';
import { istioMutualSni, principal, serviceFqdn } from './mesh-identities.js';
import { NAME_PREFIX, objectName } from './names.js';
import { istioObject, type Provenance } from './object-builder.js';
import { peerIntentOf, provenanceFor, uniqueSorted } from './render-context.js';
import type { RenderedObject } from './rendered-object.js';
import { compareStrings } from '../compare-strings.js';

/**
 * Provider side of one ServiceExport, in the provider's cluster (docs/istio.md, "ServiceExport"):
 * 1. Gateway on the east-west gateway: port `eastWest.port` (15443), AUTO_PASSTHROUGH, hosts = the exported
 *    service only (never `*.local`), so only this service is reachable from other networks.
 * 2. DestinationRule (only with `inbound`) in the east-west gateway's namespace, selecting the gateway: caps the
 *    connections all peers together open to the service through the gateway (its SNI-DNAT cluster).
 * 3. AuthorizationPolicy ALLOW for the service's namespace: the consumers' identities, only for connections
 *    whose SNI names the exported host and an exported port, plus the provider's own trust domain so local
 *    callers keep working.
 * The STRICT PeerAuthentication of the service's namespace is shared by all exports in that namespace (Istio
 * honours one namespace-wide policy): see provider-strict-mtls.ts.
 *
 * Depends on: the export, the provider's Peer, and the consumers' Peers (trust domain, namespaces) only.
 */
export function renderExport(
  model: FederationModel,
  providerName: string,
  provider: PeerIntent,
  exp: Located<ServiceExportIntent>,
): RenderedObject[] {
  const spec = exp.value.spec;
  const provenance = provenanceFor(providerName, provider, exp);
  const name = objectName(NAME_PREFIX.export, exp.value.metadata.name);
  const host = serviceFqdn(spec.service.name, spec.service.namespace);
  const objects: RenderedObject[] = [eastWestExposure(provider, provenance, name, host)];
  if (spec.inbound !== undefined) objects.push(inboundCap(provider, provenance, name, host, spec.inbound));
  objects.push(
    istioObject('AuthorizationPolicy', name, spec.service.namespace, provenance, {
      action: 'ALLOW',
      rules: authorizationRules(model, provider, exp.value),
    }),
  );
  return objects;
}

function eastWestExposure(provider: PeerIntent, provenance: Provenance, name: string, host: string): RenderedObject {
  const eastWest = provider.spec.eastWest;
  return istioObject('Gateway', name, eastWest.namespace, provenance, {
    selector: eastWest.selector,
    servers: [
      {
        port: { number: eastWest.port, name: 'tls', protocol: 'TLS' },
        tls: { mode: 'AUTO_PASSTHROUGH' },
        hosts: [host],
      },
    ],
  });
}

function inboundCap(
  provider: PeerIntent,
  provenance: Provenance,
  name: string,
  host: string,
  inbound: NonNullable<ServiceExportIntent['spec']['inbound']>,
): RenderedObject {
  const eastWest = provider.spec.eastWest;
  return istioObject('DestinationRule', name, eastWest.namespace, provenance, {
    host,
    exportTo: ['.'],
    workloadSelector: { matchLabels: eastWest.selector },
    trafficPolicy: {
      connectionPool: {
        tcp: {
          maxConnections: inbound.maxConnections,
          ...(inbound.connectTimeout === undefined ? {} : { connectTimeout: inbound.connectTimeout }),
        },
      },
    },
  });
}

/**
 * Rule 1 admits the consumers' workloads (listed service accounts, or every account of the consumer's
 * namespaces), and only on connections whose SNI is `outbound_.<port>_._.<exported host>` for an exported port:
 * that is what a consumer's sidecar sends (meshfed sets it explicitly), it names the Service port (a
 * `to.operation.ports` rule would see the pod's target port, which meshfed does not know) and the exported
 * host (the policy is namespace-wide, so ports alone would also open the namespace's other services).
 * Rule 2 admits every workload of the provider's own trust domain, so the namespace-wide ALLOW policy does not
 * lock out local callers. An empty principal list would match everyone, so rule 1 is left out when no consumer
 * can be resolved.
 */
export function authorizationRules(model: FederationModel, provider: PeerIntent, exp: ServiceExportIntent): AuthorizationRule[] {
  const principals = consumerPrincipals(model, exp);
  const host = serviceFqdn(exp.spec.service.name, exp.spec.service.namespace);
  const snis = [...new Set(exp.spec.ports.map((p) => p.number))].sort((a, b) => a - b).map((port) => istioMutualSni(port, host));
  const rules: AuthorizationRule[] = [];
  if (principals.length > 0 && snis.length > 0) {
    rules.push({ from: [{ source: { principals } }], when: [{ key: 'connection.sni', values: snis }] });
  }
  rules.push({ from: [{ source: { principals: [`${provider.spec.trustDomain}/*`] } }] });
  return rules;
}

export function consumerPrincipals(model: FederationModel, exp: ServiceExportIntent): string[] {
  const out: string[] = [];
  for (const consumer of [...exp.spec.consumers].sort((a, b) => compareStrings(a.peer, b.peer))) {
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
