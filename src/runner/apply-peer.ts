import { sortResults, type ApplyReport, type ObjectResult } from '../core/apply/apply-report.js';
import { checkAllowlist } from '../core/apply/check-allowlist.js';
import { sameAfterApply } from '../core/apply/compare-with-live.js';
import { inventoryName, sameEntries, type InventoryEntry, type InventoryState } from '../core/apply/inventory.js';
import { inventoryAfterApply, inventoryBeforeApply, pendingPruneAfter } from '../core/apply/inventory-update.js';
import type { LiveObject } from '../core/apply/live-object.js';
import { FIELD_MANAGER, otherPeerOwner, type PeerScope } from '../core/apply/peer-scope.js';
import { planApply, type PlannedObject } from '../core/apply/plan-apply.js';
import { selectPrune, type PruneCandidate } from '../core/apply/select-prune.js';
import { toManifest } from '../core/apply/to-manifest.js';
import { LABEL_PEER, objectKey, type RenderedObject } from '../core/render/rendered-object.js';
import { readInventory, writeInventory } from '../adapters/kubernetes/inventory-configmap.js';
import type { KubeApi } from '../adapters/kubernetes/kube-api.js';
import { describeError } from '../adapters/kubernetes/kube-api-error.js';
import { mapWithConcurrency } from '../adapters/map-with-concurrency.js';
import { readLiveState } from './read-live-state.js';

export interface ApplyPeerOptions {
  readonly dryRun: boolean;
  readonly prune: boolean;
  readonly allowMassPrune: boolean;
  /** See DEFAULT_MASS_PRUNE_THRESHOLD (select-prune.ts); default that. */
  readonly massPruneThreshold?: number;
  readonly forceConflicts: boolean;
  /** Requests in flight at most. */
  readonly concurrency: number;
}

export const DEFAULT_CONCURRENCY = 8;

type Base = Omit<ApplyReport, 'objects'>;

/**
 * Apply one peer's desired objects to its cluster, safely:
 *  1. allowlist (kinds, namespaces, labels): any refusal stops the run before the first request;
 *  2. read the inventory and the live objects; plan what differs (fields meshfed manages);
 *  3. server-side dry run (dryRun=All) of EVERY desired object; if any fails nothing is applied;
 *  4. record the inventory as previous ∪ desired (and, as pending, any prune the guard refuses), then apply
 *     only the objects that differ;
 *  5. prune (only with --prune, only after a fully successful apply, guarded by selectPrune);
 *  6. shrink the inventory to what is meshfed's now, keeping refused prunes pending until --allow-mass-prune.
 */
