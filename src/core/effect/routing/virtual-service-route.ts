import type {
  DestinationView,
  HttpMatchView as HttpMatchRequest,
  HttpRouteView as HttpRoute,
  StringMatch,
  TcpRouteView as TcpRoute,
  VirtualServiceSpecView as VirtualServiceSpec,
} from '../istio-spec.js';
import { clusterName } from '../destination-rule/cluster-policy.js';
import { compareByCreation, configRef, hostMatches, resolveShortName, type IstioConfig, type MeshView } from '../istio-config.js';

/**
 * Which cluster(s) a sidecar sends a request (HTTP) or connection (TCP) for a host and port to.
 *
 * Follows istio/istio:
 * - pilot/pkg/model/virtualservice.go `SelectVirtualServices`: a sidecar sees VirtualServices bound to the `mesh`
 *   gateway (no `gateways`, or `mesh` listed), first those private to its namespace, then those exported to it,
 *   then public ones, each group oldest first; for one host the FIRST of them is used (later ones lose their
 *   duplicate domains: pilot/pkg/networking/core/httproute.go `dedupeDomains`); Istio merges VirtualServices only
 *   for gateways (istio.io "Split large virtual services and destination rules into multiple resources");
 * - pilot/pkg/networking/core/route/route.go `BuildHTTPRoutesForVirtualService` (routes in order, a route's
 *   matches ORed, the first route that matches wins), `TranslateRoute` (a match whose `port` is not the
 *   listener's port is dropped), `GetDestinationCluster` (no destination port: the service's only port, else
 *   the listener port), `MirrorPercent`;
 * - without a VirtualService the request goes to the host's default cluster on the same port.
 * Not modelled: delegate VirtualServices, sourceLabels, query parameters, redirects, direct responses.
 */

export interface HttpRequest {
  readonly path: string;
  /** Lower-case header names. */
  readonly headers?: Readonly<Record<string, string>>;
}

export interface RouteQuery {
  readonly host: string;
  readonly port: number;
  /** Namespace of the calling sidecar. */
  readonly clientNamespace: string;
  /** Ports of the destination services, for destinations without a port (host -> ports). */
  readonly servicePorts?: Readonly<Record<string, readonly number[]>>;
}

export interface WeightedCluster {
  readonly host: string;
  readonly subset: string | undefined;
  readonly port: number;
  /** Envoy cluster name. */
  readonly cluster: string;
  /** Percent of the matched requests (connections for TCP). */
  readonly weight: number;
}

export interface RouteResult {
  /** `<namespace>/<name>` of the VirtualService used; undefined for the default route. */
  readonly virtualService: string | undefined;
  /** Index of the matched `http` / `tcp` route of that VirtualService. */
  readonly routeIndex: number | undefined;
  readonly destinations: readonly WeightedCluster[];
  readonly mirror?: { readonly cluster: string; readonly percent: number };
  readonly retries?: HttpRoute['retries'];
}

function specOf(c: IstioConfig): VirtualServiceSpec {
  return c.spec as VirtualServiceSpec;
}

function boundToMesh(vs: VirtualServiceSpec): boolean {
  const gws = vs.gateways ?? [];
  return gws.length === 0 || gws.includes('mesh');
}

/** virtualservice.go `SelectVirtualServices` + first-wins per host: the VirtualService a sidecar uses for `host`. */
export function selectVirtualService(mesh: MeshView, host: string, clientNamespace: string): IstioConfig | undefined {
  const visible = mesh.configs
    .filter((c) => c.kind === 'VirtualService' && boundToMesh(specOf(c)))
    .sort(compareByCreation);
  const group = (c: IstioConfig): number | undefined => {
    const exportTo = specOf(c).exportTo ?? [];
    const ns = c.metadata.namespace;
    if (exportTo.length === 0 || exportTo.includes('*')) return 2;
    if ((exportTo.includes('.') || exportTo.includes(ns)) && ns === clientNamespace) return 0;
    if (exportTo.includes(clientNamespace)) return 1;
    return undefined;
  };
  for (const g of [0, 1, 2]) {
    for (const c of visible) {
      if (group(c) !== g) continue;
      if ((specOf(c).hosts ?? []).some((h) => hostMatches(resolveShortName(h, c.metadata.namespace), host))) return c;
    }
  }
  return undefined;
}

function stringMatches(m: StringMatch | undefined, value: string | undefined): boolean {
  if (m === undefined) return true;
  if (value === undefined) return false;
  if (m.exact !== undefined) return value === m.exact;
  if (m.prefix !== undefined) return value.startsWith(m.prefix);
  if (m.regex !== undefined) {
    try {
      return new RegExp(`^(?:${m.regex})$`).test(value);
    } catch {
      return false;
    }
  }
  return true;
}

