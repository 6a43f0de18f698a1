import { compareStrings } from '../../compare-strings.js';
import { POLICY_KEYS } from '../../intents/service-import-schema.js';
import type { FederationModel } from '../../model/federation-model.js';
import { resolveImport, type ExportPort, type ImportContext } from '../../render/consumer/import-context.js';
import { istioMutualSni, localityOf } from '../../render/mesh-identities.js';
import type { RenderedFederation } from '../../render/rendered-object.js';
import { inboundCluster, outboundCluster } from '../destination-rule/cluster-policy.js';
import { indexDestinationRules, selectDestinationRule } from '../destination-rule/select-destination-rule.js';
import type { IstioConfig, MeshView } from '../istio-config.js';
import type { Locality } from '../load-balancing/failover-priorities.js';
import { routeHttp, routeTcp, type RouteResult } from '../routing/virtual-service-route.js';
import { admissionEffect } from './admission-effect.js';
import { clusterEffect, DEFAULT_POD_COUNTS, inboundLimits, limitsOf, type Topology } from './cluster-effect.js';
import { portNotes } from './effect-notes.js';
import type { ClusterEffect, FlowEffect, ImportPolicy, PortEffect, RoutingEffect } from './flow-effect.js';
import { sampleRequests } from './sample-requests.js';

/**
 * `federationEffects`: for every import of a federation and every imported port, what the two clusters enforce,
 * computed by the effect model from the objects meshfed renders (plus, optionally, objects already in the
 * clusters). The entry point for `meshfed explain`, the pull request comment and the effect tests.
 */

export interface EffectOptions {
  /** Objects already in a peer's cluster that meshfed did not write (the operator's DestinationRules, ...). */
  readonly existing?: ReadonlyMap<string, readonly IstioConfig[]>;
  /** Istio root namespace of a peer's cluster. Default: the peer's east-west gateway namespace (istio-system). */
  readonly rootNamespace?: (peer: string) => string | undefined;
  /** Namespace the callers of a flow's target run in. Default: the target's namespace. */
  readonly callerNamespace?: (flow: { readonly consumer: string; readonly importName: string; readonly targetNamespace: string }) => string;
  /** Local pod counts to give spill and ejection examples for. */
  readonly podCounts?: readonly number[];
  /** Only the flows for which this says true (default: every flow). */
  readonly flows?: (flow: { readonly consumer: string; readonly provider: string }) => boolean;
}

const HTTP = new Set(['HTTP', 'HTTP2', 'GRPC']);

function localityParts(peer: ImportContext['consumer']): Locality {
  const [region = '', zone] = localityOf(peer).split('/');
  return zone === undefined ? { region } : { region, zone };
}

function topology(peer: ImportContext['consumer']): Topology {
  return { network: peer.spec.network, locality: localityParts(peer) };
}

function policyOf(ctx: ImportContext): ImportPolicy | undefined {
  return POLICY_KEYS.find((k) => ctx.imp.value.spec[k] !== undefined);
}

class Views {
  private readonly cache = new Map<string, { view: MeshView; index: ReturnType<typeof indexDestinationRules> }>();
  constructor(
    private readonly rendered: RenderedFederation,
    private readonly options: EffectOptions,
    private readonly model: FederationModel,
  ) {}
  get(peer: string): { view: MeshView; index: ReturnType<typeof indexDestinationRules> } {
    let v = this.cache.get(peer);
    if (v === undefined) {
      const root = this.options.rootNamespace?.(peer) ?? this.model.peers.get(peer)?.peer?.value.spec.eastWest.namespace ?? 'istio-system';
      const view: MeshView = { rootNamespace: root, configs: [...(this.options.existing?.get(peer) ?? []), ...(this.rendered.get(peer) ?? [])] };
      v = { view, index: indexDestinationRules(view) };
      this.cache.set(peer, v);
    }
    return v;
  }
}

function hasPeerEndpoint(view: MeshView, ctx: ImportContext, host: string, port: number): boolean {
  return view.configs.some((c) => {
    if (c.kind !== 'ServiceEntry' || c.metadata.namespace !== ctx.target.namespace) return false;
    const spec = c.spec as { hosts?: string[]; ports?: { number: number; name: string }[]; endpoints?: { address?: string; ports?: Record<string, number> }[] };
    const p = spec.ports?.find((x) => x.number === port);
    return (
      (spec.hosts ?? []).includes(host) &&
      p !== undefined &&
      (spec.endpoints ?? []).some((e) => e.address === ctx.provider.spec.eastWest.address)
    );
  });
}

