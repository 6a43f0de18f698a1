import type {
  ConnectionPoolSettings as ConnectionPool,
  LoadBalancerSettings as LoadBalancer,
  LocalityLbSetting,
  OutlierDetectionSettings as OutlierDetection,
  TrafficPolicySettings as TrafficPolicy,
} from '../istio-spec.js';
import { MAX_UINT32 } from '../istio-config.js';
import { mergeSubsetPolicy, portLevelPolicy, type ResolvedPolicy } from './port-policy.js';
import type { SelectedDestinationRule } from './select-destination-rule.js';

/**
 * The Envoy cluster Istio builds for one (host, port, subset) from the DestinationRule it selected: circuit
 * breakers, outlier detection, load balancer, upstream TLS and protocol.
 *
 * Follows istio/istio pilot/pkg/networking/core/:
 * - cluster_builder.go `applyDestinationRule` (default cluster: `GetPortLevelTrafficPolicy`), `buildSubsetCluster`
 *   (`MergeSubsetTrafficPolicy`, default SNI with the subset name), `buildInboundCluster` (the service's
 *   DestinationRule, port-level entry looked up by the SERVICE port, only its connectionPool applied);
 * - cluster_traffic_policy.go `applyTrafficPolicy`, `applyConnectionPool` (unset limits are MaxUint32:
 *   `getDefaultCircuitBreakerThresholds`), `applyOutlierDetection` (enforcing 100 for the consecutive errors set,
 *   healthy panic threshold = minHealthPercent, 0 when unset), `applyLoadBalancer` (LEAST_REQUEST by default),
 *   `shouldH2Upgrade`;
 * - loadbalancer/loadbalancer.go `GetEffectiveLbSetting` (the DR's localityLbSetting, else the mesh's, which
 *   Istio enables by default) and `LocalityLBSettings.ApplyToCluster` (failover only with outlier detection).
 * Envoy defaults for unset outlier fields come from envoy api/envoy/config/cluster/v3/outlier_detection.proto.
 */

export interface CircuitBreakers {
  readonly maxConnections: number;
  readonly maxPendingRequests: number;
  readonly maxRequests: number;
  readonly maxRetries: number;
}

export interface ClusterOutlierDetection {
  /** Consecutive 5xx (and, unless split, local-origin failures such as resets) before ejection; 0 = never. */
  readonly consecutive5xx: number;
  /** Consecutive 502/503/504 before ejection; undefined = not enforced (Envoy's enforcing default is 0). */
  readonly consecutiveGatewayFailure: number | undefined;
  readonly interval: string;
  readonly baseEjectionTime: string;
  readonly maxEjectionPercent: number;
  /** true: connect failures, resets and timeouts count separately (consecutiveLocalOriginFailure), not as 5xx. */
  readonly splitExternalLocalOriginErrors: boolean;
  readonly consecutiveLocalOriginFailure: number;
  /** Envoy's healthy_panic_threshold: 0 disables panic routing (all ejected = "no healthy upstream"). */
  readonly healthyPanicThreshold: number;
}

export type UpstreamProtocol = 'HTTP/1.1' | 'HTTP/2' | 'TCP';

export interface OutboundCluster {
  /** Envoy cluster name, `outbound|<port>|<subset>|<host>`. */
  readonly name: string;
  /** The traffic policy Istio resolved for this cluster (after port-level and subset merges). */
  readonly policy: ResolvedPolicy | undefined;
  readonly circuitBreakers: CircuitBreakers;
  readonly maxRequestsPerConnection: number | undefined;
  readonly outlierDetection: ClusterOutlierDetection | undefined;
  readonly loadBalancer: {
    readonly algorithm: string;
    /** The locality setting in effect (DR's, else the mesh's); undefined when locality LB is off. */
    readonly locality: LocalityLbSetting | undefined;
    /** Priorities by locality/failoverPriority are applied only with outlier detection (ApplyToCluster). */
    readonly failoverEnabled: boolean;
  };
  readonly tls: {
    /** ISTIO_MUTUAL, SIMPLE, MUTUAL, DISABLE; `auto` when no tls is set and Istio's auto mTLS decides. */
    readonly mode: string;
    /** SNI sent: the explicit `tls.sni`, else Istio's default `outbound_.<port>_.<subset>_.<host>` for ISTIO_MUTUAL. */
    readonly sni: string | undefined;
    readonly subjectAltNames: readonly string[];
  };
  readonly upstreamProtocol: UpstreamProtocol;
}

