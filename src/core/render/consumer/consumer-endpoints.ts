import { upgradesToH2, type ExportPort, type ImportContext } from './import-context.js';
import type { LoadBalancer, PortTrafficPolicy, ServiceEntryEndpoint, ServiceEntryPort } from '../istio-types.js';
import { isIpLiteral, istioMutualSni, localityOf } from '../mesh-identities.js';
import { istioObject } from '../object-builder.js';
import type { RenderedObject } from '../rendered-object.js';

/**
 * The provider's service as a cross-network endpoint in the consumer's cluster, without access to the
 * provider's API server (docs/istio.md, "The remote endpoint"):
 * - address and port: the provider's east-west gateway (`eastWest.address`, `eastWest.port` = 15443), so the
 *   consumer's sidecar dials the gateway directly; the gateway routes on the SNI (AUTO_PASSTHROUGH);
 * - `network`: the provider's network. The consumer's istiod knows no gateway for that network (no
 *   meshNetworks, no remote API server), and then keeps the endpoint with its own address (Istio's
 *   EndpointsByNetworkFilter: "directly reachable" when no gateway is known); the label makes
 *   `failoverPriority: [topology.istio.io/network, ...]` rank it below every local endpoint;
 * - `locality`: the provider's region/zone, for locality-aware balancing among remote endpoints;
 * - `security.istio.io/tlsMode: istio`: the endpoint speaks Istio mTLS (required by the network filter when a
 *   gateway for that network is known after all).
 */
export function remoteEndpoint(ctx: ImportContext, servicePorts: readonly ExportPort[] = ctx.ports): ServiceEntryEndpoint {
  const eastWest = ctx.provider.spec.eastWest;
  const ports: Record<string, number> = {};
  for (const p of servicePorts) ports[p.name] = eastWest.port;
  return {
    address: eastWest.address,
    ports,
    network: ctx.provider.spec.network,
    locality: localityOf(ctx.provider),
    labels: { 'security.istio.io/tlsMode': 'istio' },
  };
}

function serviceEntryPorts(ports: readonly ExportPort[]): ServiceEntryPort[] {
  return ports.map((p) => ({ name: p.name, number: p.number, protocol: p.protocol }));
}

/**
 * Burst and failover: the provider's gateway joins the endpoints of the consumer's own Kubernetes Service
 * (same host, same namespace: Istio merges the endpoints of a ServiceEntry and a Service that share host and
 * namespace), so one Envoy cluster holds local pods and the remote gateway and Envoy's priority levels move
 * traffic between them. EDS endpoints must be IP addresses (envoyproxy/envoy#4290, istio/istio#8220): with a
 * DNS-named gateway this form cannot be rendered and the caller skips the import.
 * `subjectAltNames` adds the provider's identities to the SANs the consumer accepts for this host, next to
 * its own pods' service accounts.
 */
export function mergedServiceEntry(ctx: ImportContext): RenderedObject | undefined {
  if (!isIpLiteral(ctx.provider.spec.eastWest.address)) return undefined;
  return istioObject('ServiceEntry', ctx.objectName, ctx.target.namespace, ctx.provenance, {
    hosts: [ctx.targetHost],
    location: 'MESH_INTERNAL',
    resolution: 'STATIC',
    ports: serviceEntryPorts(ctx.ports),
    endpoints: [remoteEndpoint(ctx)],
    subjectAltNames: [...ctx.providerIdentities],
  });
}

/**
 * Split, route and mirror: the provider as a host of its own (`<import>.<provider>.meshfed.internal`), so a
 * VirtualService can send a share of the traffic there. A DNS-named gateway is resolved by Envoy (DNS).
 * Only the ports meshfed routes there are registered (`ports`). The entry has no `addresses`, and Istio matches a
 * TCP port of an address-less ServiceEntry by port alone: every sidecar that sees it would send ALL its traffic
 * to that port number to the peer (istio.io ServiceEntry reference, `addresses`; istio/istio
 * pilot/pkg/networking/core/tls.go `buildSidecarOutboundTLSFilterChainOpts`). A TCP port is therefore declared
 * `TLS`: its listener then matches only connections whose SNI is the invented host, which no application sends,
 * while meshfed's VirtualService still routes the target's TCP traffic to the cluster (mTLS from the
 * DestinationRule is unaffected).
 */
export function remoteServiceEntry(ctx: ImportContext, ports: readonly ExportPort[]): RenderedObject {
  const address = ctx.provider.spec.eastWest.address;
  return istioObject('ServiceEntry', ctx.objectName, ctx.target.namespace, ctx.provenance, {
    hosts: [ctx.remoteHost],
    location: 'MESH_INTERNAL',
    resolution: isIpLiteral(address) ? 'STATIC' : 'DNS',
    ports: serviceEntryPorts(ports).map((p) => (p.protocol === 'TCP' ? { ...p, protocol: 'TLS' } : p)),
    endpoints: [remoteEndpoint(ctx, ports)],
    subjectAltNames: [...ctx.providerIdentities],
  });
}

export function simpleLoadBalancer(ctx: ImportContext): LoadBalancer | undefined {
  const lb = ctx.imp.value.spec.loadBalancer;
  return lb === undefined ? undefined : { simple: lb };
}

/**
 * DestinationRule for the provider-only host, one complete entry per routed port (port-level entries do not
 * inherit): the load balancer, HTTP/1.1 upgraded to HTTP/2 (so requests in flight share connections through the
 * provider's capped gateway instead of holding one each), and mTLS with the provider identities pinned (only the
 * provider's workloads are behind this host) and the gateway's SNI. No outlier detection and no limits: the cluster
 * has one endpoint, which ejection could only turn from failing requests into "no healthy upstream".
 */
export function remoteDestinationRule(ctx: ImportContext, ports: readonly ExportPort[]): RenderedObject {
  const lb = simpleLoadBalancer(ctx);
  const portLevelSettings: PortTrafficPolicy[] = ports.map((p) => ({
    port: { number: p.number },
    ...(upgradesToH2(p) ? { connectionPool: { http: { h2UpgradePolicy: 'UPGRADE' } } } : {}),
    ...(lb === undefined ? {} : { loadBalancer: lb }),
    tls: { mode: 'ISTIO_MUTUAL', sni: istioMutualSni(p.number, ctx.providerHost), subjectAltNames: [...ctx.providerIdentities] },
  }));
  return istioObject('DestinationRule', ctx.objectName, ctx.target.namespace, ctx.provenance, {
    host: ctx.remoteHost,
    trafficPolicy: { portLevelSettings },
  });
}
