import type { UpstreamProtocol } from '../destination-rule/cluster-policy.js';

/**
 * What the mesh enforces for one flow (a consumer's ServiceImport of a provider's ServiceExport), port by port,
 * and where: computed by running the effect model (Istio's and Envoy's resolution) over the rendered objects of
 * both clusters, never read off the intents. This is the stable result type of `federationEffects`
 * (flows/federation-effects.ts) that `meshfed explain` and the pull request comment print.
 */

export type ImportPolicy = 'burst' | 'failover' | 'split' | 'route' | 'mirror';

/** Circuit-breaker limits of one Envoy cluster; `null` = no limit (Istio's MaxUint32 default). */
export interface Limits {
  readonly maxConnections: number | null;
  readonly maxPendingRequests: number | null;
  readonly maxRequests: number | null;
  readonly maxRequestsPerConnection: number | null;
}

export interface EjectionEffect {
  /** Consecutive 5xx responses before an endpoint is ejected. */
  readonly consecutive5xx: number;
  readonly consecutiveGatewayErrors: number | undefined;
  /** What a failed connection, reset or timeout counts towards, and how many in a row eject. */
  readonly resets: { readonly counter: '5xx' | 'local-origin'; readonly threshold: number };
  readonly interval: string;
  readonly baseEjectionTime: string;
  readonly maxEjectionPercent: number;
  /** Envoy's healthy panic threshold (0: all ejected means "no healthy upstream"). */
  readonly panicThreshold: number;
}

export interface SpillAtPodCount {
  /** Local endpoints (pods) of the target. */
  readonly pods: number;
  /** Ejected local pods at which the first requests go to the peer by priority (undefined: never). */
  readonly ejectedWhenSpillStarts: number | undefined;
  /** Percent of requests the peer gets at that point. */
  readonly peerSharePercent: number | undefined;
  /** Most pods outlier detection may eject at once, the peer's endpoint counted in the pool. */
  readonly maxEjected: number;
  readonly allLocalEjectable: boolean;
}

export interface ClusterEffect {
  /** Envoy cluster name on the callers' sidecars. */
  readonly cluster: string;
  readonly limits: Limits;
  readonly ejection: EjectionEffect | undefined;
  readonly loadBalancer: string;
  /** Endpoint priorities (0 first); undefined for a cluster that holds only the peer. */
  readonly priorities: { readonly local: number; readonly peer: number } | undefined;
  /** Spill by priority: the healthy share of local pods below which the peer gets traffic, with examples. */
  readonly spill: { readonly healthyPercentBelow: number; readonly byPodCount: readonly SpillAtPodCount[] } | undefined;
  /**
   * `subjectAltNames`: the identities the callers accept from the endpoints: the rule's, or else the host's service
   * accounts; for a burst/failover target those are the provider's (from meshfed's ServiceEntry) plus the
   * accounts of the target's own pods, which only the cluster knows and which are not listed here.
   */
  readonly tls: { readonly mode: string; readonly sni: string | undefined; readonly subjectAltNames: readonly string[] };
  readonly upstreamProtocol: UpstreamProtocol;
}

export interface RoutingEffect {
  /** Share of the port's requests (connections for TCP) sent to the peer's cluster, in percent. */
  readonly peerSharePercent: number;
  /** burst/failover: the peer is in the same cluster as the local pods, reached by priority (see peerCluster). */
  readonly byPriority: boolean;
  /** route: sampled requests that satisfy each of the import's matches, and whether each reached the peer. */
  readonly matches?: readonly { readonly request: string; readonly toPeer: boolean }[];
  readonly mirroredPercent?: number;
  /** Retries on the route callers take (spill-over retries for burst). */
  readonly retries?: { readonly attempts: number | undefined; readonly retryOn: string | undefined; readonly toOtherPriority: boolean };
  /** `<ns>/<name>` of the VirtualService deciding, undefined without one. */
  readonly virtualService: string | undefined;
}

export interface AdmissionCheck {
  /** The concrete identity checked (for a listed `.../sa/*`, one account standing for any). */
  readonly principal: string;
  /** The identity as the export admits it, e.g. `td/ns/shop/sa/*` (what reports show); the probe's own for probes. */
  readonly identity: string;
  readonly sni: string;
  readonly allowed: boolean;
  readonly reason: string;
}

export interface AdmissionEffect {
  /** Namespace of the exported workload in the provider's cluster. */
  readonly namespace: string;
  /** Every consumer identity of this flow on this port's SNI: all should be allowed. */
  readonly consumers: readonly AdmissionCheck[];
  /** Probes that must be denied: an unlisted identity of the consumer's trust domain, a consumer on another port's SNI. */
  readonly others: readonly AdmissionCheck[];
}

export interface PortEffect {
  readonly port: { readonly name: string; readonly number: number; readonly protocol: string };
  readonly routing: RoutingEffect;
  /** The callers' cluster that holds the peer's gateway (the target's own for burst/failover). */
  readonly peerCluster: ClusterEffect | undefined;
  /** Limits each local pod's sidecar enforces on its own inbound traffic (server side); undefined when none. */
  readonly localServer: { readonly cluster: string; readonly limits: Limits } | undefined;
  /** The provider's cap on all peers together at its east-west gateway. */
  readonly providerGateway: { readonly cluster: string; readonly limits: Limits; readonly connectTimeout: string | undefined };
  readonly admission: AdmissionEffect;
  /** Plain-language consequences an operator should know (spill threshold, ejection pool, protocol). */
  readonly notes: readonly string[];
}

export interface FlowEffect {
  readonly consumer: string;
  readonly provider: string;
  readonly importName: string;
  readonly exportName: string;
  readonly policy: ImportPolicy;
  /** Repository path of the ServiceImport. */
  readonly importFile: string;
  /** The consumer's local service whose callers the flow changes. */
  readonly targetHost: string;
  /** The exported service in the provider's cluster. */
  readonly providerHost: string;
  readonly ports: readonly PortEffect[];
}