export interface InboundCluster {
  readonly name: string;
  readonly policy: ResolvedPolicy | undefined;
  readonly circuitBreakers: CircuitBreakers;
  readonly maxRequestsPerConnection: number | undefined;
}

export interface ClusterQuery {
  readonly host: string;
  readonly port: number;
  /** Service port protocol (HTTP, HTTP2, GRPC, TCP, TLS, HTTPS). */
  readonly protocol: string;
  readonly subset?: string;
  /**
   * The host's service accounts as Istio's registry knows them (its pods' accounts and the `subjectAltNames` of
   * ServiceEntries for it, `push_context.go` `initServiceAccounts`): what an ISTIO_MUTUAL cluster verifies when
   * the rule sets no `subjectAltNames` (cluster_tls.go `buildUpstreamTLSSettings`).
   */
  readonly serviceAccounts?: readonly string[];
}

export interface MeshDefaults {
  /** meshConfig.localityLbSetting; Istio's default mesh config enables it (pkg/config/mesh/mesh.go). */
  readonly localityLbSetting?: LocalityLbSetting | null;
  /** meshConfig.h2UpgradePolicy; default DO_NOT_UPGRADE. */
  readonly h2UpgradePolicy?: 'UPGRADE' | 'DO_NOT_UPGRADE';
}

const HTTP_PROTOCOLS = new Set(['HTTP', 'HTTP2', 'GRPC']);
const H2_PROTOCOLS = new Set(['HTTP2', 'GRPC']);

function circuitBreakers(pool: ConnectionPool | undefined): CircuitBreakers {
  const positive = (v: number | undefined): number | undefined => (v !== undefined && v > 0 ? v : undefined);
  return {
    maxConnections: positive(pool?.tcp?.maxConnections) ?? MAX_UINT32,
    maxPendingRequests: positive(pool?.http?.http1MaxPendingRequests) ?? MAX_UINT32,
    maxRequests: positive(pool?.http?.http2MaxRequests) ?? MAX_UINT32,
    maxRetries: positive(pool?.http?.maxRetries) ?? MAX_UINT32,
  };
}

function maxRequestsPerConnection(pool: ConnectionPool | undefined): number | undefined {
  const v = pool?.http?.maxRequestsPerConnection;
  return v !== undefined && v > 0 ? v : undefined;
}

/** cluster_traffic_policy.go `applyOutlierDetection` with Envoy's defaults for what Istio leaves unset. */
export function clusterOutlierDetection(o: OutlierDetection | undefined): ClusterOutlierDetection | undefined {
  if (o === undefined) return undefined;
  const split = o.splitExternalLocalOriginErrors === true;
  const localOrigin = o.consecutiveLocalOriginFailures;
  return {
    consecutive5xx: o.consecutive5xxErrors ?? 5,
    consecutiveGatewayFailure: o.consecutiveGatewayErrors !== undefined && o.consecutiveGatewayErrors > 0 ? o.consecutiveGatewayErrors : undefined,
    interval: o.interval ?? '10s',
    baseEjectionTime: o.baseEjectionTime ?? '30s',
    maxEjectionPercent: o.maxEjectionPercent !== undefined && o.maxEjectionPercent > 0 ? o.maxEjectionPercent : 10,
    splitExternalLocalOriginErrors: split,
    consecutiveLocalOriginFailure: split && localOrigin !== undefined && localOrigin > 0 ? localOrigin : 5,
    healthyPanicThreshold: o.minHealthPercent !== undefined && o.minHealthPercent >= 0 ? o.minHealthPercent : 0,
  };
}

/** loadbalancer.go `GetEffectiveLbSetting` (locality part; zone-aware settings are not modelled). */
function effectiveLocality(lb: LoadBalancer | undefined, mesh: MeshDefaults): OutboundCluster['loadBalancer']['locality'] {
  const dr = lb?.localityLbSetting;
  if (dr !== undefined) return dr.enabled === false ? undefined : dr;
  const meshSetting = mesh.localityLbSetting === undefined ? { enabled: true } : mesh.localityLbSetting;
  if (meshSetting === null || meshSetting.enabled === false) return undefined;
  return meshSetting;
}

