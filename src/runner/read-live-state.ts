import type { InventoryEntry } from '../core/apply/inventory.js';
import type { LiveObject } from '../core/apply/live-object.js';
import { ownershipSelector, type PeerScope } from '../core/apply/peer-scope.js';
import { ALLOWED_KINDS, apiGroup, objectKey, type RenderedObject } from '../core/render/rendered-object.js';
import type { KubeApi } from '../adapters/kubernetes/kube-api.js';
import { mapWithConcurrency } from '../adapters/map-with-concurrency.js';

/**
 * The peer's objects as the cluster has them, by objectKey: one LIST per allowed kind and namespace of the
 * peer (label selector: meshfed's labels for this peer), then a GET for each desired object the lists did
 * not return (new, or someone removed its labels). Nothing outside the peer's namespaces is read.
 * Throws when a desired kind is not served by the cluster or a request fails for good.
 */
export async function readLiveState(
  api: KubeApi,
  scope: PeerScope,
  desired: readonly RenderedObject[],
  inventory: readonly InventoryEntry[],
  concurrency: number,
): Promise<Map<string, LiveObject>> {
  const versionOf = (group: string, kind: string): string =>
    desired.find((o) => o.kind === kind && apiGroup(o.apiVersion) === group)?.apiVersion ??
    inventory.find((e) => e.kind === kind && apiGroup(e.apiVersion) === group)?.apiVersion ??
    `${group}/v1`;
  const kinds = ALLOWED_KINDS.map((k) => ({ kind: k.kind, apiVersion: versionOf(k.group, k.kind) }));
  const served = await mapWithConcurrency(kinds, 1, async (k) => ({ ...k, info: await api.resource(k.apiVersion, k.kind) }));
  const unserved = served.filter((k) => !k.info && desired.some((o) => o.kind === k.kind && o.apiVersion === k.apiVersion));
  if (unserved.length > 0) {
    throw new Error(
      `the cluster does not serve ${unserved.map((k) => `${k.kind} (${k.apiVersion})`).join(', ')}: install the Istio CRDs ` +
        `(istioctl install, or the istio/base Helm chart) or check istio.version in the peer's peer.yaml`,
    );
  }
  const selector = ownershipSelector(scope.peer);
  const lists = served
    .filter((k) => k.info)
    .flatMap((k) => scope.namespaces.map((namespace) => ({ ...k, namespace })));
  const pages = await mapWithConcurrency(lists, concurrency, (l) => api.list(l.apiVersion, l.kind, l.namespace, selector));
  const live = new Map<string, LiveObject>();
  for (const o of pages.flat()) live.set(objectKey(o), o);
  const unseen = desired.filter((o) => !live.has(objectKey(o)));
  const found = await mapWithConcurrency(unseen, concurrency, (o) =>
    api.get({ apiVersion: o.apiVersion, kind: o.kind, namespace: o.metadata.namespace, name: o.metadata.name }),
  );
  for (const o of found) if (o) live.set(objectKey(o), o);
  return live;
}
