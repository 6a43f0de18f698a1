import type { ServiceImportIntent } from '../intents/service-import-schema.js';
import { mergedServiceEntry } from './consumer-endpoints.js';
import { localFirstTrafficPolicy, SPILL_RETRIES } from './consumer-local-first.js';
import { targetVirtualService } from './consumer-virtual-service.js';
import { httpPorts, tcpPorts, type ImportContext } from './import-context.js';
import type { ConnectionPool, HttpRoute, TcpRoute } from './istio-types.js';
import { istioObject } from './object-builder.js';
import type { RenderedObject } from './rendered-object.js';

type Burst = NonNullable<ServiceImportIntent['spec']['burst']>;

/** Subset every in-mesh caller of a bursting service is routed to: all endpoints, no client-side limits. */
export const BURST_SUBSET = 'meshfed-burst';

/** "No limit" for an Envoy circuit breaker within the CRD's int32 range (Istio's own default is 2^32-1). */
export const UNLIMITED = 2_147_483_647;

/**
 * `burst`: serve locally, spill to the peer when local endpoints are saturated or unhealthy
 * (docs/istio.md, "burst"). Envoy no longer ejects an endpoint when the CLIENT's connection pool overflows
 * (envoyproxy/envoy#25487, fixed by #25488) and never retries a local overflow, so the limits must trip at the
 * SERVER: Istio applies a DestinationRule's connectionPool to the inbound cluster of the service's own pods
 * too. An overloaded local pod then answers 503 itself; the caller counts that upstream 503 for outlier
 * detection (the pod is ejected and traffic moves to the next priority, the peer) and retries it on another
 * priority (`retryRemoteLocalities`).
 * Because the same top-level connectionPool would also cap every caller's outbound cluster (making overflow
 * local again), callers are routed to a subset that lifts the client-side limits.
 *
 * Objects, all in the consumer's cluster, in the target's namespace:
 * - ServiceEntry: the provider's gateway as an extra endpoint of the target host (IP-addressed gateways only);
 * - DestinationRule: server-side limits, local-first priorities, outlier detection, ISTIO_MUTUAL with the
 *   provider's SNI, subset `meshfed-burst` without client limits;
 * - VirtualService: every HTTP/TCP port of the target to the subset, HTTP with spill-over retries.
 */
export function renderBurst(ctx: ImportContext, burst: Burst): RenderedObject[] {
  const serviceEntry = mergedServiceEntry(ctx);
  if (serviceEntry === undefined) return [];
  const objects = [
    serviceEntry,
    istioObject('DestinationRule', ctx.objectName, ctx.target.namespace, ctx.provenance, {
      host: ctx.targetHost,
      trafficPolicy: {
        ...localFirstTrafficPolicy(ctx, burst.ejection),
        ...connectionPoolOf(burst.local),
      },
      subsets: [
        {
          name: BURST_SUBSET,
          trafficPolicy: {
            connectionPool: {
              tcp: { maxConnections: UNLIMITED },
              http: { http1MaxPendingRequests: UNLIMITED, http2MaxRequests: UNLIMITED },
            },
          },
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

/** burst.local as Envoy circuit breakers; nothing when no limit is set. */
export function connectionPoolOf(local: Burst['local']): { connectionPool?: ConnectionPool } {
  const http: NonNullable<ConnectionPool['http']> = {};
  if (local.maxPendingRequests !== undefined) http.http1MaxPendingRequests = local.maxPendingRequests;
  if (local.maxRequests !== undefined) http.http2MaxRequests = local.maxRequests;
  if (local.maxRequestsPerConnection !== undefined) http.maxRequestsPerConnection = local.maxRequestsPerConnection;
  const pool: ConnectionPool = {};
  if (local.maxConnections !== undefined) pool.tcp = { maxConnections: local.maxConnections };
  if (Object.keys(http).length > 0) pool.http = http;
  return Object.keys(pool).length > 0 ? { connectionPool: pool } : {};
}