/**
 * The `subjectAltNames` ServiceEntries add to a host's service accounts (push_context.go `initServiceAccounts`).
 * The accounts of the host's own pods come from the cluster, which the model does not see.
 */
function serviceEntryAccounts(view: MeshView, host: string, namespace: string): string[] {
  const out = new Set<string>();
  for (const c of view.configs) {
    if (c.kind !== 'ServiceEntry' || c.metadata.namespace !== namespace) continue;
    const spec = c.spec as { hosts?: string[]; subjectAltNames?: string[] };
    if ((spec.hosts ?? []).includes(host)) for (const s of spec.subjectAltNames ?? []) out.add(s);
  }
  return [...out].sort(compareStrings);
}

function route(view: MeshView, host: string, p: ExportPort, clientNamespace: string, path = '/', headers: Record<string, string> = {}): RouteResult | undefined {
  const q = { host, port: p.number, clientNamespace };
  return HTTP.has(p.protocol) ? routeHttp(view, q, { path, headers }) : routeTcp(view, q);
}

function portEffect(ctx: ImportContext, policy: ImportPolicy, p: ExportPort, views: Views, options: EffectOptions): PortEffect {
  const consumer = views.get(ctx.consumerName);
  const provider = views.get(ctx.providerName);
  const callerNs = options.callerNamespace?.({ consumer: ctx.consumerName, importName: ctx.imp.value.metadata.name, targetNamespace: ctx.target.namespace }) ?? ctx.target.namespace;
  const podCounts = options.podCounts ?? DEFAULT_POD_COUNTS;
  const caller = topology(ctx.consumer);
  const peer = topology(ctx.provider);
  const byPriority = policy === 'burst' || policy === 'failover';
  const r = route(consumer.view, ctx.targetHost, p, callerNs);
  const dests = r?.destinations ?? [];
  const foreignPolicies: string[] = [];
  const clusterFor = (host: string, subset: string | undefined): ClusterEffect | undefined => {
    const dr = selectDestinationRule(consumer.view, { host, serviceNamespace: ctx.target.namespace, proxyNamespace: callerNs }, consumer.index);
    const own = `${ctx.target.namespace}/${ctx.objectName}`;
    if (dr !== undefined && dr.trafficPolicyFrom !== undefined && dr.trafficPolicyFrom !== own) foreignPolicies.push(dr.trafficPolicyFrom);
    if (dr !== undefined && !dr.from.includes(own)) foreignPolicies.push(dr.from[0] ?? '');
    const serviceAccounts = serviceEntryAccounts(consumer.view, host, ctx.target.namespace);
    const c = outboundCluster(dr, { host, port: p.number, protocol: p.protocol, serviceAccounts, ...(subset === undefined ? {} : { subset }) });
    return c === undefined ? undefined : clusterEffect(c, caller, host === ctx.targetHost ? caller : undefined, peer, podCounts);
  };
  let peerCluster: ClusterEffect | undefined;
  let peerSharePercent = 0;
  if (byPriority) {
    const d = dests.find((x) => x.host === ctx.targetHost);
    if (d !== undefined && hasPeerEndpoint(consumer.view, ctx, ctx.targetHost, p.number)) peerCluster = clusterFor(ctx.targetHost, d.subset);
  } else {
    const toPeer = dests.filter((x) => x.host === ctx.remoteHost);
    peerSharePercent = toPeer.reduce((a, d) => a + d.weight, 0);
    const mirrorsPeer = r?.mirror?.cluster.endsWith(`|${ctx.remoteHost}`) === true;
    const routesToPeer = policy === 'route' && HTTP.has(p.protocol);
    if (toPeer.length > 0 || mirrorsPeer || routesToPeer) peerCluster = clusterFor(ctx.remoteHost, toPeer[0]?.subset);
  }
  const routing: RoutingEffect = {
    peerSharePercent,
    byPriority,
    virtualService: r?.virtualService,
    ...(r?.mirror === undefined ? {} : { mirroredPercent: r.mirror.cluster.endsWith(`|${ctx.remoteHost}`) ? r.mirror.percent : 0 }),
    ...(r?.retries === undefined
      ? {}
      : { retries: { attempts: r.retries.attempts, retryOn: r.retries.retryOn, toOtherPriority: r.retries.retryRemoteLocalities === true } }),
    ...(policy === 'route' && HTTP.has(p.protocol)
      ? {
          matches: sampleRequests(ctx.imp.value.spec.route?.match ?? []).map((s) => {
            const m = route(consumer.view, ctx.targetHost, p, callerNs, s.path, s.headers);
            return { request: s.label, toPeer: (m?.destinations ?? []).some((d) => d.host === ctx.remoteHost) };
          }),
        }
      : {}),
  };
  const inboundDr = selectDestinationRule(consumer.view, { host: ctx.targetHost, serviceNamespace: ctx.target.namespace, proxyNamespace: ctx.target.namespace, direction: 'inbound' }, consumer.index);
  const inbound = inboundCluster(inboundDr, p.number);
  const serverLimits = inboundLimits(inbound);
  const localServer = Object.values(serverLimits).some((v) => v !== null) ? { cluster: inbound.name, limits: serverLimits } : undefined;
  const ew = ctx.provider.spec.eastWest;
  const gwDr = selectDestinationRule(
    provider.view,
    { host: ctx.providerHost, serviceNamespace: ctx.exp.spec.service.namespace, proxyNamespace: ew.namespace, proxyLabels: ew.selector },
    provider.index,
  );
  const gw = outboundCluster(gwDr, { host: ctx.providerHost, port: p.number, protocol: p.protocol });
  const providerGateway = {
    cluster: gw?.name ?? '',
    limits: gw === undefined ? limitsOf({ maxConnections: 0, maxPendingRequests: 0, maxRequests: 0, maxRetries: 0 }, undefined) : limitsOf(gw.circuitBreakers, gw.maxRequestsPerConnection),
    connectTimeout: gw?.policy?.connectionPool?.tcp?.connectTimeout,
  };
  const sni = peerCluster?.tls.sni ?? istioMutualSni(p.number, ctx.providerHost);
  const admission = admissionEffect(provider.view, ctx.provider, ctx.exp, ctx.consumerName, ctx.consumer, p, sni);
  const port = { name: p.name, number: p.number, protocol: p.protocol };
  const partial = { port, routing, peerCluster, localServer, providerGateway, admission };
  const notes = portNotes(ctx.providerName, policy, partial);
  for (const f of new Set(foreignPolicies)) {
    notes.push(`DestinationRule ${f} decides the callers' policy for this port (the oldest rule for a host wins Istio's merge): meshfed's is ignored`);
  }
  return { ...partial, notes };
}

