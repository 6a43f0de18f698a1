/**
 * The effect model's public interface (see istio-config.ts for what each part follows). Import from here:
 * the files behind it may move as the model grows, these names stay.
 */
export { DEFAULT_ROOT_NAMESPACE, type IstioConfig, type MeshView } from './istio-config.js';
export type * from './istio-spec.js';
export {
  selectDestinationRule,
  indexDestinationRules,
  type DestinationRuleQuery,
  type SelectedDestinationRule,
} from './destination-rule/select-destination-rule.js';
export { portLevelPolicy, mergeSubsetPolicy, type ResolvedPolicy } from './destination-rule/port-policy.js';
export {
  outboundCluster,
  inboundCluster,
  type OutboundCluster,
  type InboundCluster,
  type ClusterOutlierDetection,
  type UpstreamProtocol,
} from './destination-rule/cluster-policy.js';
export { failoverPriorities, type PrioritizedEndpoint, type ProxyIdentity } from './load-balancing/failover-priorities.js';
export { priorityLoad, spillThreshold, OVERPROVISIONING_FACTOR, type PriorityLoad } from './load-balancing/priority-load.js';
export { ejectionCapacity, maxEjectedHosts, firstPodCountNotFullyEjectable } from './load-balancing/outlier-ejection.js';
export { routeHttp, routeTcp, selectVirtualService, type RouteResult, type WeightedCluster } from './routing/virtual-service-route.js';
export {
  evaluateAuthorization,
  type AuthorizationRequest,
  type AuthorizationDecision,
  type TrustDomainBundle,
} from './authorization/evaluate-authorization.js';
export { federationEffects, type EffectOptions } from './flows/federation-effects.js';
export type * from './flows/flow-effect.js';
