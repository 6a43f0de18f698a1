import { apiVersionFor, type RenderedKind } from './api-versions.js';
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
 * field Istio does not know is a compile error.
 *
 * The object keeps the key order it was built in, and may hold keys whose value is `undefined`: nothing meshfed
 * does with a rendered object depends on either. Every output sorts keys and drops `undefined` where it writes
 * (the YAML emitter of serialize-yaml.ts, the bytes written and diffed; canonical-object.ts for JSON output), and
 * comparisons ignore both (plan/json-equal.ts). Copying each of a large federation's ~100,000 objects into
 * canonical order here cost a tenth of `meshfed render` (issue 10's profile: the copy and its garbage).
 */
export function istioObject<K extends RenderedKind>(
  kind: K,
  name: string,
  namespace: string,
  provenance: Provenance,
  spec: SpecOf<K>,
): RenderedObject {
  return {
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
  };
}
