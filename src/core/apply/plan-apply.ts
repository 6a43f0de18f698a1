import { objectKey, type RenderedObject } from '../render/rendered-object.js';
import { compareWithLive, type FieldDifference } from './compare-with-live.js';
import type { FieldPath } from './field-paths.js';
import type { LiveObject } from './live-object.js';

export type PlannedAction = 'create' | 'configure' | 'unchanged';

export interface PlannedObject {
  readonly key: string;
  readonly object: RenderedObject;
  readonly action: PlannedAction;
  /** Why `configure`: the fields that differ (empty when only ownership or the API version changes). */
  readonly differences: readonly FieldDifference[];
  readonly reason: string;
  readonly live: LiveObject | undefined;
  /** Foreign fields (another manager's, under spec, not desired): removed before the apply. */
  readonly removeFields: readonly FieldPath[];
}

export interface ApplyPlan {
  readonly objects: readonly PlannedObject[];
}

/**
 * What to apply: every desired object missing in the cluster is created; an existing one is configured when
 * a field meshfed manages differs, when meshfed does not own all of its desired fields yet, or when it was
 * last applied with another API version; otherwise it is unchanged and no request is sent for it.
 * `live` holds the cluster's objects by `objectKey`.
 */
export function planApply(
  desired: readonly RenderedObject[],
  live: ReadonlyMap<string, LiveObject>,
  fieldManager: string,
): ApplyPlan {
  const objects = desired.map((object): PlannedObject => {
    const key = objectKey(object);
    const current = live.get(key);
    if (!current) return { key, object, action: 'create', differences: [], reason: 'not in the cluster', live: undefined, removeFields: [] };
    const cmp = compareWithLive(object, current, fieldManager);
    const base = { key, object, live: current, removeFields: cmp.foreignFields };
    if (cmp.differences.length > 0) {
      const foreign = cmp.foreignFields.length > 0 ? `, ${cmp.foreignFields.length} of them set by another field manager` : '';
      return { ...base, action: 'configure', differences: cmp.differences, reason: `${cmp.differences.length} field(s) differ${foreign}` };
    }
    if (cmp.unownedFields.length > 0) {
      return { ...base, action: 'configure', differences: [], reason: `meshfed does not own ${cmp.unownedFields.length} desired field(s) yet` };
    }
    if (cmp.appliedApiVersion !== object.apiVersion) {
      return { ...base, action: 'configure', differences: [], reason: `last applied as ${cmp.appliedApiVersion ?? 'another API version'}, desired ${object.apiVersion}` };
    }
    return { ...base, action: 'unchanged', differences: [], reason: 'as desired' };
  });
  return { objects };
}
