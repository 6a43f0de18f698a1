import type { IDestinationRule } from '@kubernetes-models/istio/networking.istio.io/v1/DestinationRule';
import type { IGateway } from '@kubernetes-models/istio/networking.istio.io/v1/Gateway';
import type { IServiceEntry } from '@kubernetes-models/istio/networking.istio.io/v1/ServiceEntry';
import type { IVirtualService } from '@kubernetes-models/istio/networking.istio.io/v1/VirtualService';
import type { IWorkloadEntry } from '@kubernetes-models/istio/networking.istio.io/v1/WorkloadEntry';
import type { IAuthorizationPolicy } from '@kubernetes-models/istio/security.istio.io/v1/AuthorizationPolicy';
import type { IPeerAuthentication } from '@kubernetes-models/istio/security.istio.io/v1/PeerAuthentication';
import type { RenderedKind } from './api-versions.js';

/**
 * Spec types of the Istio kinds meshfed renders, generated from Istio's CRD schemas by @kubernetes-models/istio
 * (type-only imports: nothing of the package runs in meshfed). Object literals typed with them get TypeScript's
 * excess-property check, so a misplaced field (the paper's `spec.tls` on a DestinationRule) does not compile.
 * The v1beta1 schemas are identical to v1, so the same types serve both versions.
 */
export type DestinationRuleSpec = NonNullable<IDestinationRule['spec']>;
export type GatewaySpec = NonNullable<IGateway['spec']>;
export type ServiceEntrySpec = IServiceEntry['spec'];
export type VirtualServiceSpec = NonNullable<IVirtualService['spec']>;
export type WorkloadEntrySpec = IWorkloadEntry['spec'];
export type AuthorizationPolicySpec = NonNullable<IAuthorizationPolicy['spec']>;
export type PeerAuthenticationSpec = NonNullable<IPeerAuthentication['spec']>;

export interface SpecByKind {
  AuthorizationPolicy: AuthorizationPolicySpec;
  DestinationRule: DestinationRuleSpec;
  Gateway: GatewaySpec;
  PeerAuthentication: PeerAuthenticationSpec;
  ServiceEntry: ServiceEntrySpec;
  VirtualService: VirtualServiceSpec;
  WorkloadEntry: WorkloadEntrySpec;
}

/** Compile-time check that every rendered kind has a spec type. */
export type SpecOf<K extends RenderedKind> = SpecByKind[K];

/** Pieces reused by several renderers. */
export type TrafficPolicy = NonNullable<DestinationRuleSpec['trafficPolicy']>;
export type OutlierDetection = NonNullable<TrafficPolicy['outlierDetection']>;
export type ConnectionPool = NonNullable<TrafficPolicy['connectionPool']>;
export type LoadBalancer = NonNullable<TrafficPolicy['loadBalancer']>;
export type PortTrafficPolicy = NonNullable<TrafficPolicy['portLevelSettings']>[number];
export type HttpRoute = NonNullable<VirtualServiceSpec['http']>[number];
export type HttpMatchRequest = NonNullable<HttpRoute['match']>[number];
export type HttpRouteDestination = NonNullable<HttpRoute['route']>[number];
export type TcpRoute = NonNullable<VirtualServiceSpec['tcp']>[number];
export type HttpRetry = NonNullable<HttpRoute['retries']>;
export type ServiceEntryEndpoint = NonNullable<ServiceEntrySpec['endpoints']>[number];
export type ServiceEntryPort = NonNullable<ServiceEntrySpec['ports']>[number];
export type GatewayServer = NonNullable<GatewaySpec['servers']>[number];
export type AuthorizationRule = NonNullable<AuthorizationPolicySpec['rules']>[number];
