import { compareStrings } from '../compare-strings.js';
/**
 * What render produces: plain Kubernetes objects, one list per peer (the cluster they are for).
 * No timestamps, no commit SHAs: the same intents always give the same bytes.
 */
export interface RenderedMetadata {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

export interface RenderedObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: RenderedMetadata;
  readonly spec: Readonly<Record<string, unknown>>;
}

/** peer name -> that peer's objects, peers and objects in stable order (see `compareObjects`). */
export type RenderedFederation = ReadonlyMap<string, readonly RenderedObject[]>;

/** Labels and annotations every rendered object carries (audit trail, prune selection). */
export const LABEL_MANAGED_BY = 'app.kubernetes.io/managed-by';
export const MANAGED_BY_VALUE = 'meshfed';
/** The peer whose cluster the object is for. */
export const LABEL_PEER = 'meshfed.io/peer';
/** Kind of the intent the object came from, e.g. `ServiceImport`. */
export const LABEL_INTENT_KIND = 'meshfed.io/intent-kind';
/** `<owning peer>.<intent name>`: the intent the object came from. */
export const LABEL_INTENT = 'meshfed.io/intent';
/** Repository path of the intent file the object came from. */
export const ANNOTATION_SOURCE = 'meshfed.io/source';

/** The only kinds meshfed renders, and so the only kinds a runner will ever apply or prune. */
export const ALLOWED_KINDS: readonly { readonly group: string; readonly kind: string }[] = [
  { group: 'networking.istio.io', kind: 'DestinationRule' },
  { group: 'networking.istio.io', kind: 'Gateway' },
  { group: 'networking.istio.io', kind: 'ServiceEntry' },
  { group: 'networking.istio.io', kind: 'VirtualService' },
  { group: 'networking.istio.io', kind: 'WorkloadEntry' },
  { group: 'security.istio.io', kind: 'AuthorizationPolicy' },
  { group: 'security.istio.io', kind: 'PeerAuthentication' },
];

export function apiGroup(apiVersion: string): string {
  const i = apiVersion.indexOf('/');
  return i < 0 ? '' : apiVersion.slice(0, i);
}

/** Identity of an object independent of its API version: `group/Kind/namespace/name`. */
export function objectKey(o: Pick<RenderedObject, 'apiVersion' | 'kind' | 'metadata'>): string {
  return `${apiGroup(o.apiVersion)}/${o.kind}/${o.metadata.namespace}/${o.metadata.name}`;
}

export function compareObjects(a: RenderedObject, b: RenderedObject): number {
  return compareStrings(objectKey(a), objectKey(b));
}
