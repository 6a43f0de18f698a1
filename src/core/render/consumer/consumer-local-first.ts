import type { ServiceImportIntent } from '../../intents/service-import-schema.js';
import { simpleLoadBalancer } from './consumer-endpoints.js';
import type { ExportPort, ImportContext } from './import-context.js';
import type { ConnectionPool, HttpRetry, OutlierDetection, PortTrafficPolicy } from '../istio-types.js';
import { istioMutualSni } from '../mesh-identities.js';

export type Ejection = NonNullable<ServiceImportIntent['spec']['failover']>['ejection'];

/**
 * Endpoint priorities for burst and failover: endpoints on the client's own network first (then its region,
 * then its zone), everything else after. The remote gateway endpoint carries the provider's network, so it is
 * always in a later priority than every local endpoint (istio/istio loadbalancer.go
 * `applyFailoverPriorityPerLocality`: a network mismatch as the first label adds the label count). Needs outlier
 * detection on the same cluster (`LocalityLBSettings.ApplyToCluster`), which every entry here carries.
 */
export const LOCAL_FIRST_PRIORITY: readonly string[] = [
  'topology.istio.io/network',
  'topology.kubernetes.io/region',
  'topology.kubernetes.io/zone',
];

/** Envoy's default `consecutive_local_origin_failure` (api/envoy/config/cluster/v3/outlier_detection.proto). */
export const LOCAL_ORIGIN_FAILURES = 5;

/**
 * Outlier detection with the current fields (never the deprecated `consecutiveErrors`). Connect failures, resets
 * and timeouts are counted apart from HTTP 5xx (`splitExternalLocalOriginErrors`), so one reset of the peer's
 * connection (its gateway at its connection cap, a lost packet across the WAN) does not eject the peer the way a
 * 5xx would: without the split Envoy maps such events to 503/504 and counts them as 5xx
 * (outlier_detection_impl.cc `putResultNoLocalExternalSplit`). They eject after
 * `max(5, consecutive5xxErrors)` in a row instead.
 */
export function outlierDetection(e: Ejection): OutlierDetection {
  return {
    consecutive5xxErrors: e.consecutive5xxErrors,
    ...(e.consecutiveGatewayErrors === undefined ? {} : { consecutiveGatewayErrors: e.consecutiveGatewayErrors }),
    splitExternalLocalOriginErrors: true,
    consecutiveLocalOriginFailures: Math.max(LOCAL_ORIGIN_FAILURES, e.consecutive5xxErrors),
    interval: e.interval,
    baseEjectionTime: e.baseEjectionTime,
    maxEjectionPercent: Math.min(100, Math.max(0, Math.round(e.maxEjectionPercent))),
  };
}

/**
 * The complete policy of one imported port of the consumer's own service when the provider's gateway is one of
 * its endpoints. A `portLevelSettings` entry REPLACES the destination-level policy for its port (istio/istio
 * util.go `GetPortLevelTrafficPolicy`: "port level policies do not inherit"), so everything the port needs is in
 * the entry: `pool` (limits), locality priorities with the load balancer, outlier detection, and ISTIO_MUTUAL with
 * the provider gateway's SNI (also for subset clusters, whose derived SNI would carry the subset name the
 * provider's gateway does not know). No subjectAltNames: the cluster also holds the consumer's own pods, whose
 * accounts meshfed does not know; Istio then verifies against the host's service accounts, to which the
 * ServiceEntry adds the provider's.
 */
export function localFirstPortPolicy(ctx: ImportContext, ejection: Ejection, p: ExportPort, pool: ConnectionPool | undefined): PortTrafficPolicy {
  return {
    port: { number: p.number },
    ...(pool === undefined ? {} : { connectionPool: pool }),
    loadBalancer: {
      ...simpleLoadBalancer(ctx),
      localityLbSetting: { enabled: true, failoverPriority: [...LOCAL_FIRST_PRIORITY] },
    },
    outlierDetection: outlierDetection(ejection),
    tls: { mode: 'ISTIO_MUTUAL', sni: istioMutualSni(p.number, ctx.providerHost) },
  };
}

/**
 * Retries that move a failed request to the next priority (the peer): `retryRemoteLocalities` makes Istio add
 * Envoy's previous_priorities retry plugin. The conditions are Istio's defaults plus a plain 503, which is what
 * an overloaded local sidecar answers; such a request never reached the application, so replaying it is safe.
 */
export const SPILL_RETRIES: HttpRetry = {
  attempts: 2,
  retryOn: 'connect-failure,refused-stream,unavailable,cancelled,503',
  retryRemoteLocalities: true,
};
