import type { PolicyKey } from '../../intents/service-import-schema.js';

/**
 * What the mesh enforces for each flow (a consumer's ServiceImport of a provider's ServiceExport), port by port,
 * and where: the data `meshfed explain` prints and the pull-request comment compares. It is computed from the
 * rendered objects by the effect model (src/core/effect/, see explain-federation.ts), never from the intents, so it
 * says what Istio would resolve from meshfed's output. Plain JSON: `meshfed explain --format json` prints it as is,
 * so field names and meanings are a stable interface (add fields, do not rename them).
 */
export interface ExplainReport {
  /** Sorted by consumer, then import name. */
  readonly flows: readonly FlowEffect[];
}

export interface FlowEffect {
  /** The importing peer, where the traffic starts. */
  readonly consumer: string;
  /** metadata.name of the consumer's ServiceImport. */
  readonly import: string;
  /** The providing peer. */
  readonly provider: string;
  /** metadata.name of the provider's ServiceExport. */
  readonly export: string;
  readonly policy: PolicyKey;
  /** The consumer's local service whose traffic is shared (`<svc>.<ns>.svc.cluster.local`). */
  readonly target: string;
  /** The provider's exported service, in the provider's cluster. */
  readonly service: string;
  /** Sorted by port number. */
  readonly ports: readonly PortEffect[];
}

export interface PortEffect {
  readonly name: string;
  readonly number: number;
  readonly protocol: string;
  /** How the consumer's callers' requests (connections, for TCP) for the target reach local pods and the peer. */
  readonly routing: Routing;
  /** The callers' outbound cluster(s) in the consumer's cluster: what the caller's sidecar enforces. */
  readonly callers: CallerPolicy;
  /** The inbound cluster of the consumer's own target pods (server side); undefined when not meshfed's. */
  readonly localPods?: Limits;
  /** The provider's east-west gateway, which all peers' connections to this export pass. */
  readonly providerGateway: Limits;
  /** Who the provider's pods admit on this port's SNI. */
  readonly admission: Admission;
}

/** Connection-pool limits as Envoy enforces them; a field that is absent means no limit. */
export interface Limits {
  readonly maxConnections?: number;
  readonly maxPendingRequests?: number;
  readonly maxRequests?: number;
  readonly maxRequestsPerConnection?: number;
  readonly connectTimeout?: string;
}

export type Routing =
  /** burst / failover: one cluster, local endpoints at a better priority than the peer. */
  | { readonly kind: 'priority'; readonly spillOnOverflow: boolean }
  /** split: weighted destinations; percentages are exact (weights are relative). */
  | { readonly kind: 'weighted'; readonly localPercent: number; readonly peerPercent: number }
  /** route: requests matching any of `matches` go to the peer, the rest stay local. */
  | { readonly kind: 'match'; readonly matches: readonly string[] }
  /** mirror: every request is served locally, `percent` of them copied to the peer. */
  | { readonly kind: 'mirror'; readonly percent: number }
  /** No route of meshfed's applies to this port (e.g. a TCP port of a route import): all traffic stays local. */
  | { readonly kind: 'local' };

export interface CallerPolicy {
  /** Client-side limits of the callers' cluster that reaches the local pods and the peer. */
  readonly limits: Limits;
  readonly loadBalancer: string;
  /** Outlier detection on the cluster holding local pods and the peer; undefined: nothing is ever ejected. */
  readonly ejection?: Ejection;
  /** Priority order of endpoints; undefined when everything is one priority (no failover). */
  readonly failover?: Failover;
  /** How the caller's sidecar talks to the peer's gateway. */
  readonly tls: TlsToPeer;
  /** The protocol the caller speaks upstream (HTTP/1.1 holds one connection per in-flight request). */
  readonly upstreamProtocol: string;
}

export interface Ejection {
  readonly consecutive5xx: number;
  readonly consecutiveGatewayErrors?: number;
  readonly interval: string;
  readonly baseEjectionTime: string;
  readonly maxEjectionPercent: number;
  /** Connect failures and resets count towards `consecutive5xx` (`5xx`) or a separate counter (`local-origin`). */
  readonly resetsCountAs: '5xx' | 'local-origin';
  /**
   * The fewest local pods for which not all of them can be ejected at once (the peer's endpoint counts in
   * Envoy's percentage); undefined: any number of local pods can all be ejected.
   */
  readonly allLocalEjectableBelow?: number;
}

export interface Failover {
  /** Endpoints by priority, best first, e.g. `local pods (network tein-net)` then `peer gke's gateway ...`. */
  readonly order: readonly string[];
  /** A priority hands load to the next once fewer than this percentage of its endpoints are healthy. */
  readonly spillBelowHealthyPercent: number;
  /** Envoy's overprovisioning factor behind that threshold (1.4 unless set). */
  readonly overprovisioningFactor: number;
}

export interface TlsToPeer {
  readonly mode: string;
  readonly sni?: string;
  /** Identities the peer's gateway-fronted pods must present (subjectAltNames); empty: any of the mesh's. */
  readonly subjectAltNames: readonly string[];
}

export interface Admission {
  /** Principals (`<trust domain>/ns/<ns>/sa/<sa>`, `*` for any account) the provider's pods admit on this port. */
  readonly admitted: readonly string[];
  /** The consumer's own principal pattern is among them (the flow can work at all). */
  readonly consumerAdmitted: boolean;
  /** A principal of no consumer is denied (checked with one outside every consumer's trust domain). */
  readonly othersDenied: boolean;
  /** mTLS on the provider's pods: STRICT, PERMISSIVE or DISABLE. */
  readonly mtls: string;
}
