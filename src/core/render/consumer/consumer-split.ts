import type { ServiceImportIntent } from '../../intents/service-import-schema.js';
import { routesToRemoteHost } from './consumer-virtual-service.js';
import { httpPorts, tcpPorts, type ImportContext } from './import-context.js';
import type { HttpRouteDestination, TcpRoute } from '../istio-types.js';
import type { RenderedObject } from '../rendered-object.js';
import { splitWeights } from './split-weights.js';

type Split = NonNullable<ServiceImportIntent['spec']['split']>;

/**
 * `split`: `remoteWeight` percent of the target's requests (HTTP) or connections (TCP) go to the peer, the rest
 * stays local (docs/istio.md, "split"). The peer is a host of its own (ServiceEntry + DestinationRule with mTLS,
 * pinned identities and the gateway's SNI); a VirtualService on the target host weights the two. The weights are
 * relative whole numbers that express the percentage exactly (split-weights.ts: 0.2 → 998/2); a zero-weight side
 * is left out.
 */
export function renderSplit(ctx: ImportContext, split: Split): RenderedObject[] {
  const weights = splitWeights(split.remoteWeight);
  // Validation rejects it (import/split-weight-inexact); like every renderer, skip what cannot be rendered.
  if (weights === undefined) return [];
  const weighted = (port: number): HttpRouteDestination[] => {
    const out: HttpRouteDestination[] = [];
    if (weights.local > 0) out.push({ destination: { host: ctx.targetHost, port: { number: port } }, weight: weights.local });
    if (weights.remote > 0) out.push({ destination: { host: ctx.remoteHost, port: { number: port } }, weight: weights.remote });
    return out.length === 1 ? out.map(({ destination }) => ({ destination })) : out;
  };
  const http = httpPorts(ctx).map((p) => ({ match: [{ port: p.number }], route: weighted(p.number) }));
  const tcp: TcpRoute[] = tcpPorts(ctx).map((p) => ({ match: [{ port: p.number }], route: weighted(p.number) }));
  return routesToRemoteHost(ctx, ctx.ports.filter((p) => p.protocol !== 'TLS' && p.protocol !== 'HTTPS'), http, tcp);
}
