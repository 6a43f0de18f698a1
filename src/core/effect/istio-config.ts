import { compareStrings } from '../compare-strings.js';

/**
 * Input of the effect model (src/core/effect/): the Istio config objects one cluster holds, as plain objects.
 * A meshfed `RenderedObject` is one; so is an object an operator wrote (read from the cluster or written in a
 * test). The model is pure: no I/O, no clock; "creation time" is whatever `metadata.creationTimestamp` says.
 *
 * Public interface, kept stable for `meshfed explain` and the PR comment (helper effect-ux):
 * - `IstioConfig`, `MeshView`, `DEFAULT_ROOT_NAMESPACE` (this file);
 * - destination-rule/: `selectDestinationRule`, `portLevelPolicy`, `mergeSubsetPolicy`, `outboundCluster`,
 *   `inboundCluster`;
 * - load-balancing/: `failoverPriorities`, `priorityLoad`, `spillThreshold`, `ejectionCapacity`;
 * - routing/: `routeHttp`, `routeTcp`;
 * - authorization/: `evaluateAuthorization`;
 * - flows/: `federationEffects` (per flow and port: what the mesh enforces, where), the one entry point most
 *   callers need.
 */
export interface IstioConfig {
  readonly kind: string;
  readonly metadata: {
    readonly name: string;
    readonly namespace: string;
    /**
     * RFC 3339, as the API server sets it. Absent means "created now", i.e. after every object that has one
     * (what meshfed's own objects are when a runner applies them to a cluster that already holds the operator's).
     */
    readonly creationTimestamp?: string;
  };
  readonly spec: Readonly<Record<string, unknown>>;
}

/** One cluster's Istio config as istiod sees it. */
export interface MeshView {
  /** meshConfig.rootNamespace: policies there apply mesh-wide (istio/istio pilot/pkg/model/authorization.go). */
  readonly rootNamespace: string;
  readonly configs: readonly IstioConfig[];
}

/** meshConfig.rootNamespace defaults to istiod's namespace, `istio-system` in every standard install. */
export const DEFAULT_ROOT_NAMESPACE = 'istio-system';

/** Kubernetes cluster domain Istio's host names use (`<svc>.<ns>.svc.cluster.local`). */
export const CLUSTER_DOMAIN_SUFFIX = 'svc.cluster.local';

/**
 * Istio's config order: creation time, then name, then namespace (istio/istio pilot/pkg/model/config.go,
 * `configCompareByCreationTime`). Objects without a timestamp sort after every object with one.
 */
export function compareByCreation(a: IstioConfig, b: IstioConfig): number {
  const ta = a.metadata.creationTimestamp;
  const tb = b.metadata.creationTimestamp;
  if (ta !== tb) {
    if (ta === undefined) return 1;
    if (tb === undefined) return -1;
    const d = Date.parse(ta) - Date.parse(tb);
    if (d !== 0 && !Number.isNaN(d)) return d < 0 ? -1 : 1;
  }
  return compareStrings(a.metadata.name, b.metadata.name) || compareStrings(a.metadata.namespace, b.metadata.namespace);
}

/** `<namespace>/<name>` of a config object. */
export function configRef(c: IstioConfig): string {
  return `${c.metadata.namespace}/${c.metadata.name}`;
}

/**
 * A short host (no dot) is completed with the config's namespace (istio/istio pilot/pkg/model/config.go,
 * `ResolveShortnameToFQDN`).
 */
export function resolveShortName(host: string, namespace: string): string {
  if (host === '*' || host.includes('.')) return host;
  return `${host}.${namespace}.${CLUSTER_DOMAIN_SUFFIX}`;
}

/** Does wildcard-or-exact host `pattern` match `host` (istio/istio pkg/config/host/name.go, `Name.Matches`)? */
export function hostMatches(pattern: string, host: string): boolean {
  if (pattern === host) return true;
  if (pattern === '*') return true;
  return pattern.startsWith('*') && host.endsWith(pattern.slice(1));
}

/** Labels `selector` all present in `labels` (istio/istio pkg/config/labels, `Instance.SubsetOf`). */
export function labelsSubsetOf(selector: Readonly<Record<string, string>>, labels: Readonly<Record<string, string>>): boolean {
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

/** Istio's `math.MaxUint32`: the circuit-breaker value meaning "no limit" (cluster_traffic_policy.go). */
export const MAX_UINT32 = 4_294_967_295;
