import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { compileDirectory } from '../../src/commands/compile-directory.js';
import { meshRequirements } from '../../src/core/mesh/mesh-requirements.js';
import type { FakeKubeApiServer } from '../kubernetes/fake-kube-api-server.js';
import { SHARED_ROOT_FINGERPRINT, SHARED_ROOT_PEM } from '../core/mesh/mesh-fixtures.js';
import { meshTextFromFragment } from '../core/preflight/preflight-fixtures.js';

/** Point the federation in `repoDir/federation` at the test root CA (the bundled examples carry made-up fingerprints). */
export async function useTestRoot(repoDir: string): Promise<void> {
  const file = join(repoDir, 'federation', 'federation.yaml');
  await writeFile(file, (await readFile(file, 'utf8')).replace(/fingerprint: ".*"/, `fingerprint: "sha256 Fingerprint=${SHARED_ROOT_FINGERPRINT}"`));
}

/** The `mesh` text a cluster installed with `meshfed mesh-config --peer <peer>` has, for the federation in repoDir. */
export async function installedMeshText(repoDir: string, peer: string): Promise<string> {
  const compiled = await compileDirectory({ repoDir, root: 'federation' });
  const req = meshRequirements(compiled.model, peer);
  if (req === undefined) throw new Error(`no peer ${peer} in ${repoDir}`);
  return meshTextFromFragment(req);
}

/**
 * The fake cluster as istiod leaves it once installed with what `meshfed mesh-config` prints: ConfigMap istio (key
 * mesh) and istio-ca-root-cert (the test root) in istio-system, written by istiod's own field manager.
 */
export async function makeIstioReady(fake: FakeKubeApiServer, repoDir: string, peer: string, mesh?: string): Promise<void> {
  await useTestRoot(repoDir);
  const configMap = (name: string, data: Record<string, string>) =>
    fake.seed({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'istio-system' }, data }, 'pilot-discovery', 'Update');
  configMap('istio', { mesh: mesh ?? (await installedMeshText(repoDir, peer)) });
  configMap('istio-ca-root-cert', { 'root-cert.pem': SHARED_ROOT_PEM });
}
