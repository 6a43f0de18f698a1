import type { PeerIntent } from '../../intents/peer-schema.js';
import type { ServiceExportIntent } from '../../intents/service-export-schema.js';
import type { Located } from '../../model/federation-model.js';
import { STRICT_MTLS_NAME } from '../names.js';
import { istioObject } from '../object-builder.js';
import { provenanceFor } from '../render-context.js';
import type { RenderedObject } from '../rendered-object.js';
import { compareStrings } from '../../compare-strings.js';

/**
 * One namespace-wide PeerAuthentication (STRICT) per namespace holding at least one of the provider's exports
 * (docs/istio.md, "PeerAuthentication"). Istio honours only ONE namespace-wide PeerAuthentication per namespace,
 * the oldest, and ignores the others (istio.io "Security" concepts, "Policy storage"; istio/istio
 * `pilot/pkg/security/authn/policy_applier.go`, `ComposePeerAuthentication` keeps the config with the earliest
 * `CreationTimestamp`), so one policy per export would be N objects of which N-1 do nothing.
 *
 * Name: `meshfed-strict` (no intent name in it: the policy belongs to the namespace, and keeps its name as exports
 * come and go). Provenance: the first of the namespace's exports by `metadata.name` (then source file), so the
 * labels do not depend on file or document order. Depends on the provider's own exports and Peer only.
 */
export function renderStrictMtls(
  providerName: string,
  provider: PeerIntent,
  exports: readonly Located<ServiceExportIntent>[],
): RenderedObject[] {
  const firstByNamespace = new Map<string, Located<ServiceExportIntent>>();
  for (const exp of exports) {
    const ns = exp.value.spec.service.namespace;
    const current = firstByNamespace.get(ns);
    if (current === undefined || compareExports(exp, current) < 0) firstByNamespace.set(ns, exp);
  }
  return [...firstByNamespace.keys()].sort(compareStrings).map((ns) => {
    const owner = firstByNamespace.get(ns) as Located<ServiceExportIntent>;
    return istioObject('PeerAuthentication', STRICT_MTLS_NAME, ns, provenanceFor(providerName, provider, owner), {
      mtls: { mode: 'STRICT' },
    });
  });
}

function compareExports(a: Located<ServiceExportIntent>, b: Located<ServiceExportIntent>): number {
  return compareStrings(a.value.metadata.name, b.value.metadata.name) || compareStrings(a.source.file, b.source.file);
}
