import { FIELD_MANAGER } from '../core/apply/peer-scope.js';
import type { KubeApi } from '../adapters/kubernetes/kube-api.js';
import { createKubeApi, loadKubeConfig, type KubeConfigOptions } from '../adapters/kubernetes/kube-client.js';
import type { RetryPolicy } from '../adapters/kubernetes/retry.js';

/** How a runner command (`meshfed apply`, `meshfed drift`) reaches its peer's cluster. */
export interface RunnerKubeOptions extends KubeConfigOptions {
  readonly timeoutMs?: number;
  readonly retry?: RetryPolicy;
  /** The cluster; default: from --kubeconfig/--context, $KUBECONFIG, ~/.kube/config or in-cluster. */
  readonly kubeApi?: KubeApi;
}

export type RunnerKubeApi = { readonly ok: true; readonly api: KubeApi } | { readonly ok: false; readonly error: string };

/**
 * The cluster API of a run: `options.kubeApi` when given, otherwise a client from the kubeconfig with
 * meshfed's field manager; an error (for the operator) when no usable kubeconfig is found.
 */
export function runnerKubeApi(options: RunnerKubeOptions, onRetry: (message: string) => void): RunnerKubeApi {
  if (options.kubeApi) return { ok: true, api: options.kubeApi };
  try {
    const api = createKubeApi(loadKubeConfig({ kubeconfig: options.kubeconfig, context: options.context }), {
      fieldManager: FIELD_MANAGER,
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      ...(options.retry !== undefined ? { retry: options.retry } : {}),
      onRetry,
    });
    return { ok: true, api };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}
