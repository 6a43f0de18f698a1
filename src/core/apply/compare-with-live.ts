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
  /** Field managers other than meshfed that hold the live field (per managedFields), e.g. `kubectl-edit`. */
  readonly managers?: readonly string[];
  /**
   * A field under `spec` that meshfed does not set and another manager holds (a hand edit such as
   * `spec.exportTo`): server-side apply alone never removes it, so apply removes it first (see apply-peer.ts).
   */
  readonly foreign?: true;
}

export interface LiveComparison {
  /** Fields meshfed manages whose live value differs from the desired one (sorted by path). */
  readonly differences: readonly FieldDifference[];
  /** Desired fields that meshfed does not (co-)own yet: an apply records ownership, even with equal values. */
  readonly unownedFields: readonly FieldPath[];
  /** The API version meshfed last applied with, if any. */
  readonly appliedApiVersion: string | undefined;
  /** Paths of the foreign fields among `differences`: what apply must remove before it applies. */
  readonly foreignFields: readonly FieldPath[];
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

/** Every other manager's entry on the main resource (not meshfed's Apply entry), with the leaves it holds. */
function otherOwners(live: LiveObject, fieldManager: string): { manager: string; leaves: FieldPath[] }[] {
  return live.metadata.managedFields
    .filter((m) => !m.subresource && !(m.manager === fieldManager && m.operation === 'Apply'))
    .map((m) => ({ manager: m.manager, leaves: fieldsV1Leaves(m.fieldsV1) }));
}

/** True when one path is a prefix of (or equal to) the other. */
function overlaps(a: FieldPath, b: FieldPath): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}

function managersOf(path: FieldPath, owners: readonly { manager: string; leaves: FieldPath[] }[]): string[] {
  return [...new Set(owners.filter((o) => o.leaves.some((l) => overlaps(l, path))).map((o) => o.manager))].sort(compareStrings);
}

/**
 * Field-by-field comparison of the fields meshfed manages: every field of the desired object, plus every
 * field meshfed owns in the cluster (per managedFields) that the desired object no longer sets; those
 * would be removed by the next apply. Under `spec`, fields other managers hold and meshfed does not set
 * are differences too (`foreign`): a meshfed object's spec is the intents' alone, and an added
 * `exportTo` or `portLevelSettings` changes what the mesh does. Outside `spec` (labels and annotations other
 * tools add) they are not meshfed's business and are ignored. Each difference names the other managers
 * holding the live field.
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
  const others = otherOwners(live, fieldManager);
  const foreignFields: FieldPath[] = [];
  const seen = new Set(differences.map((d) => pathKey(d.path)));
  for (const p of others.flatMap((o) => o.leaves)) {
    if (p[0] !== 'spec' || p.length < 2 || seen.has(pathKey(p))) continue;
    if (desiredLeaves.some((d) => overlaps(d, p)) || owned.some((o) => overlaps(o, p))) continue;
    const l = getPath(have, p);
    if (l === undefined) continue;
    seen.add(pathKey(p));
    foreignFields.push(p);
    differences.push({ path: p, desired: undefined, live: l, foreign: true });
  }
  const named = differences.map((d) => {
    const managers = managersOf(d.path, others);
    return managers.length > 0 ? { ...d, managers } : d;
  });
  named.sort((a, b) => compareStrings(pathKey(a.path), pathKey(b.path)));
  foreignFields.sort((a, b) => compareStrings(pathKey(a), pathKey(b)));
  return { differences: named, unownedFields, appliedApiVersion: appliedEntries(live, fieldManager)[0]?.apiVersion, foreignFields };
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
