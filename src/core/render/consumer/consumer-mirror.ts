import type { ServiceImportIntent } from '../../intents/service-import-schema.js';
import { routesToRemoteHost } from './consumer-virtual-service.js';
import { httpPorts, type ImportContext } from './import-context.js';
import type { HttpRoute } from '../istio-types.js';
import type { RenderedObject } from '../rendered-object.js';

type Mirror = NonNullable<ServiceImportIntent['spec']['mirror']>;

/**
 * `mirror`: every request is served locally; `percent` of them are also copied to the peer, whose responses
 * are discarded (docs/istio.md, "mirror"). Istio mirrors HTTP only (`mirror` + `mirrorPercentage`), so TCP
 * ports are left alone.
 */
export function renderMirror(ctx: ImportContext, mirror: Mirror): RenderedObject[] {
  const percent = Math.min(100, Math.max(0, mirror.percent));
  const http: HttpRoute[] = httpPorts(ctx).map((p) => ({
    match: [{ port: p.number }],
    route: [{ destination: { host: ctx.targetHost, port: { number: p.number } } }],
    mirror: { host: ctx.remoteHost, port: { number: p.number } },
    mirrorPercentage: { value: percent },
  }));
  return routesToRemoteHost(ctx, httpPorts(ctx), http);
}
