import type { LiveObject } from '../core/apply/live-object.js';
import type { PeerScope } from '../core/apply/peer-scope.js';
import { meshConfigMapName, ROOT_CERT_CONFIGMAP, type MeshRequirements } from '../core/mesh/mesh-requirements.js';
import { evaluatePreflight, type ConfigMapRead } from '../core/preflight/evaluate-preflight.js';
import type { PreflightReport } from '../core/preflight/preflight-report.js';
import { apiGroup, type RenderedObject } from '../core/render/rendered-object.js';
import type { KubeApi } from '../adapters/kubernetes/kube-api.js';
import { describeError } from '../adapters/kubernetes/kube-api-error.js';
import { mapWithConcurrency } from '../adapters/map-with-concurrency.js';

/** The kinds whose objects meshfed's can compete with for a host. */
const ROUTING_KINDS = ['DestinationRule', 'VirtualService'] as const;

async function readConfigMap(api: KubeApi, namespace: string, name: string): Promise<ConfigMapRead> {
  const cm = await api.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace, name });
  if (cm === undefined) return { found: false };
  const raw = cm.body.data;
  const data: Record<string, string> = {};
  if (raw !== null && typeof raw === 'object') for (const [k, v] of Object.entries(raw)) if (typeof v === 'string') data[k] = v;
  return { found: true, data };
}

/**
 * The preflight's reads, then its pure decision (src/core/preflight/evaluate-preflight.ts). Reads, as istiod does:
 * ConfigMap `istio` (or `istio-<revision>`) key `mesh` and ConfigMap `istio-ca-root-cert` key `root-cert.pem` in the
 * Istio namespace (Peer `spec.istio.namespace`); and every DestinationRule and VirtualService, whoever wrote them,
 * in the peer's namespaces and the Istio namespace (one LIST each, no label selector). Nothing else, and nothing is
 * written. Every read the RBAC in deploy/rbac/ grants (preflight-role.yaml for the Istio namespace); a failed read
 * makes the report `failed`, never `passed`.
 */
export async function runPreflight(
  api: KubeApi,
  scope: PeerScope,
  requirements: MeshRequirements,
  desired: readonly RenderedObject[],
  concurrency: number,
): Promise<PreflightReport> {
  const istioNs = requirements.istio.namespace;
  const meshName = meshConfigMapName(requirements.istio.revision);
  const namespaces = [...new Set([...scope.namespaces, istioNs])].sort();
  let step = `ConfigMap ${istioNs}/${meshName}`;
  try {
    const meshConfigMap = await readConfigMap(api, istioNs, meshName);
    step = `ConfigMap ${istioNs}/${ROOT_CERT_CONFIGMAP}`;
    const rootCertConfigMap = await readConfigMap(api, istioNs, ROOT_CERT_CONFIGMAP);
    const kinds = ROUTING_KINDS.map((kind) => ({
      kind,
      apiVersion: desired.find((o) => o.kind === kind && apiGroup(o.apiVersion) === 'networking.istio.io')?.apiVersion ?? 'networking.istio.io/v1',
    }));
    step = 'the DestinationRule and VirtualService kinds (discovery)';
    const served = (await mapWithConcurrency(kinds, 1, async (k) => ((await api.resource(k.apiVersion, k.kind)) ? [k] : []))).flat();
    step = `DestinationRules and VirtualServices in namespace(s) ${namespaces.join(', ')}`;
    const lists = served.flatMap((k) => namespaces.map((namespace) => ({ ...k, namespace })));
    const routing: LiveObject[] = (await mapWithConcurrency(lists, concurrency, (l) => api.list(l.apiVersion, l.kind, l.namespace, ''))).flat();
    return evaluatePreflight({ requirements, meshConfigMap, rootCertConfigMap, desired, routing, routingNamespaces: namespaces });
  } catch (e) {
    const message = describeError(e);
    const hint = /forbidden/i.test(message)
      ? `; the runner's identity needs the RBAC in deploy/rbac/: preflight-role.yaml grants these reads in namespace ${istioNs} ` +
        '(for a revisioned istiod, name its ConfigMap there), role-bindings.yaml the listing in the peer\'s namespaces'
      : '';
    return { peer: scope.peer, status: 'failed', problems: [], warnings: [], checked: [], error: `cannot read ${step}: ${message}${hint}` };
  }
}
