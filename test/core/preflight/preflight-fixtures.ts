import { parse, stringify } from 'yaml';
import { toLiveObject, type LiveObject } from '../../../src/core/apply/live-object.js';
import { ownershipLabels } from '../../../src/core/apply/peer-scope.js';
import { loadFederation } from '../../../src/core/load/load-federation.js';
import { formatMeshConfig } from '../../../src/core/mesh/mesh-config-fragment.js';
import { meshRequirements, type MeshRequirements } from '../../../src/core/mesh/mesh-requirements.js';
import type { ConfigMapRead, PreflightInput } from '../../../src/core/preflight/evaluate-preflight.js';
import { renderFederation } from '../../../src/core/render/render-federation.js';
import type { RenderedObject } from '../../../src/core/render/rendered-object.js';
import { EXAMPLES, exampleFiles } from '../render/example-federations.js';
import { SHARED_ROOT_FINGERPRINT, SHARED_ROOT_PEM } from '../mesh/mesh-fixtures.js';

/** One peer of a bundled example, its rendered objects, and its requirements with the test root as the federation's root. */
export function examplePeer(example: 'federation' | 'three-peer-mesh', peer: string): { req: MeshRequirements; desired: readonly RenderedObject[] } {
  const repoDir = EXAMPLES.find((e) => e.name === example)?.repoDir ?? '';
  const { model } = loadFederation(exampleFiles(repoDir));
  const req = meshRequirements(model, peer);
  if (req === undefined) throw new Error(`no peer ${peer} in ${example}`);
  return { req: { ...req, rootFingerprint: SHARED_ROOT_FINGERPRINT.replace(/:/g, '').toLowerCase() }, desired: renderFederation(model).get(peer) ?? [] };
}

/** The `mesh` text a cluster installed with `meshfed mesh-config`'s IstioOperator fragment has (its spec.meshConfig). */
export function meshTextFromFragment(req: MeshRequirements): string {
  const operator = parse(formatMeshConfig(req, 'istiooperator'), { schema: 'core' }) as { spec: { meshConfig: unknown; values: { global: { meshID: string } } } };
  return stringify({ ...(operator.spec.meshConfig as object), defaultConfig: { meshId: operator.spec.values.global.meshID } });
}

export const found = (data: Record<string, string>): ConfigMapRead => ({ found: true, data });
export const ABSENT: ConfigMapRead = { found: false };

/** A cluster ready for `req`: the mesh config meshfed prints, istiod's root = the federation's, no foreign routing. */
export function readyInput(req: MeshRequirements, desired: readonly RenderedObject[], overrides: Partial<PreflightInput> = {}): PreflightInput {
  return {
    requirements: req,
    meshConfigMap: found({ mesh: meshTextFromFragment(req) }),
    rootCertConfigMap: found({ 'root-cert.pem': SHARED_ROOT_PEM }),
    desired,
    routing: [],
    routingNamespaces: ['istio-system'],
    ...overrides,
  };
}

/** A live DestinationRule or VirtualService, as the API server lists it. */
export function live(
  kind: 'DestinationRule' | 'VirtualService',
  namespace: string,
  name: string,
  spec: Record<string, unknown>,
  options: { created?: string; peer?: string } = {},
): LiveObject {
  return toLiveObject({
    apiVersion: 'networking.istio.io/v1',
    kind,
    metadata: {
      name,
      namespace,
      ...(options.created ? { creationTimestamp: options.created } : {}),
      labels: options.peer ? ownershipLabels(options.peer) : { app: name },
    },
    spec,
  });
}

/** The live copy of a rendered object (meshfed's own, already applied at `created`). */
export function applied(o: RenderedObject, created: string): LiveObject {
  return toLiveObject({ apiVersion: o.apiVersion, kind: o.kind, metadata: { ...o.metadata, creationTimestamp: created }, spec: o.spec });
}
