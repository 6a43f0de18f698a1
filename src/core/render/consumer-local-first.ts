import type { ServiceImportIntent } from '../intents/service-import-schema.js';
import { portTlsSettings, simpleLoadBalancer } from './consumer-endpoints.js';
import type { ImportContext } from './import-context.js';
import type { HttpRetry, OutlierDetection, TrafficPolicy } from './istio-types.js';

export type Ejection = NonNullable<ServiceImportIntent['spec']['failover']>['ejection'];

/**
 * Endpoint priorities for burst and failover: endpoints on the client's own network first (then its region,
 * then its zone), everything else after. The remote gateway endpoint carries the provider's network, so it is
 * always in the last priority and only receives traffic when local endpoints are ejected or overloaded.
 * Needs outlier detection to have any effect (Istio DestinationRule reference, LocalityLoadBalancerSetting).
 */
export const LOCAL_FIRST_PRIORITY: readonly string[] = [
  'topology.istio.io/network',
  'topology.kubernetes.io/region',
  'topology.kubernetes.io/zone',
];

/** Outlier detection with the current fields (never the deprecated `consecutiveErrors`). */
export function outlierDetection(e: Ejection): OutlierDetection {
  return {
    consecutive5xxErrors: e.consecutive5xxErrors,
    ...(e.consecutiveGatewayErrors === undefined ? {} : { consecutiveGatewayErrors: e.consecutiveGatewayErrors }),
    interval: e.interval,
    baseEjectionTime: e.baseEjectionTime,
    maxEjectionPercent: Math.min(100, Math.max(0, Math.round(e.maxEjectionPercent))),
  };
}

/**
 * Traffic policy of the consumer's own service when the provider's gateway is one of its endpoints:
 * `tls` under `trafficPolicy` (the paper's Fig. 4 put it at `spec` level, where the API server prunes it) in
 * ISTIO_MUTUAL, the provider gateway's SNI per port (also for subset clusters, whose derived SNI would carry
 * the subset name the provider's gateway does not know), locality priorities and outlier detection.
 * No subjectAltNames here: the cluster also holds the consumer's own pods, whose accounts meshfed does not know;
 * Istio then verifies against the host's service accounts, to which the ServiceEntry adds the provider's.
 */
export function localFirstTrafficPolicy(ctx: ImportContext, ejection: Ejection): TrafficPolicy {
  return {
    loadBalancer: {
      ...simpleLoadBalancer(ctx),
      localityLbSetting: { enabled: true, failoverPriority: [...LOCAL_FIRST_PRIORITY] },
    },
    outlierDetection: outlierDetection(ejection),
    tls: { mode: 'ISTIO_MUTUAL' },
    portLevelSettings: portTlsSettings(ctx, undefined),
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