export async function applyPeer(
  api: KubeApi,
  scope: PeerScope,
  desired: readonly RenderedObject[],
  options: ApplyPeerOptions,
): Promise<ApplyReport> {
  const base: Base = {
    peer: scope.peer,
    dryRun: options.dryRun,
    refusals: [],
    prune: options.prune ? { status: 'skipped', message: 'the run stopped before applying, so nothing is pruned' } : { status: 'not-requested', message: '' },
    inventory: { status: 'not-written', message: '' },
    errors: [],
    warnings: [],
  };
  const skippedAll = (message: string): ObjectResult[] =>
    desired.map((o) => ({ key: objectKey(o), outcome: 'skipped' as const, message }));

  const allowlist = checkAllowlist(desired, scope);
  if (allowlist.refusals.length > 0) {
    return {
      ...base,
      refusals: allowlist.refusals,
      errors: [`${allowlist.refusals.length} object(s) refused before contacting the cluster; nothing was applied`],
      objects: sortResults(skippedAll('not applied: other objects were refused')),
    };
  }

  let inventory: InventoryState;
  let live: Map<string, LiveObject>;
  try {
    inventory = await readInventory(api, scope);
    live = await readLiveState(api, scope, desired, inventory.status === 'ok' ? inventory.entries : [], options.concurrency);
  } catch (e) {
    return { ...base, errors: [`cannot read the cluster state: ${describeError(e)}`], objects: sortResults(skippedAll('not applied: the cluster state could not be read')) };
  }
  const warnings: string[] = [];
  if (inventory.status === 'corrupted') warnings.push(`the inventory is corrupted (${inventory.reason}); it is treated as lost and rewritten`);

  // Dry run of every object, and the server's opinion on whether the apply changes anything.
  const plan = planApply(desired, live, FIELD_MANAGER).objects;
  const dry = await mapWithConcurrency(plan, options.concurrency, async (p) => {
    const owner = otherPeerOwner(p.live?.metadata.labels, scope.peer);
    if (owner !== undefined) {
      const error =
        `the object in the cluster is meshfed's for peer "${owner}" (label ${LABEL_PEER}=${owner}); a runner never takes over ` +
        `another peer's object: give one of them another name or namespace, or remove it from peer ${owner}'s intents first`;
      return { p, action: p.action, error };
    }
    try {
      const result = await api.apply(toManifest(p.object), { dryRun: true, force: options.forceConflicts });
      if (p.removeFields.length > 0) await removeForeignFields(api, p, true);
      const action =
        p.action === 'configure' && p.live && p.removeFields.length === 0 && sameAfterApply(p.live, result, FIELD_MANAGER) ? 'unchanged' : p.action;
      return { p, action, error: undefined };
    } catch (e) {
      return { p, action: p.action, error: describeError(e) };
    }
  });
  const dryFailures = dry.filter((d) => d.error !== undefined);
  if (dryFailures.length > 0) {
    return {
      ...base,
      warnings,
      errors: [`the server-side dry run failed for ${dryFailures.length} object(s); nothing was applied`],
      objects: sortResults(
        dry.map((d) =>
          d.error !== undefined
            ? { key: d.p.key, outcome: 'failed' as const, message: `dry run: ${d.error}` }
            : { key: d.p.key, outcome: 'skipped' as const, message: 'not applied: the dry run of other objects failed' },
        ),
      ),
    };
  }

  const toWrite = dry.filter((d) => d.action !== 'unchanged');
  const unchanged = dry.filter((d) => d.action === 'unchanged').map((d) => unchangedResult(d.p));

  if (options.dryRun) {
    const planned = toWrite.map((d) => ({
      key: d.p.key,
      outcome: d.action === 'create' ? ('created' as const) : ('configured' as const),
      message: `would be ${d.action === 'create' ? 'created' : 'configured'}: ${d.p.reason}`,
      differences: d.p.differences,
    }));
    const pruned = options.prune ? await pruneObjects(api, scope, desired, inventory, live, true, options) : undefined;
    return {
      ...base,
      warnings: [...warnings, ...(pruned?.warnings ?? [])],
      prune: pruned?.prune ?? base.prune,
      inventory: { status: 'not-written', message: 'dry run' },
      objects: sortResults([...planned, ...unchanged, ...(pruned?.results ?? [])]),
    };
  }

  const recorded = inventoryBeforeApply(inventory, desired);
  // A prune the guard refuses is recorded before anything is applied, so a run that dies or fails half-way
  // cannot let the next run (whose inventory has grown) judge the same deletions afresh.
  const foreseen = options.prune
    ? selectPrune({
        inventory,
        desiredKeys: new Set(desired.map(objectKey)),
        live,
        scope,
        applySucceeded: true,
        allowMassPrune: options.allowMassPrune,
        ...(options.massPruneThreshold !== undefined ? { massPruneThreshold: options.massPruneThreshold } : {}),
      })
    : undefined;
  const refused = foreseen?.status === 'refused' ? foreseen.candidates.map((c) => c.entry) : [];
  const recordedPending = pendingPruneAfter({ previous: inventory, refused, massPruneAllowed: false, entries: recorded, desired });
  const preWrite =
    inventory.status !== 'ok' || !sameEntries(recorded, inventory.entries) || !sameEntries(recordedPending, inventory.pendingPrune ?? []);
  if (preWrite) {
    try {
      await writeInventory(api, scope, recorded, recordedPending);
    } catch (e) {
      return {
        ...base,
        warnings,
        inventory: { status: 'failed', message: describeError(e) },
        errors: ['cannot record the inventory before applying; nothing was applied'],
        objects: sortResults(skippedAll('not applied: the inventory could not be recorded')),
      };
    }
  }

  const applied = await mapWithConcurrency(toWrite, options.concurrency, async (d): Promise<ObjectResult> => {
    try {
      if (d.p.removeFields.length > 0) await removeForeignFields(api, d.p, false);
      await api.apply(toManifest(d.p.object), { dryRun: false, force: options.forceConflicts });
      return {
        key: d.p.key,
        outcome: d.action === 'create' ? 'created' : 'configured',
        message: d.p.reason,
        differences: d.p.differences,
      };
    } catch (e) {
      return { key: d.p.key, outcome: 'failed', message: describeError(e) };
    }
  });
  const applyOk = applied.every((r) => r.outcome !== 'failed');
  const errors = applyOk ? [] : [`${applied.filter((r) => r.outcome === 'failed').length} object(s) failed to apply`];

  let prune: ApplyReport['prune'] = base.prune;
  let pruneResults: ObjectResult[] = [];
  const prunedKeys = new Set<string>();
  let massPruneAllowed = false;
  if (options.prune) {
    const outcome = await pruneObjects(api, scope, desired, inventory, live, false, options, applyOk);
    prune = outcome.prune;
    pruneResults = outcome.results;
    warnings.push(...outcome.warnings);
    for (const r of outcome.results) if (r.outcome === 'pruned') prunedKeys.add(r.key);
    massPruneAllowed = options.allowMassPrune && (prune.status === 'done' || prune.status === 'failed');
  } else {
    const leftovers = selectPrune({ inventory, desiredKeys: new Set(desired.map(objectKey)), live, scope, applySucceeded: true, allowMassPrune: true });
    if (leftovers.status === 'prune' && leftovers.delete.length > 0) {
      warnings.push(`${leftovers.delete.length} object(s) meshfed applied are no longer desired; run with --prune to delete them`);
    }
  }

  const finalEntries = inventoryAfterApply({ recorded, desired, live, pruned: prunedKeys, scope });
  const finalPending = pendingPruneAfter({ previous: inventory, refused, massPruneAllowed, entries: finalEntries, desired });
  const inventoryResult = await finishInventory(api, scope, { entries: recorded, pending: recordedPending }, { entries: finalEntries, pending: finalPending }, preWrite);

  return {
    ...base,
    warnings,
    errors,
    prune,
    inventory: inventoryResult,
    objects: sortResults([...applied, ...unchanged, ...pruneResults]),
  };
}

