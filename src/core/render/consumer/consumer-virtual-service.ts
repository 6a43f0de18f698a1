import { remoteDestinationRule, remoteServiceEntry } from './consumer-endpoints.js';
import type { ExportPort, ImportContext } from './import-context.js';
import type { HttpRoute, TcpRoute } from '../istio-types.js';
import { istioObject } from '../object-builder.js';
import type { RenderedObject } from '../rendered-object.js';

/**
 * The consumer's VirtualService on the target host with per-port HTTP and TCP routes (an empty list is left
 * out); undefined when there is no route at all (the target has no port the policy applies to). A VirtualService
 * applies to every port of its host and a request no route matches gets a 404 (istio/istio route.go
 * `BuildHTTPRoutesForVirtualService`), so the HTTP routes end with a catch-all to the target itself, without a
 * port: Istio then keeps the request's own port (`GetDestinationCluster`). That leaves the target's ports the
 * import does not cover as they were.
 */
export function targetVirtualService(ctx: ImportContext, http: HttpRoute[], tcp: TcpRoute[] = []): RenderedObject | undefined {
  if (http.length === 0 && tcp.length === 0) return undefined;
  const catchAll: HttpRoute = { route: [{ destination: { host: ctx.targetHost } }] };
  return istioObject('VirtualService', ctx.objectName, ctx.target.namespace, ctx.provenance, {
    hosts: [ctx.targetHost],
    ...(http.length > 0 ? { http: [...http, catchAll] } : {}),
    ...(tcp.length > 0 ? { tcp } : {}),
  });
}

/**
 * The peer as a host of its own (ServiceEntry + DestinationRule for the `ports` routed there, see
 * consumer-endpoints.ts) and the target's VirtualService whose routes send traffic to it: what `split`, `mirror`
 * and `route` render. Nothing when there is no route.
 */
export function routesToRemoteHost(ctx: ImportContext, ports: readonly ExportPort[], http: HttpRoute[], tcp: TcpRoute[] = []): RenderedObject[] {
  const virtualService = targetVirtualService(ctx, http, tcp);
  return virtualService === undefined ? [] : [remoteServiceEntry(ctx, ports), remoteDestinationRule(ctx, ports), virtualService];
}
