import { checkAllowlist } from '../core/apply/check-allowlist.js';
import { computeDrift, type DriftReport } from '../core/apply/compute-drift.js';
import { FIELD_MANAGER, type PeerScope } from '../core/apply/peer-scope.js';
import type { RenderedObject } from '../core/render/rendered-object.js';
import type { KubeApi } from '../adapters/kubernetes/kube-api.js';
import { describeError } from '../adapters/kubernetes/kube-api-error.js';
import { readLiveState } from './read-live-state.js';

export type DriftResult = { readonly ok: true; readonly report: DriftReport } | { readonly ok: false; readonly errors: readonly string[] };

/**
 * `meshfed drift` for one peer: a field-by-field comparison of the fields meshfed manages (no dry run, so
 * it needs only get/list: a read-only identity is enough). Same allowlist as apply: it never reads outside
 * the peer's namespaces.
 */
export async function driftPeer(api: KubeApi, scope: PeerScope, desired: readonly RenderedObject[], concurrency: number): Promise<DriftResult> {
  const { refusals } = checkAllowlist(desired, scope);
  if (refusals.length > 0) return { ok: false, errors: refusals.map((r) => `refused ${r.key}: ${r.reason}`) };
  try {
    const live = await readLiveState(api, scope, desired, [], concurrency);
    return { ok: true, report: computeDrift(scope.peer, desired, live, FIELD_MANAGER) };
  } catch (e) {
    return { ok: false, errors: [`cannot read the cluster state: ${describeError(e)}`] };
  }
}
