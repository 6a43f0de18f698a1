import type { ServiceImportIntent } from '../../intents/service-import-schema.js';
import { mergedServiceEntry } from './consumer-endpoints.js';
import { localFirstPortPolicy, SPILL_RETRIES } from './consumer-local-first.js';
import { targetVirtualService } from './consumer-virtual-service.js';
import { httpPorts, tcpPorts, upgradesToH2, type ExportPort, type ImportContext } from './import-context.js';
import type { ConnectionPool, HttpRoute, TcpRoute } from '../istio-types.js';
import { istioObject } from '../object-builder.js';
import type { RenderedObject } from '../rendered-object.js';

type Burst = NonNullable<ServiceImportIntent['spec']['burst']>;

/** Subset every in-mesh caller of a bursting service is routed to: all endpoints, no client-side limits. */
export const BURST_SUBSET = 'meshfed-burst';

/** "No limit" for an Envoy circuit breaker within the CRD's int32 range (Istio's own default is 2^32-1). */
export const UNLIMITED = 2_147_483_647;

/**
 * `burst`: serve locally, spill to the peer when local endpoints are saturated or unhealthy
 * (docs/istio.md, "burst"). Envoy no longer ejects an endpoint when the CLIENT's connection pool overflows
 * (envoyproxy/envoy#25487, fixed by #25488) and never retries a local overflow, so the limits must trip at the
 * SERVER: Istio applies a DestinationRule's connectionPool to the inbound cluster of the service's own pods too
 * (cluster_builder.go `buildInboundCluster`, which looks the port-level entry up by the Service port). An
 * overloaded local pod then answers 503 itself; the caller counts that upstream 503 for outlier detection (the pod
 * is ejected and traffic moves to the next priority, the peer) and retries it on another priority
 * (`retryRemoteLocalities`).
 *
 * Objects, all in the consumer's cluster, in the target's namespace:
 * - ServiceEntry: the provider's gateway as an extra endpoint of the target host (IP-addressed gateways only);
 * - DestinationRule: per imported port a complete entry (port-level entries replace the destination-level
 *   policy): `burst.local` as limits (what each local pod's inbound cluster enforces, and what callers that bypass
 *   the subset get), local-first priorities, outlier detection, ISTIO_MUTUAL with the provider's SNI; no
 *   destination-level policy, so the target's other ports keep Istio's defaults. Subset `meshfed-burst` repeats
 *   each port's entry without limits (and with HTTP/1.1 upgraded to HTTP/2 towards the peer): a subset's
 *   port-level entry replaces the destination's (util.go `MergeSubsetTrafficPolicy`);
 * - VirtualService: every HTTP/TCP port of the target to the subset, HTTP with spill-over retries, and a last
 *   catch-all to the target itself for ports the import does not cover.
 */
export function renderBurst(ctx: ImportContext, burst: Burst): RenderedObject[] {
  const serviceEntry = mergedServiceEntry(ctx);
  if (serviceEntry === undefined) return [];
  const local = connectionPoolOf(burst.local);
  const objects = [
    serviceEntry,
    istioObject('DestinationRule', ctx.objectName, ctx.target.namespace, ctx.provenance, {
      host: ctx.targetHost,
      trafficPolicy: { portLevelSettings: ctx.ports.map((p) => localFirstPortPolicy(ctx, burst.ejection, p, local)) },
      subsets: [
        {
          name: BURST_SUBSET,
          trafficPolicy: { portLevelSettings: ctx.ports.map((p) => localFirstPortPolicy(ctx, burst.ejection, p, unlimitedPool(p))) },
        },
      ],
    }),
  ];
  const http: HttpRoute[] = httpPorts(ctx).map((p) => ({
    match: [{ port: p.number }],
    route: [{ destination: { host: ctx.targetHost, subset: BURST_SUBSET, port: { number: p.number } } }],
    retries: { ...SPILL_RETRIES },
  }));
  const tcp: TcpRoute[] = tcpPorts(ctx).map((p) => ({
    match: [{ port: p.number }],
    route: [{ destination: { host: ctx.targetHost, subset: BURST_SUBSET, port: { number: p.number } } }],
  }));
  const virtualService = targetVirtualService(ctx, http, tcp);
  return virtualService === undefined ? objects : [...objects, virtualService];
}

/** The callers' pool: no practical limit, HTTP/1.1 upgraded to HTTP/2 (import-context.ts `upgradesToH2`). */
function unlimitedPool(p: ExportPort): ConnectionPool {
  if (p.protocol === 'TCP' || p.protocol === 'TLS' || p.protocol === 'HTTPS') return { tcp: { maxConnections: UNLIMITED } };
  return {
    tcp: { maxConnections: UNLIMITED },
    http: { http1MaxPendingRequests: UNLIMITED, http2MaxRequests: UNLIMITED, ...(upgradesToH2(p) ? { h2UpgradePolicy: 'UPGRADE' as const } : {}) },
  };
}

/** burst.local as Envoy circuit breakers; undefined when no limit is set. */
export function connectionPoolOf(local: Burst['local']): ConnectionPool | undefined {
  const http: NonNullable<ConnectionPool['http']> = {};
  if (local.maxPendingRequests !== undefined) http.http1MaxPendingRequests = local.maxPendingRequests;
  if (local.maxRequests !== undefined) http.http2MaxRequests = local.maxRequests;
  if (local.maxRequestsPerConnection !== undefined) http.maxRequestsPerConnection = local.maxRequestsPerConnection;
  const pool: ConnectionPool = {};
  if (local.maxConnections !== undefined) pool.tcp = { maxConnections: local.maxConnections };
  if (Object.keys(http).length > 0) pool.http = http;
  return Object.keys(pool).length > 0 ? pool : undefined;
}
