import { apiVersionFor, type RenderedKind } from './api-versions.js';
import { canonicalObject } from './canonical-object.js';
import type { SpecOf } from './istio-types.js';
import { labelValue } from './names.js';
import {
  ANNOTATION_SOURCE,
  LABEL_INTENT,
  LABEL_INTENT_KIND,
  LABEL_MANAGED_BY,
  LABEL_PEER,
  MANAGED_BY_VALUE,
  type RenderedObject,
} from './rendered-object.js';

/**
 * Who an object is for and which intent it came from: the audit trail every object carries. An intent renders
 * only into its own peer's cluster (render-federation.ts), so `clusterPeer` is also the intent's owner.
 */
export interface Provenance {
  /** The peer whose cluster the object is applied to, and whose folder holds the owning intent. */
  readonly clusterPeer: string;
  /** That peer's `istio.version`: decides the API version. */
  readonly istioVersion: string | undefined;
  /** Kind of the owning intent, e.g. `ServiceImport`. */
  readonly intentKind: string;
  /** `metadata.name` of the owning intent. */
  readonly intentName: string;
  /** Repository path of the file holding the intent. */
  readonly sourceFile: string;
}

/**
 * Builds one rendered object. `spec` is typed with the Istio CRD types of `kind`, so an object literal with a
 * field Istio does not know is a compile error. The result is in canonical key order (see canonical-object.ts).
 */
export function istioObject<K extends RenderedKind>(
  kind: K,
  name: string,
  namespace: string,
  provenance: Provenance,
  spec: SpecOf<K>,
): RenderedObject {
  return canonicalObject({
    apiVersion: apiVersionFor(kind, provenance.istioVersion),
    kind,
    metadata: {
      name,
      namespace,
      labels: {
        [LABEL_MANAGED_BY]: MANAGED_BY_VALUE,
        [LABEL_INTENT]: labelValue(`${provenance.clusterPeer}.${provenance.intentName}`),
        [LABEL_INTENT_KIND]: provenance.intentKind,
        [LABEL_PEER]: labelValue(provenance.clusterPeer),
      },
      annotations: { [ANNOTATION_SOURCE]: provenance.sourceFile },
    },
    spec: spec as Readonly<Record<string, unknown>>,
  });
}
