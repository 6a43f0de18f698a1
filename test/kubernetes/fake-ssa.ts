/**
 * Server-side apply as the API server does it, reduced to what meshfed relies on (lists atomic, like the
 * Istio CRDs declare them): field ownership per manager, conflicts with other managers' fields unless
 * forced, removal of fields the applier owned and no longer sets, and a resourceVersion that moves only
 * when the object (or its managed fields) really changed.
 * See https://kubernetes.io/docs/reference/using-api/server-side-apply/
 *
 * What this fake is still for, now that test/integration/ runs against a real kube-apiserver: it borrows the
 * production field-paths.ts, so it can never prove that code right. The truth about server-side apply, field
 * ownership, conflicts, JSON Patch, dry runs, CRD validation and RBAC is test/integration/ (run with the real
 * binaries, in CI too). The fake stays for what a real server cannot give on demand: injected faults (429 with
 * Retry-After, 5xx, dropped connections, answers lost after the server acted, timeouts), fast unit tests of the
 * runner's decisions (hundreds of cases in seconds, and without the binaries), and the apply benchmark. Where
 * the two disagree, the real server wins: e.g. the real server answers an undeclared field with a 500 (this fake
 * does not model CRD schemas), and a failed JSON Patch `test` with a bare 422 (modelled here after it).
 */
import { isPlainObject } from '../../src/core/load/describe-value.js';
import { jsonEqual } from '../../src/core/plan/json-equal.js';
import { formatFieldPath, getPath, pathKey, valueLeaves, type FieldPath } from '../../src/core/apply/field-paths.js';

export interface Ownership {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  leaves: FieldPath[];
}

export interface StoredObject {
  apiVersion: string;
  kind: string;
  name: string;
  namespace: string;
  uid: string;
  resourceVersion: string;
  generation: number;
  /** labels, annotations (under metadata) and body fields (spec, data), as in the comparable view. */
  view: Record<string, unknown>;
  owners: Ownership[];
}

export interface Conflict {
  manager: string;
  field: string;
}

/** The fields an apply body sets: labels, annotations and every top-level field but apiVersion/kind/metadata/status. */
export function viewOf(body: Record<string, unknown>): Record<string, unknown> {
  const meta = isPlainObject(body.metadata) ? body.metadata : {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) if (!['apiVersion', 'kind', 'metadata', 'status'].includes(k)) out[k] = structuredClone(v);
  const metadata: Record<string, unknown> = {};
  if (isPlainObject(meta.labels) && Object.keys(meta.labels).length > 0) metadata.labels = structuredClone(meta.labels);
  if (isPlainObject(meta.annotations) && Object.keys(meta.annotations).length > 0) metadata.annotations = structuredClone(meta.annotations);
  if (Object.keys(metadata).length > 0) out.metadata = metadata;
  return out;
}

export function setPath(target: Record<string, unknown>, path: FieldPath, value: unknown): void {
  let cur = target;
  for (const seg of path.slice(0, -1)) {
    if (!isPlainObject(cur[seg])) cur[seg] = {};
    cur = cur[seg] as Record<string, unknown>;
  }
  cur[path[path.length - 1] as string] = structuredClone(value);
}

export function deletePath(target: Record<string, unknown>, path: FieldPath): void {
  const parents: Record<string, unknown>[] = [target];
  let cur: unknown = target;
  for (const seg of path.slice(0, -1)) {
    if (!isPlainObject(cur) || !isPlainObject(cur[seg])) return;
    cur = cur[seg];
    parents.push(cur as Record<string, unknown>);
  }
  delete (cur as Record<string, unknown>)[path[path.length - 1] as string];
  // Drop maps emptied by the removal, like the API server does for fields nobody sets any more.
  for (let i = parents.length - 1; i > 0; i--) {
    if (Object.keys(parents[i] as object).length > 0) break;
    delete (parents[i - 1] as Record<string, unknown>)[path[i - 1] as string];
  }
}

function sameLeaves(a: readonly FieldPath[], b: readonly FieldPath[]): boolean {
  const ka = new Set(a.map(pathKey));
  return a.length === b.length && b.every((p) => ka.has(pathKey(p)));
}

function ownersEqual(a: readonly Ownership[], b: readonly Ownership[]): boolean {
  return (
    a.length === b.length &&
    a.every((o) => b.some((p) => p.manager === o.manager && p.operation === o.operation && p.apiVersion === o.apiVersion && sameLeaves(p.leaves, o.leaves)))
  );
}

/**
 * Apply `config` as `manager` to `existing` (undefined: create). Returns the new view and owners, whether
 * anything changed, or the conflicts that stop it.
 */
