import {
  createConfiguration,
  CustomObjectsApi,
  KubeConfig,
  KubernetesObjectApi,
  PatchStrategy,
  ServerConfiguration,
  type KubernetesObject,
  type RequestContext,
  type ResponseContext,
} from '@kubernetes/client-node';
import { toLiveObject } from '../../core/apply/live-object.js';
import type { KubeApi, KubeRequestStats, Manifest, ObjectRef, ResourceInfo } from './kube-api.js';
import { KubeApiError } from './kube-api-error.js';
import { DEFAULT_RETRY_POLICY, withRetry, type RetryPolicy } from './retry.js';

export interface KubeConfigOptions {
  /** Path of a kubeconfig file (`--kubeconfig`). Default: $KUBECONFIG, ~/.kube/config, then in-cluster. */
  readonly kubeconfig?: string | undefined;
  /** Context to use (`--context`). Default: the kubeconfig's current context. */
  readonly context?: string | undefined;
}

/**
 * The cluster credentials: an explicit kubeconfig file, or client-node's default chain ($KUBECONFIG,
 * ~/.kube/config, and inside a pod the service account token at
 * /var/run/secrets/kubernetes.io/serviceaccount).
 */
export function loadKubeConfig(options: KubeConfigOptions): KubeConfig {
  const kc = new KubeConfig();
  try {
    if (options.kubeconfig) kc.loadFromFile(options.kubeconfig);
    else kc.loadFromDefault();
  } catch (cause) {
    throw new Error(
      `cannot read the kubeconfig${options.kubeconfig ? ` ${options.kubeconfig}` : ''}: ${(cause as Error).message}`,
      { cause },
    );
  }
  if (options.context) {
    if (!kc.getContextObject(options.context)) {
      const known = kc.getContexts().map((c) => c.name);
      throw new Error(`context "${options.context}" is not in the kubeconfig (known: ${known.join(', ') || 'none'})`);
    }
    kc.setCurrentContext(options.context);
  }
  const cluster = kc.getCurrentCluster();
  if (options.kubeconfig) {
    if (!cluster) {
      const known = kc.getContexts().map((c) => c.name);
      throw new Error(
        `the kubeconfig ${options.kubeconfig} has no current context with a cluster: set current-context in it, or pass --context NAME (contexts: ${known.join(', ') || 'none'})`,
      );
    }
  } else if (!cluster || (cluster.name === 'cluster' && cluster.server === 'http://localhost:8080' && kc.getCurrentUser()?.name === 'user')) {
    // With nothing configured, client-node's loadFromDefault falls back to an unauthenticated
    // http://localhost:8080 cluster, whose first request fails with an unrelated TLS message: say what is missing.
    throw new Error(
      'no Kubernetes cluster is configured: pass --kubeconfig FILE (and --context NAME), set KUBECONFIG, or run inside the cluster with a service account (in GitHub Actions: is the MESHFED_KUBECONFIG secret set in this environment?)',
    );
  }
  return kc;
}

export interface KubeApiOptions {
  readonly fieldManager: string;
  /** Per request; the request is aborted (and retried) after it. */
  readonly timeoutMs?: number;
  readonly retry?: RetryPolicy;
  /** Called before each retry (for logs). */
  readonly onRetry?: (message: string) => void;
}

const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/** KubernetesObjectApi resolves kinds to resources through discovery; expose that lookup. */
class DiscoveringObjectApi extends KubernetesObjectApi {
  lookup(apiVersion: string, kind: string) {
    return this.resource(apiVersion, kind);
  }
}

function describeRef(r: ObjectRef): string {
  return `${r.kind} ${r.namespace}/${r.name} (${r.apiVersion})`;
}

/**
 * A KubeApi over @kubernetes/client-node 1.x. Every request gets a timeout (an AbortSignal set by a
 * middleware, which also counts requests), retries per the RetryPolicy, and errors as KubeApiError.
 */
