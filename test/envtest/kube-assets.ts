/**
 * Where the integration tests find a real API server, in the envtest way (controller-runtime's envtest reads
 * KUBEBUILDER_ASSETS): `MESHFED_KUBE_ASSETS` names a folder holding `etcd` and `kube-apiserver`; without it,
 * the nearest `shared/kube-assets/` beside the repository or beside one of its parent folders (CI has
 * `../shared/` beside its clone; a git worktree in `wt/<name>/` finds the same folder one level up).
 * Istio's CRDs: `MESHFED_ISTIO_CRDS` (a YAML file), else `istio-crds/crd-all.gen.yaml` in that `shared/` folder.
 * Missing pieces are not an error: the integration tests are then skipped, and say why.
 */
import { accessSync, constants, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export const ASSETS_ENV = 'MESHFED_KUBE_ASSETS';
export const CRDS_ENV = 'MESHFED_ISTIO_CRDS';

export interface KubeAssets {
  readonly etcd: string;
  readonly kubeApiserver: string;
  readonly istioCrds: string;
}

export type FoundAssets = { readonly ok: true; readonly assets: KubeAssets } | { readonly ok: false; readonly reason: string };

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The nearest `<ancestor>/shared` above `repoRoot` that has `kube-assets/`, or undefined. */
function sharedFolder(repoRoot: string): string | undefined {
  for (let dir = dirname(resolve(repoRoot)); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'shared', 'kube-assets'))) return join(dir, 'shared');
    if (dirname(dir) === dir) return undefined;
  }
}

export function findKubeAssets(repoRoot: string, env: NodeJS.ProcessEnv): FoundAssets {
  const shared = sharedFolder(repoRoot);
  const fromEnv = env[ASSETS_ENV];
  const binDir = fromEnv ? resolve(fromEnv) : shared && join(shared, 'kube-assets');
  if (!binDir) {
    return { ok: false, reason: `no etcd/kube-apiserver: set ${ASSETS_ENV} to a folder holding them (e.g. from setup-envtest), or put them in ../shared/kube-assets/` };
  }
  const etcd = join(binDir, 'etcd');
  const kubeApiserver = join(binDir, 'kube-apiserver');
  const missing = [etcd, kubeApiserver].filter((p) => !executable(p));
  if (missing.length > 0) {
    return { ok: false, reason: `${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} missing or not executable (${fromEnv ? `from ${ASSETS_ENV}` : 'found ../shared/kube-assets/'})` };
  }
  const crdsFromEnv = env[CRDS_ENV];
  const istioCrds = crdsFromEnv ? resolve(crdsFromEnv) : shared ? join(shared, 'istio-crds', 'crd-all.gen.yaml') : undefined;
  if (!istioCrds || !existsSync(istioCrds)) {
    return { ok: false, reason: `no Istio CRDs${istioCrds ? ` at ${istioCrds}` : ''}: set ${CRDS_ENV} to Istio's crd-all.gen.yaml (manifests/charts/base/files/ in istio/istio)` };
  }
  return { ok: true, assets: { etcd, kubeApiserver, istioCrds } };
}