export function serverSideApply(
  existing: Pick<StoredObject, 'view' | 'owners'> | undefined,
  config: Record<string, unknown>,
  manager: string,
  apiVersion: string,
  force: boolean,
): { conflicts: Conflict[] } | { view: Record<string, unknown>; owners: Ownership[]; changed: boolean; specChanged: boolean } {
  const configView = viewOf(config);
  const configLeaves = valueLeaves(configView);
  const configKeys = new Set(configLeaves.map(pathKey));
  if (!existing) {
    return { view: configView, owners: [{ manager, operation: 'Apply', apiVersion, leaves: configLeaves }], changed: true, specChanged: true };
  }
  const others = existing.owners.filter((o) => !(o.manager === manager && o.operation === 'Apply'));
  const conflicts: Conflict[] = [];
  for (const o of others) {
    for (const leaf of o.leaves) {
      if (configKeys.has(pathKey(leaf)) && !jsonEqual(getPath(existing.view, leaf), getPath(configView, leaf))) {
        conflicts.push({ manager: o.manager, field: formatFieldPath(leaf) });
      }
    }
  }
  if (conflicts.length > 0 && !force) return { conflicts };
  const lost = new Set(conflicts.map((c) => `${c.manager}\u0000${c.field}`));
  const newOthers = others
    .map((o) => ({ ...o, leaves: o.leaves.filter((l) => !lost.has(`${o.manager}\u0000${formatFieldPath(l)}`)) }))
    .filter((o) => o.leaves.length > 0);
  const previous = existing.owners.find((o) => o.manager === manager && o.operation === 'Apply');
  const ownedByOthers = new Set(newOthers.flatMap((o) => o.leaves.map(pathKey)));
  const view = structuredClone(existing.view);
  for (const leaf of previous?.leaves ?? []) {
    if (!configKeys.has(pathKey(leaf)) && !ownedByOthers.has(pathKey(leaf))) deletePath(view, leaf);
  }
  for (const leaf of configLeaves) setPath(view, leaf, getPath(configView, leaf));
  const owners = [...newOthers, { manager, operation: 'Apply' as const, apiVersion, leaves: configLeaves }].sort((a, b) =>
    a.manager < b.manager ? -1 : a.manager > b.manager ? 1 : 0,
  );
  const changed = !jsonEqual(view, existing.view) || !ownersEqual(owners, existing.owners);
  const specChanged = !jsonEqual({ ...view, metadata: undefined }, { ...existing.view, metadata: undefined });
  return { view, owners, changed, specChanged };
}

/** A plain update by `manager` (kubectl edit, a controller): changed fields move to that manager. */
export function update(existing: StoredObject, mutate: (view: Record<string, unknown>) => void, manager: string): boolean {
  const view = structuredClone(existing.view);
  mutate(view);
  const before = new Map(valueLeaves(existing.view).map((p) => [pathKey(p), p]));
  const after = valueLeaves(view);
  const changedLeaves = after.filter((p) => !before.has(pathKey(p)) || !jsonEqual(getPath(existing.view, p), getPath(view, p)));
  if (jsonEqual(view, existing.view)) return false;
  const changedKeys = new Set(changedLeaves.map(pathKey));
  const afterKeys = new Set(after.map(pathKey));
  const owners = existing.owners
    .map((o) => ({ ...o, leaves: o.leaves.filter((l) => !changedKeys.has(pathKey(l)) && afterKeys.has(pathKey(l))) }))
    .filter((o) => o.leaves.length > 0 || o.manager === manager);
  const mine = owners.find((o) => o.manager === manager && o.operation === 'Update');
  if (mine) mine.leaves = [...mine.leaves, ...changedLeaves];
  else if (changedLeaves.length > 0) owners.push({ manager, operation: 'Update', apiVersion: existing.apiVersion, leaves: changedLeaves });
  existing.view = view;
  existing.owners = owners.filter((o) => o.leaves.length > 0);
  return true;
}

/** managedFields as the API server returns them. */
export function managedFields(owners: readonly Ownership[]): Record<string, unknown>[] {
  return owners.map((o) => ({
    manager: o.manager,
    operation: o.operation,
    apiVersion: o.apiVersion,
    time: '2025-01-01T00:00:00Z',
    fieldsType: 'FieldsV1',
    fieldsV1: fieldsV1(o.leaves),
  }));
}

function fieldsV1(leaves: readonly FieldPath[]): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const leaf of leaves) {
    let cur = root;
    for (const seg of leaf) {
      const k = `f:${seg}`;
      if (!isPlainObject(cur[k])) cur[k] = {};
      cur = cur[k] as Record<string, unknown>;
    }
  }
  return root;
}
