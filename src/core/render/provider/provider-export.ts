import type { PeerIntent } from '../../intents/peer-schema.js';
import type { ServiceExportIntent } from '../../intents/service-export-schema.js';
import type { Located } from '../../model/federation-model.js';
import { serviceFqdn } from '../mesh-identities.js';
import { NAME_PREFIX, objectName } from '../names.js';
import { istioObject, type Provenance } from '../object-builder.js';
import { provenanceFor } from '../render-context.js';
import type { RenderedObject } from '../rendered-object.js';

/**
 * Provider side of one ServiceExport, in the provider's cluster (docs/istio.md, "ServiceExport"):
 * 1. Gateway on the east-west gateway: port `eastWest.port` (15443), AUTO_PASSTHROUGH, hosts = the exported
 *    service only (never `*.local`), so only this service is reachable from other networks.
 * 2. DestinationRule (only with `inbound`) in the east-west gateway's namespace, selecting the gateway: caps the
 *    connections all peers together open to the service through the gateway (its SNI-DNAT cluster).
 * Access control is not per export: the provider's DENY policies for foreign identities (provider-foreign-deny.ts)
 * and the STRICT PeerAuthentication of each exporting namespace (provider-strict-mtls.ts) cover all its exports.
 *
 * Depends on: the export and the provider's Peer only.
 */
export function renderExport(
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