export function createKubeApi(kc: KubeConfig, options: KubeApiOptions): KubeApi {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error('no current cluster in the kubeconfig');
  const timeoutMs = options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const retry = options.retry ?? DEFAULT_RETRY_POLICY;
  const stats: KubeRequestStats = { reads: 0, writes: 0, dryRuns: 0, retries: 0 };
  const middleware = {
    pre: async (ctx: RequestContext): Promise<RequestContext> => {
      ctx.setSignal(AbortSignal.timeout(timeoutMs));
      const method = ctx.getHttpMethod().toString();
      // Unknown or duplicate fields are errors, never dropped with a warning (the API server's default is Warn):
      // a field the CRD does not know, silently pruned, is how mTLS settings get lost.
      if (method === 'PATCH' && ctx.getHeaders()['Content-Type'] === PatchStrategy.ServerSideApply) ctx.setQueryParam('fieldValidation', 'Strict');
      if (method === 'GET') stats.reads++;
      else if (/[?&]dryRun=All(&|$)/.test(ctx.getUrl())) stats.dryRuns++;
      else stats.writes++;
      return ctx;
    },
    post: async (rsp: ResponseContext): Promise<ResponseContext> => rsp,
  };
  const configuration = createConfiguration({
    baseServer: new ServerConfiguration(cluster.server, {}),
    authMethods: { default: kc },
    promiseMiddleware: [middleware],
  });
  const api = new DiscoveringObjectApi(configuration);
  const custom = new CustomObjectsApi(configuration);
  const run = <T>(what: string, fn: () => Promise<T>): Promise<T> =>
    withRetry(what, fn, retry, (error, attempt, delayMs) => {
      stats.retries++;
      options.onRetry?.(`${error.message}; retry ${attempt} in ${delayMs} ms`);
    });

  const discovered = new Map<string, Promise<ResourceInfo | undefined>>();
  const resource = (apiVersion: string, kind: string): Promise<ResourceInfo | undefined> => {
    const key = `${apiVersion} ${kind}`;
    let p = discovered.get(key);
    if (!p) {
      p = run(`discover ${kind} in ${apiVersion}`, async () => {
        try {
          const r = await api.lookup(apiVersion, kind);
          return r ? { plural: r.name, namespaced: r.namespaced } : undefined;
        } catch (e) {
          if ((e as { code?: unknown }).code === 404) return undefined;
          throw e;
        }
      });
      discovered.set(key, p);
      p.catch(() => discovered.delete(key));
    }
    return p;
  };
  const served = async (apiVersion: string, kind: string): Promise<void> => {
    if (!(await resource(apiVersion, kind))) {
      throw new KubeApiError(`the cluster does not serve ${kind} in ${apiVersion} (are the Istio CRDs installed?)`, { status: 404, reason: 'NotFound' });
    }
  };
  const header = (r: ObjectRef) => ({
    apiVersion: r.apiVersion,
    kind: r.kind,
    metadata: { name: r.name, namespace: r.namespace },
  });

  return {
    stats,
    resource,
    async list(apiVersion, kind, namespace, labelSelector) {
      await served(apiVersion, kind);
      // No `limit`: the API server then answers with the whole (label-filtered, per-namespace) list. client-node
      // 1.x deserializes list metadata as ObjectMeta and drops `continue`, so a paged list would be cut short.
      const list = await run(`list ${kind} in ${namespace}`, () =>
        api.list(apiVersion, kind, namespace, undefined, undefined, undefined, undefined, labelSelector),
      );
      return list.items.map((item) => toLiveObject({ apiVersion, kind, ...item }));
    },
    async get(ref) {
      await served(ref.apiVersion, ref.kind);
      try {
        return toLiveObject(await run(`read ${describeRef(ref)}`, () => api.read(header(ref))));
      } catch (e) {
        if (e instanceof KubeApiError && e.status === 404) return undefined;
        throw e;
      }
    },
    async apply(manifest: Manifest, opts) {
      await served(manifest.apiVersion, manifest.kind);
      const ref = { apiVersion: manifest.apiVersion, kind: manifest.kind, namespace: manifest.metadata.namespace, name: manifest.metadata.name };
      const result = await run(`${opts.dryRun ? 'dry-run apply' : 'apply'} ${describeRef(ref)}`, () =>
        api.patch(
          structuredClone(manifest) as unknown as KubernetesObject,
          undefined,
          opts.dryRun ? 'All' : undefined,
          options.fieldManager,
          opts.force ? true : undefined,
          PatchStrategy.ServerSideApply,
        ),
      );
      return toLiveObject(result);
    },
    async removeFields(ref, paths, resourceVersion, opts) {
      const info = await resource(ref.apiVersion, ref.kind);
      if (!info) throw new KubeApiError(`the cluster does not serve ${ref.kind} in ${ref.apiVersion}`, { status: 404, reason: 'NotFound' });
      const [group = '', version = ''] = ref.apiVersion.split('/');
      const pointer = (p: readonly string[]) => `/${p.map((s) => s.replaceAll('~', '~0').replaceAll('/', '~1')).join('/')}`;
      const body = [{ op: 'test', path: '/metadata/resourceVersion', value: resourceVersion }, ...paths.map((p) => ({ op: 'remove', path: pointer(p) }))];
      const what = `${opts.dryRun ? 'dry-run ' : ''}remove ${paths.length} foreign field(s) of ${describeRef(ref)}`;
      try {
        const result = await run(what, () =>
          custom.patchNamespacedCustomObject({
            group, version, namespace: ref.namespace, plural: info.plural, name: ref.name, body,
            ...(opts.dryRun ? { dryRun: 'All' } : {}),
            fieldManager: options.fieldManager,
          }),
        );
        return toLiveObject(result);
      } catch (e) {
        // A failed `test` is a 422 with no detail: the object changed between the read and this request.
        if (e instanceof KubeApiError && e.status === 422 && e.causes.length === 0) {
          throw new KubeApiError(`${what}: the object changed since meshfed read it (resourceVersion ${resourceVersion}); nothing was removed, re-run`, {
            status: 409,
            reason: 'Conflict',
            cause: e,
          });
        }
        throw e;
      }
    },
    async delete(ref, opts) {
      await served(ref.apiVersion, ref.kind);
      try {
        await run(`${opts.dryRun ? 'dry-run delete' : 'delete'} ${describeRef(ref)}`, () =>
          api.delete(
            header(ref),
            undefined,
            opts.dryRun ? 'All' : undefined,
            undefined,
            undefined,
            'Background',
            opts.uid ? { preconditions: { uid: opts.uid } } : undefined,
          ),
        );
        return 'deleted';
      } catch (e) {
        if (e instanceof KubeApiError && e.status === 404) return 'not-found';
        throw e;
      }
    },
  };
}
