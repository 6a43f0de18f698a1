import type { RenderedObject } from '../render/rendered-object.js';
import { jsonEqual } from '../plan/json-equal.js';
import {
  fieldsV1Leaves,
  getPath,
  hasAncestorOrSelf,
  pathKey,
  prefixKeys,
  valueLeaves,
  type FieldPath,
} from './field-paths.js';
import type { LiveObject, ManagedFieldsEntry } from './live-object.js';
import { compareStrings } from '../compare-strings.js';

/** One field where the cluster differs from the desired state. `desired` undefined: apply would remove it. */
export interface FieldDifference {
  readonly path: FieldPath;
  readonly desired: unknown;
  readonly live: unknown;
}

export interface LiveComparison {
  /** Fields meshfed manages whose live value differs from the desired one (sorted by path). */
  readonly differences: readonly FieldDifference[];
  /** Desired fields that meshfed does not (co-)own yet: an apply records ownership, even with equal values. */
  readonly unownedFields: readonly FieldPath[];
  /** The API version meshfed last applied with, if any. */
  readonly appliedApiVersion: string | undefined;
}

/**
 * The comparable view of an object: labels, annotations and every top-level body field (spec). Empty label
 * and annotation maps are left out: the API server does not keep them, so they are never "owned".
 */
function view(labels: object, annotations: object, body: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const metadata: Record<string, unknown> = {};
  if (Object.keys(labels).length > 0) metadata.labels = labels;
  if (Object.keys(annotations).length > 0) metadata.annotations = annotations;
  return Object.keys(metadata).length > 0 ? { ...body, metadata } : { ...body };
}

function desiredView(o: RenderedObject): Record<string, unknown> {
  return view(o.metadata.labels, o.metadata.annotations, { spec: o.spec });
}

function liveView(o: LiveObject): Record<string, unknown> {
  return view(o.metadata.labels, o.metadata.annotations, o.body);
}

/** The managedFields entries server-side apply wrote for `fieldManager` on the main resource. */
export function appliedEntries(live: LiveObject, fieldManager: string): ManagedFieldsEntry[] {
  return live.metadata.managedFields.filter((m) => m.manager === fieldManager && m.operation === 'Apply' && !m.subresource);
}

function ownedLeaves(live: LiveObject, fieldManager: string): FieldPath[] {
  return appliedEntries(live, fieldManager).flatMap((m) => fieldsV1Leaves(m.fieldsV1));
}

/**
 * Field-by-field comparison of the fields meshfed manages: every field of the desired object, plus every
 * field meshfed owns in the cluster (per managedFields) that the desired object no longer sets; those
 * would be removed by the next apply. Fields other managers set and meshfed never owned are not meshfed's
 * business and are ignored.
 */
export function compareWithLive(desired: RenderedObject, live: LiveObject, fieldManager: string): LiveComparison {
  const want = desiredView(desired);
  const have = liveView(live);
  const desiredLeaves = valueLeaves(want);
  const differences: FieldDifference[] = [];
  for (const p of desiredLeaves) {
    const d = getPath(want, p);
    const l = getPath(have, p);
    if (!jsonEqual(d, l)) differences.push({ path: p, desired: d, live: l });
  }
  const owned = ownedLeaves(live, fieldManager);
  const desiredPrefixes = prefixKeys(desiredLeaves);
  const desiredKeys = new Set(desiredLeaves.map(pathKey));
  for (const p of owned) {
    if (desiredPrefixes.has(pathKey(p)) || hasAncestorOrSelf(p, desiredKeys)) continue;
    const l = getPath(have, p);
    if (l !== undefined) differences.push({ path: p, desired: undefined, live: l });
  }
  const ownedPrefixes = prefixKeys(owned);
  const ownedKeys = new Set(owned.map(pathKey));
  const unownedFields = desiredLeaves.filter((p) => !ownedPrefixes.has(pathKey(p)) && !hasAncestorOrSelf(p, ownedKeys));
  differences.sort((a, b) => compareStrings(pathKey(a.path), pathKey(b.path)));
  return { differences, unownedFields, appliedApiVersion: appliedEntries(live, fieldManager)[0]?.apiVersion };
}

/**
 * The server's answer to "would this apply change anything?": the dry-run result of the apply against the
 * live object. Equal labels, annotations and body, and the same fields owned by meshfed, mean the real apply
 * would be a no-op, so it is skipped.
 */
export function sameAfterApply(live: LiveObject, dryRunResult: LiveObject, fieldManager: string): boolean {
  if (!jsonEqual(liveView(live), liveView(dryRunResult))) return false;
  const before = new Set(ownedLeaves(live, fieldManager).map(pathKey));
  const after = new Set(ownedLeaves(dryRunResult, fieldManager).map(pathKey));
  return before.size === after.size && [...after].every((k) => before.has(k));
}
