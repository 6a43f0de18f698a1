import type { ServiceImportIntent } from '../../intents/service-import-schema.js';
import { routesToRemoteHost } from './consumer-virtual-service.js';
import { toHttpMatch } from './http-match.js';
import { httpPorts, type ImportContext } from './import-context.js';
import type { HttpRoute } from '../istio-types.js';
import type { RenderedObject } from '../rendered-object.js';

type Route = NonNullable<ServiceImportIntent['spec']['route']>;

/**
 * `route`: requests matching any of the matches (header values, URI prefix) go to the peer, everything else
 * stays local (docs/istio.md, "route"). Per HTTP port of the target: first a route with the matches (each
 * narrowed to the port) to the peer's host, then a catch-all for the port to the local service. Matches are
 * HTTP-only, so TCP ports are left alone.
 */
export function renderRoute(ctx: ImportContext, route: Route): RenderedObject[] {
  const http: HttpRoute[] = [];
  for (const p of httpPorts(ctx)) {
    http.push(
      {
        match: route.match.map((m) => toHttpMatch(m, p.number)),
        route: [{ destination: { host: ctx.remoteHost, port: { number: p.number } } }],
      },
      {
        match: [{ port: p.number }],
        route: [{ destination: { host: ctx.targetHost, port: { number: p.number } } }],
      },
    );
  }
  return routesToRemoteHost(ctx, httpPorts(ctx), http);
}