/** Every flow of the federation, sorted by consumer, then import name; ports in the export's order. */
export function federationEffects(model: FederationModel, rendered: RenderedFederation, options: EffectOptions = {}): FlowEffect[] {
  const views = new Views(rendered, options, model);
  const flows: FlowEffect[] = [];
  for (const [consumerName, pm] of [...model.peers].sort(([a], [b]) => compareStrings(a, b))) {
    const consumer = pm.peer?.value;
    if (consumer === undefined) continue;
    const imports = [...pm.imports].sort((a, b) => compareStrings(a.value.metadata.name, b.value.metadata.name));
    for (const imp of imports) {
      if (options.flows?.({ consumer: consumerName, provider: imp.value.spec.from.peer }) === false) continue;
      const ctx = resolveImport(model, consumerName, consumer, imp);
      if (ctx === undefined) continue;
      const policy = policyOf(ctx);
      if (policy === undefined) continue;
      flows.push({
        consumer: consumerName,
        provider: ctx.providerName,
        importName: imp.value.metadata.name,
        exportName: ctx.exp.metadata.name,
        policy,
        importFile: imp.source.file,
        targetHost: ctx.targetHost,
        providerHost: ctx.providerHost,
        ports: ctx.ports.map((p) => portEffect(ctx, policy, p, views, options)),
      });
    }
  }
  return flows;
}
