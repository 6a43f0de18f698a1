/**
 * The fields of Istio specs the effect model reads, as plain structural types (field names as in the CRDs,
 * istio/api networking/v1alpha3 and security/v1beta1). The model reads any object of that shape: meshfed's own
 * rendered objects or an operator's. Deliberately not the generated CRD types render uses (their 1.6 MB
 * declaration files make type-checking generic code over them take minutes and gigabytes).
 */

export interface StringMatch {
  readonly exact?: string;
  readonly prefix?: string;
  readonly regex?: string;
}

export interface ConnectionPoolSettings {
  readonly tcp?: { readonly maxConnections?: number; readonly connectTimeout?: string };
  readonly http?: {
    readonly http1MaxPendingRequests?: number;
    readonly http2MaxRequests?: number;
    readonly maxRequestsPerConnection?: number;
    readonly maxRetries?: number;
    readonly h2UpgradePolicy?: string;
    readonly useClientProtocol?: boolean;
  };
}

export interface OutlierDetectionSettings {
  readonly consecutive5xxErrors?: number;
  readonly consecutiveGatewayErrors?: number;
  readonly consecutiveLocalOriginFailures?: number;
  readonly splitExternalLocalOriginErrors?: boolean;
  readonly interval?: string;
  readonly baseEjectionTime?: string;
  readonly maxEjectionPercent?: number;
  readonly minHealthPercent?: number;
}

export interface LocalityLbSetting {
  readonly enabled?: boolean;
  readonly failoverPriority?: readonly string[];
  readonly failover?: readonly { readonly from?: string; readonly to?: string }[];
  readonly distribute?: readonly unknown[];
}

export interface LoadBalancerSettings {
  readonly simple?: string;
  readonly consistentHash?: unknown;
  readonly localityLbSetting?: LocalityLbSetting;
}

export interface ClientTlsSettings {
  readonly mode?: string;
  readonly sni?: string;
  readonly subjectAltNames?: readonly string[];
}

export interface PortPolicySettings {
  readonly port?: { readonly number?: number };
  readonly connectionPool?: ConnectionPoolSettings;
  readonly loadBalancer?: LoadBalancerSettings;
  readonly outlierDetection?: OutlierDetectionSettings;
  readonly tls?: ClientTlsSettings;
}

export interface TrafficPolicySettings {
  readonly connectionPool?: ConnectionPoolSettings;
  readonly loadBalancer?: LoadBalancerSettings;
  readonly outlierDetection?: OutlierDetectionSettings;
  readonly tls?: ClientTlsSettings;
  readonly tunnel?: unknown;
  readonly proxyProtocol?: unknown;
  readonly retryBudget?: unknown;
  readonly portLevelSettings?: readonly PortPolicySettings[];
}

export interface DestinationRuleSpecView {
  readonly host: string;
  readonly trafficPolicy?: TrafficPolicySettings;
  readonly subsets?: readonly { readonly name: string; readonly labels?: Readonly<Record<string, string>>; readonly trafficPolicy?: TrafficPolicySettings }[];
  readonly exportTo?: readonly string[];
  readonly workloadSelector?: { readonly matchLabels?: Readonly<Record<string, string>> };
}

export interface DestinationView {
  readonly host: string;
  readonly subset?: string;
  readonly port?: { readonly number?: number };
}

export interface HttpMatchView {
  readonly uri?: StringMatch;
  readonly headers?: Readonly<Record<string, StringMatch>>;
  readonly withoutHeaders?: Readonly<Record<string, StringMatch>>;
  readonly port?: number;
  readonly gateways?: readonly string[];
  readonly sourceNamespace?: string;
}

export interface HttpRouteView {
  readonly match?: readonly HttpMatchView[];
  readonly route?: readonly { readonly destination: DestinationView; readonly weight?: number }[];
  readonly mirror?: DestinationView;
  readonly mirrorPercentage?: { readonly value?: number };
  readonly retries?: { readonly attempts?: number; readonly retryOn?: string; readonly retryRemoteLocalities?: boolean };
}

export interface TcpRouteView {
  readonly match?: readonly { readonly port?: number }[];
  readonly route?: readonly { readonly destination: DestinationView; readonly weight?: number }[];
}

export interface VirtualServiceSpecView {
  readonly hosts?: readonly string[];
  readonly gateways?: readonly string[];
  readonly exportTo?: readonly string[];
  readonly http?: readonly HttpRouteView[];
  readonly tcp?: readonly TcpRouteView[];
}

export interface AuthorizationSourceView {
  readonly principals?: readonly string[];
  readonly notPrincipals?: readonly string[];
  readonly namespaces?: readonly string[];
  readonly notNamespaces?: readonly string[];
  readonly serviceAccounts?: readonly string[];
  readonly notServiceAccounts?: readonly string[];
  readonly trustDomains?: readonly string[];
  readonly notTrustDomains?: readonly string[];
  readonly requestPrincipals?: readonly string[];
  readonly notRequestPrincipals?: readonly string[];
  readonly ipBlocks?: readonly string[];
  readonly notIpBlocks?: readonly string[];
  readonly remoteIpBlocks?: readonly string[];
  readonly notRemoteIpBlocks?: readonly string[];
}

export interface AuthorizationOperationView {
  readonly ports?: readonly string[];
  readonly notPorts?: readonly string[];
  readonly hosts?: readonly string[];
  readonly notHosts?: readonly string[];
  readonly paths?: readonly string[];
  readonly notPaths?: readonly string[];
  readonly methods?: readonly string[];
  readonly notMethods?: readonly string[];
}

export interface AuthorizationRuleView {
  readonly from?: readonly { readonly source?: AuthorizationSourceView }[];
  readonly to?: readonly { readonly operation?: AuthorizationOperationView }[];
  readonly when?: readonly { readonly key: string; readonly values?: readonly string[]; readonly notValues?: readonly string[] }[];
}

export interface AuthorizationPolicySpecView {
  readonly action?: string;
  readonly selector?: { readonly matchLabels?: Readonly<Record<string, string>> };
  readonly targetRef?: unknown;
  readonly targetRefs?: readonly unknown[];
  readonly rules?: readonly AuthorizationRuleView[];
}
