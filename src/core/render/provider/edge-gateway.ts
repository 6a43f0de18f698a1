import type { EdgeGatewayIntent } from '../../intents/edge-gateway-schema.js';
import type { PeerIntent } from '../../intents/peer-schema.js';
import type { Located } from '../../model/federation-model.js';
import { BURST_SUBSET } from '../consumer/consumer-burst.js';
import { SPILL_RETRIES } from '../consumer/consumer-local-first.js';
import { toHttpMatch } from '../consumer/http-match.js';
import type { GatewayServer, HttpRoute } from '../istio-types.js';
import { serviceFqdn } from '../mesh-identities.js';
import { NAME_PREFIX, objectName } from '../names.js';
import { istioObject } from '../object-builder.js';
import { provenanceFor } from '../render-context.js';
import type { RenderedObject } from '../rendered-object.js';

/**
 * EdgeGateway: HTTPS ingress at the peer's edge, in the peer's ingress namespace (docs/istio.md, "EdgeGateway").
 * - Gateway selecting the ingress gateway pods: an HTTPS server with the TLS settings (mode, credentialName,
 *   protocol versions, cipher suites) and, with `httpsRedirect`, a plain HTTP server on 80 that redirects.
 * - VirtualService bound to that Gateway (`<namespace>/<name>`), routes in the intent's order, each to
 *   `<service>.<namespace>.svc.cluster.local` on the given port. A route to a service this peer bursts
 *   (`burstTargets`) goes to the burst subset with spill-over retries, like in-mesh callers.
 * Depends on: the EdgeGateway, its peer's Peer, and that same peer's burst imports only.
 */
export function renderEdgeGateway(
  peerName: string,
  peer: PeerIntent,
  gw: Located<EdgeGatewayIntent>,
  burstTargets: ReadonlySet<string>,
): RenderedObject[] {
  const spec = gw.value.spec;
  const ingress = peer.spec.ingress;
  const provenance = provenanceFor(peerName, peer, gw);
  const name = objectName(NAME_PREFIX.edge, gw.value.metadata.name);
  const hosts = [...spec.hosts];
  const tls = spec.tls;
  const servers: GatewayServer[] = [
    {
      port: { number: spec.port, name: 'https', protocol: 'HTTPS' },
      hosts,
      tls: {
        mode: tls.mode,
        ...(tls.credentialName === undefined ? {} : { credentialName: tls.credentialName }),
        ...(tls.minProtocolVersion === undefined ? {} : { minProtocolVersion: tls.minProtocolVersion }),
        ...(tls.maxProtocolVersion === undefined ? {} : { maxProtocolVersion: tls.maxProtocolVersion }),
        ...(tls.cipherSuites === undefined ? {} : { cipherSuites: [...tls.cipherSuites] }),
      },
    },
  ];
  if (spec.httpsRedirect) {
    servers.push({ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: [...hosts], tls: { httpsRedirect: true } });
  }
  const http: HttpRoute[] = spec.routes.map((r) => {
    const host = serviceFqdn(r.to.service, r.to.namespace);
    const burst = burstTargets.has(host);
    return {
      ...(r.match === undefined ? {} : { match: [toHttpMatch(r.match)] }),
      route: [{ destination: { host, port: { number: r.to.port }, ...(burst ? { subset: BURST_SUBSET } : {}) } }],
      ...(burst ? { retries: { ...SPILL_RETRIES } } : {}),
    };
  });
  return [
    istioObject('Gateway', name, ingress.namespace, provenance, { selector: ingress.selector, servers }),
    istioObject('VirtualService', name, ingress.namespace, provenance, {
      hosts: [...hosts],
      gateways: [`${ingress.namespace}/${name}`],
      http,
    }),
  ];
}