function upstreamProtocol(q: ClusterQuery, pool: ConnectionPool | undefined, mesh: MeshDefaults): UpstreamProtocol {
  if (!HTTP_PROTOCOLS.has(q.protocol)) return pool?.http?.h2UpgradePolicy === 'UPGRADE' ? 'HTTP/2' : 'TCP';
  if (H2_PROTOCOLS.has(q.protocol)) return 'HTTP/2';
  if (pool?.http?.useClientProtocol === true) return 'HTTP/1.1';
  const override = pool?.http?.h2UpgradePolicy;
  if (override === 'UPGRADE') return 'HTTP/2';
  if (override === 'DO_NOT_UPGRADE') return 'HTTP/1.1';
  return mesh.h2UpgradePolicy === 'UPGRADE' ? 'HTTP/2' : 'HTTP/1.1';
}

/** `outbound|<port>|<subset>|<host>` and its SNI form `outbound_.<port>_.<subset>_.<host>` (model.BuildSubsetKey). */
export function clusterName(host: string, port: number, subset = ''): string {
  return `outbound|${port}|${subset}|${host}`;
}

export function defaultIstioSni(host: string, port: number, subset = ''): string {
  return `outbound_.${port}_.${subset}_.${host}`;
}

/**
 * The outbound cluster a caller builds for `q` with the selected rule (undefined: no DestinationRule), i.e. the
 * default cluster (`q.subset` undefined) or a subset cluster. A subset the rule does not define has no cluster.
 */
export function outboundCluster(
  rule: SelectedDestinationRule | undefined,
  q: ClusterQuery,
  mesh: MeshDefaults = {},
): OutboundCluster | undefined {
  const top: TrafficPolicy | undefined = rule?.spec.trafficPolicy;
  let policy: ResolvedPolicy | undefined;
  if (q.subset === undefined) policy = portLevelPolicy(top, q.port).policy;
  else {
    const subset = rule?.spec.subsets?.find((s) => s.name === q.subset);
    if (subset === undefined) return undefined;
    policy = mergeSubsetPolicy(top, subset.trafficPolicy, q.port);
  }
  const outlier = clusterOutlierDetection(policy?.outlierDetection);
  const tls = policy?.tls;
  const mode = tls?.mode ?? 'auto';
  const istioMutual = mode === 'ISTIO_MUTUAL' || mode === 'auto';
  return {
    name: clusterName(q.host, q.port, q.subset),
    policy,
    circuitBreakers: circuitBreakers(policy?.connectionPool),
    maxRequestsPerConnection: maxRequestsPerConnection(policy?.connectionPool),
    outlierDetection: outlier,
    loadBalancer: {
      algorithm: policy?.loadBalancer?.simple ?? (policy?.loadBalancer?.consistentHash === undefined ? 'LEAST_REQUEST' : 'CONSISTENT_HASH'),
      locality: effectiveLocality(policy?.loadBalancer, mesh),
      failoverEnabled: outlier !== undefined,
    },
    tls: {
      mode,
      sni: tls?.sni !== undefined && tls.sni !== '' ? tls.sni : istioMutual ? defaultIstioSni(q.host, q.port, q.subset) : undefined,
      subjectAltNames: tls?.subjectAltNames ?? (istioMutual ? (q.serviceAccounts ?? []) : []),
    },
    upstreamProtocol: upstreamProtocol(q, policy?.connectionPool, mesh),
  };
}

/**
 * The inbound cluster `inbound|<port>||` of a pod serving `servicePort` of a service whose DestinationRule (as
 * the pod's own sidecar selects it, direction inbound) is `rule`: only the connection pool applies.
 */
export function inboundCluster(rule: SelectedDestinationRule | undefined, servicePort: number): InboundCluster {
  const top = rule?.spec.trafficPolicy;
  const policy = top === undefined ? undefined : portLevelPolicy(top, servicePort).policy;
  return {
    name: `inbound|${servicePort}||`,
    policy,
    circuitBreakers: circuitBreakers(policy?.connectionPool),
    maxRequestsPerConnection: maxRequestsPerConnection(policy?.connectionPool),
  };
}