function httpMatches(match: HttpMatchRequest, port: number, clientNamespace: string, req: HttpRequest): boolean {
  if (match.port !== undefined && match.port !== 0 && match.port !== port) return false;
  if (match.gateways !== undefined && match.gateways.length > 0 && !match.gateways.includes('mesh')) return false;
  if (match.sourceNamespace !== undefined && match.sourceNamespace !== '' && match.sourceNamespace !== clientNamespace) return false;
  const path = req.path.split('?')[0] ?? req.path;
  if (!stringMatches(match.uri, path)) return false;
  const headers = req.headers ?? {};
  for (const [name, m] of Object.entries(match.headers ?? {})) if (!stringMatches(m, headers[name])) return false;
  for (const [name, m] of Object.entries(match.withoutHeaders ?? {})) if (stringMatches(m, headers[name])) return false;
  return true;
}

function destinationPort(d: Pick<DestinationView, 'port'>, q: RouteQuery, host: string): number {
  const p = d.port?.number;
  if (p !== undefined) return p;
  const ports = q.servicePorts?.[host];
  return ports !== undefined && ports.length === 1 ? (ports[0] as number) : q.port;
}

function weighted(dests: NonNullable<HttpRoute['route']>, q: RouteQuery, vsNamespace: string): WeightedCluster[] {
  const total = dests.reduce((a, d) => a + (d.weight ?? 0), 0);
  return dests
    .map((d) => {
      const host = resolveShortName(d.destination.host, vsNamespace);
      const port = destinationPort(d.destination, q, host);
      const weight = dests.length === 1 ? 100 : total === 0 ? 0 : (100 * (d.weight ?? 0)) / total;
      return { host, subset: d.destination.subset, port, cluster: clusterName(host, port, d.destination.subset), weight };
    })
    .filter((d) => d.weight > 0);
}

function defaultRoute(q: RouteQuery): RouteResult {
  return { virtualService: undefined, routeIndex: undefined, destinations: [{ host: q.host, subset: undefined, port: q.port, cluster: clusterName(q.host, q.port), weight: 100 }] };
}

/** Where a sidecar sends `req` for `q.host:q.port`; undefined when a VirtualService exists but no route matches (404). */
export function routeHttp(mesh: MeshView, q: RouteQuery, req: HttpRequest): RouteResult | undefined {
  const vs = selectVirtualService(mesh, q.host, q.clientNamespace);
  if (vs === undefined) return defaultRoute(q);
  const routes = specOf(vs).http ?? [];
  for (let i = 0; i < routes.length; i++) {
    const r = routes[i] as HttpRoute;
    const matches = r.match ?? [];
    if (matches.length > 0 && !matches.some((m) => httpMatches(m, q.port, q.clientNamespace, req))) continue;
    const ns = vs.metadata.namespace;
    const mirrorHost = r.mirror === undefined ? undefined : resolveShortName(r.mirror.host, ns);
    return {
      virtualService: configRef(vs),
      routeIndex: i,
      destinations: weighted(r.route ?? [], q, ns),
      ...(r.mirror === undefined || mirrorHost === undefined
        ? {}
        : { mirror: { cluster: clusterName(mirrorHost, destinationPort(r.mirror, q, mirrorHost), r.mirror.subset), percent: r.mirrorPercentage?.value ?? 100 } }),
      ...(r.retries === undefined ? {} : { retries: r.retries }),
    };
  }
  return undefined;
}

/** Where a sidecar sends a TCP connection for `q.host:q.port` (VirtualService `tcp` routes, matched by port). */
export function routeTcp(mesh: MeshView, q: RouteQuery): RouteResult | undefined {
  const vs = selectVirtualService(mesh, q.host, q.clientNamespace);
  const routes: readonly TcpRoute[] = vs === undefined ? [] : (specOf(vs).tcp ?? []);
  if (vs === undefined || routes.length === 0) return defaultRoute(q);
  for (let i = 0; i < routes.length; i++) {
    const r = routes[i] as TcpRoute;
    const matches = r.match ?? [];
    const ok = matches.length === 0 || matches.some((m) => m.port === undefined || m.port === 0 || m.port === q.port);
    if (!ok) continue;
    return { virtualService: configRef(vs), routeIndex: i, destinations: weighted(r.route ?? [], q, vs.metadata.namespace) };
  }
  return defaultRoute(q);
}
