/** The runner's own identities on the test cluster: deploy/rbac installed as docs/runners.md says, and their tokens. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { kubeCall, kubeRequest, serverSideApply, type KubeCredentials } from '../envtest/kube-http.js';
import { REPO } from './isolated-federation.js';

const RBAC_DIR = join(REPO, 'deploy', 'rbac');

interface Doc {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
}

/** REST path of an RBAC or core object of deploy/rbac. */
function rbacPath(d: Doc): string {
  const ns = d.metadata.namespace;
  switch (d.kind) {
    case 'ServiceAccount':
      return `/api/v1/namespaces/${ns}/serviceaccounts/${d.metadata.name}`;
    case 'ClusterRole':
      return `/apis/rbac.authorization.k8s.io/v1/clusterroles/${d.metadata.name}`;
    case 'Role':
      return `/apis/rbac.authorization.k8s.io/v1/namespaces/${ns}/roles/${d.metadata.name}`;
    case 'RoleBinding':
      return `/apis/rbac.authorization.k8s.io/v1/namespaces/${ns}/rolebindings/${d.metadata.name}`;
    default:
      throw new Error(`deploy/rbac holds a ${d.kind}: teach this test where it goes`);
  }
}

/** Where one peer's RBAC goes: its gateway namespace, its istiod's namespace, its application namespaces. */
export interface RbacPlacement {
  readonly gateways: string;
  readonly istiod: string;
  readonly app: readonly string[];
}

/**
 * Install deploy/rbac for one peer exactly as docs/runners.md tells an operator to: every file, PEER_NAME
 * replaced; what the files put in `istio-system` goes to the peer's gateway namespace (preflight-role.yaml's to
 * its istiod namespace, spec.istio.namespace), and the per-namespace bindings (the files' example namespace
 * `demo`) are copied once per namespace of the peer. `skip` leaves files out, to see what is refused without them.
 */
export async function installRbac(admin: KubeCredentials, peer: string, where: RbacPlacement, skip: readonly string[] = []): Promise<void> {
  const docs = readdirSync(RBAC_DIR)
    .filter((f) => f.endsWith('.yaml') && !skip.includes(f))
    .sort()
    .flatMap((f) =>
      parseAllDocuments(readFileSync(join(RBAC_DIR, f), 'utf8').replaceAll('PEER_NAME', peer), { schema: 'core' }).map((d) => ({ file: f, doc: d.toJS() as Doc })),
    );
  await kubeRequest(admin, 'POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'meshfed-system' } });
  for (const { file, doc: d } of docs) {
    const ns = d.metadata.namespace;
    const istioSystem = file === 'preflight-role.yaml' ? where.istiod : where.gateways;
    const targets = ns === 'istio-system' ? [istioSystem] : ns === 'demo' ? where.app : [ns];
    for (const target of targets) {
      const placed = { ...d, metadata: { ...d.metadata, ...(target ? { namespace: target } : {}) } };
      await serverSideApply(admin, rbacPath(placed), placed, 'meshfed-envtest');
    }
  }
}

/** A bound token of a service account of meshfed-system (TokenRequest, as `kubectl create token` does). */
export async function token(admin: KubeCredentials, serviceAccount: string): Promise<KubeCredentials> {
  const r = await kubeCall(admin, 'POST', `/api/v1/namespaces/meshfed-system/serviceaccounts/${serviceAccount}/token`, {
    apiVersion: 'authentication.k8s.io/v1',
    kind: 'TokenRequest',
    spec: { expirationSeconds: 3600 },
  });
  return { server: admin.server, ca: admin.ca, token: String((r.status as { token: string }).token) };
}