/**
 * Server-side apply never removes a field another manager holds (kubectl edit, another tool), so a field such
 * as `spec.exportTo` added by hand would survive every apply. Before the apply, meshfed removes the foreign
 * fields under `spec` with a JSON Patch guarded by the resourceVersion it read (a concurrent change makes it
 * fail, and nothing is removed); the apply that follows then leaves exactly the desired spec.
 */
async function removeForeignFields(api: KubeApi, p: PlannedObject, dryRun: boolean): Promise<void> {
  const o = p.object;
  const ref = { apiVersion: o.apiVersion, kind: o.kind, namespace: o.metadata.namespace, name: o.metadata.name };
  await api.removeFields(ref, p.removeFields, p.live?.metadata.resourceVersion ?? '', { dryRun });
}

function unchangedResult(p: PlannedObject): ObjectResult {
  return { key: p.key, outcome: 'unchanged', message: '' };
}

interface InventoryContent {
  readonly entries: readonly InventoryEntry[];
  /** Entries whose prune was refused, held back until --allow-mass-prune. */
  readonly pending: readonly InventoryEntry[];
}

async function finishInventory(
  api: KubeApi,
  scope: PeerScope,
  recorded: InventoryContent,
  final: InventoryContent,
  preWritten: boolean,
): Promise<ApplyReport['inventory']> {
  const held = final.pending.length > 0 ? `; ${final.pending.length} of them held back from prune until --allow-mass-prune` : '';
  const message = `${final.entries.length} object(s) recorded in ConfigMap ${scope.inventoryNamespace}/${inventoryName(scope.peer)}${held}`;
  if (sameEntries(recorded.entries, final.entries) && sameEntries(recorded.pending, final.pending)) {
    return { status: preWritten ? 'written' : 'unchanged', message };
  }
  try {
    await writeInventory(api, scope, final.entries, final.pending);
    return { status: 'written', message };
  } catch (e) {
    return {
      status: 'failed',
      message: `could not shrink the inventory (${describeError(e)}); it still lists ${recorded.entries.length} object(s), which is safe: the next run corrects it`,
    };
  }
}

async function pruneObjects(
  api: KubeApi,
  scope: PeerScope,
  desired: readonly RenderedObject[],
  inventory: InventoryState,
  live: ReadonlyMap<string, LiveObject>,
  dryRun: boolean,
  options: ApplyPeerOptions,
  applySucceeded = true,
): Promise<{ prune: ApplyReport['prune']; results: ObjectResult[]; warnings: string[] }> {
  const decision = selectPrune({
    inventory,
    desiredKeys: new Set(desired.map(objectKey)),
    live,
    scope,
    applySucceeded,
    allowMassPrune: options.allowMassPrune,
    ...(options.massPruneThreshold !== undefined ? { massPruneThreshold: options.massPruneThreshold } : {}),
  });
  if (decision.status === 'skipped') return { prune: { status: 'skipped', message: decision.reason }, results: [], warnings: [] };
  if (decision.status === 'refused') {
    return { prune: { status: 'refused', message: `${decision.reason}; nothing was pruned` }, results: [], warnings: [] };
  }
  const results = await mapWithConcurrency(decision.delete, options.concurrency, async (c: PruneCandidate): Promise<ObjectResult> => {
    try {
      const r = await api.delete({ ...c.entry }, { dryRun, uid: c.uid });
      const note = r === 'not-found' ? 'already gone' : dryRun ? 'would be pruned: no longer desired' : 'no longer desired';
      return { key: c.key, outcome: 'pruned', message: note };
    } catch (e) {
      return { key: c.key, outcome: 'failed', message: `prune: ${describeError(e)}` };
    }
  });
  const failed = results.filter((r) => r.outcome === 'failed').length;
  const skipped = decision.skipped.map((s) => `${s.key}: ${s.reason}`);
  return {
    prune: failed > 0 ? { status: 'failed', message: `${failed} object(s) could not be pruned` } : { status: 'done', message: `${results.length} object(s) ${dryRun ? 'would be ' : ''}pruned` },
    results,
    warnings: skipped.length > 0 ? [`not pruned (left alone): ${skipped.join('; ')}`] : [],
  };
}
