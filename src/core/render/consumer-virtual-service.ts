import { remoteDestinationRule, remoteServiceEntry } from './consumer-endpoints.js';
import type { ImportContext } from './import-context.js';
import type { HttpRoute, TcpRoute } from './istio-types.js';
import { istioObject } from './object-builder.js';
import type { RenderedObject } from './rendered-object.js';

/**
 * The consumer's VirtualService on the target host with per-port HTTP and TCP routes (an empty list is left
 * out); undefined when there is no route at all (the target has no port the policy applies to).
 */
export function targetVirtualService(ctx: ImportContext, http: HttpRoute[], tcp: TcpRoute[] = []): RenderedObject | undefined {
  if (http.length === 0 && tcp.length === 0) return undefined;
  return istioObject('VirtualService', ctx.objectName, ctx.target.namespace, ctx.provenance, {
    hosts: [ctx.targetHost],
    ...(http.length > 0 ? { http } : {}),
    ...(tcp.length > 0 ? { tcp } : {}),
  });
}

/**
 * The peer as a host of its own (ServiceEntry + DestinationRule, see consumer-endpoints.ts) and the target's
 * VirtualService whose routes send traffic to it: what `split`, `mirror` and `route` render. Nothing when
 * there is no route.
 */
export function routesToRemoteHost(ctx: ImportContext, http: HttpRoute[], tcp: TcpRoute[] = []): RenderedObject[] {
  const virtualService = targetVirtualService(ctx, http, tcp);
  return virtualService === undefined ? [] : [remoteServiceEntry(ctx), remoteDestinationRule(ctx), virtualService];
}
