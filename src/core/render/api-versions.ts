/**
 * Which API version each rendered kind is written in, chosen per cluster from the peer's `istio.version`.
 *
 * meshfed writes `v1` wherever the peer's control plane serves it, and falls back to `v1beta1` (same schema,
 * served by every Istio release meshfed could meet) only for older control planes. The table lists the
 * release in which `v1` became served for each kind; sources in docs/istio.md ("API versions"):
 * - networking.istio.io/v1 for DestinationRule, Gateway, ServiceEntry, VirtualService, WorkloadEntry and
 *   security.istio.io/v1 PeerAuthentication: Istio 1.22 (istio.io blog "Introducing Istio v1 APIs", 2024-05-13).
 * - security.istio.io/v1 AuthorizationPolicy (and RequestAuthentication): Istio 1.17 (istio/istio#42042,
 *   "policies graduation to v1"; istio/istio#44808 uses v1 for 1.17+ and v1beta1 before).
 * Validation refuses peers before Istio 1.22 (`MIN_ISTIO_MINOR`, validate/peer-rules.ts), so a validated model
 * always gets `v1`; the fallback only shows when render is given an unvalidated model.
 */
export interface ApiVersionRule {
  readonly group: 'networking.istio.io' | 'security.istio.io';
  readonly kind: RenderedKind;
  /** First Istio minor release (1.x) serving `<group>/v1` for this kind. */
  readonly v1SinceMinor: number;
  /** Version written for older control planes. */
  readonly fallback: 'v1beta1';
}

export type RenderedKind =
  | 'AuthorizationPolicy'
  | 'DestinationRule'
  | 'Gateway'
  | 'PeerAuthentication'
  | 'ServiceEntry'
  | 'VirtualService'
  | 'WorkloadEntry';

export const API_VERSION_RULES: readonly ApiVersionRule[] = [
  { group: 'networking.istio.io', kind: 'DestinationRule', v1SinceMinor: 22, fallback: 'v1beta1' },
  { group: 'networking.istio.io', kind: 'Gateway', v1SinceMinor: 22, fallback: 'v1beta1' },
  { group: 'networking.istio.io', kind: 'ServiceEntry', v1SinceMinor: 22, fallback: 'v1beta1' },
  { group: 'networking.istio.io', kind: 'VirtualService', v1SinceMinor: 22, fallback: 'v1beta1' },
  { group: 'networking.istio.io', kind: 'WorkloadEntry', v1SinceMinor: 22, fallback: 'v1beta1' },
  { group: 'security.istio.io', kind: 'PeerAuthentication', v1SinceMinor: 22, fallback: 'v1beta1' },
  { group: 'security.istio.io', kind: 'AuthorizationPolicy', v1SinceMinor: 17, fallback: 'v1beta1' },
];

/** `1.MINOR` or `1.MINOR.PATCH` -> MINOR; undefined when the text is not such a version. */
export function istioMinor(version: string | undefined): number | undefined {
  if (version === undefined) return undefined;
  const m = /^1\.([0-9]{1,3})(\.[0-9]{1,3})?$/.exec(version.trim());
  return m ? Number(m[1]) : undefined;
}

/**
 * `<group>/<version>` for `kind` in a cluster running Istio `istioVersion`. An unknown or unparsable version
 * gets `v1` (the validator rejects malformed versions; the newest API is the safe default for the future).
 */
export function apiVersionFor(kind: RenderedKind, istioVersion: string | undefined): string {
  const rule = API_VERSION_RULES.find((r) => r.kind === kind);
  if (rule === undefined) throw new Error(`no API version rule for kind ${kind}`);
  const minor = istioMinor(istioVersion);
  const version = minor !== undefined && minor < rule.v1SinceMinor ? rule.fallback : 'v1';
  return `${rule.group}/${version}`;
}
