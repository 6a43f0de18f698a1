import { isPlainObject } from '../load/describe-value.js';

/**
 * Field paths as server-side apply tracks them: maps are walked key by key, and every list is one leaf.
 * The Istio CRDs declare their lists atomic (no `x-kubernetes-list-type: map` on the fields meshfed
 * renders), so a list is owned, compared and replaced as a whole, exactly like the API server does.
 */
export type FieldPath = readonly string[];

export function pathKey(path: FieldPath): string {
  return JSON.stringify(path);
}

/** `.spec.trafficPolicy.tls.mode`, the notation the API server uses in conflict messages. */
export function formatFieldPath(path: FieldPath): string {
  return path.length === 0 ? '.' : `.${path.join('.')}`;
}

/** Leaves of a value: scalars, lists, and empty maps; non-empty maps are walked. */
export function valueLeaves(value: unknown, prefix: FieldPath = []): FieldPath[] {
  const out: FieldPath[] = [];
  collect(value, prefix, out);
  return out;
}

function collect(value: unknown, path: FieldPath, out: FieldPath[]): void {
  if (isPlainObject(value)) {
    const keys = Object.keys(value).filter((k) => value[k] !== undefined);
    if (keys.length > 0) {
      for (const k of keys.sort()) collect(value[k], [...path, k], out);
      return;
    }
  }
  if (path.length > 0) out.push(path);
}

/**
 * Leaves of a managedFields `fieldsV1` trie (`{"f:spec": {"f:host": {}}}`), cut at lists: a node whose
 * children are list items (`k:`, `v:`, `i:`) is one leaf, like a list in `valueLeaves`. `f:status` is
 * ignored: meshfed never applies status.
 */
export function fieldsV1Leaves(fieldsV1: unknown): FieldPath[] {
  const out: FieldPath[] = [];
  if (isPlainObject(fieldsV1)) walk(fieldsV1, [], out);
  return out;
}

function walk(node: Record<string, unknown>, path: FieldPath, out: FieldPath[]): void {
  const keys = Object.keys(node);
  const listItems = keys.some((k) => k.startsWith('k:') || k.startsWith('v:') || k.startsWith('i:'));
  const fields = keys.filter((k) => k.startsWith('f:'));
  if (listItems || fields.length === 0) {
    if (path.length > 0) out.push(path);
    return;
  }
  for (const f of fields.sort()) {
    const name = f.slice(2);
    if (path.length === 0 && name === 'status') continue;
    const child = node[f];
    walk(isPlainObject(child) ? child : {}, [...path, name], out);
  }
}

export function getPath(value: unknown, path: FieldPath): unknown {
  let cur: unknown = value;
  for (const seg of path) {
    if (!isPlainObject(cur) || !Object.hasOwn(cur, seg)) return undefined;
    cur = cur[seg];
  }
  return cur;
}

/** Every proper and improper prefix of the given paths, as path keys. */
export function prefixKeys(paths: readonly FieldPath[]): Set<string> {
  const out = new Set<string>();
  for (const p of paths) for (let i = 1; i <= p.length; i++) out.add(pathKey(p.slice(0, i)));
  return out;
}

/** True when some prefix (or the path itself) of `path` is in `keys`. */
export function hasAncestorOrSelf(path: FieldPath, keys: ReadonlySet<string>): boolean {
  for (let i = 1; i <= path.length; i++) if (keys.has(pathKey(path.slice(0, i)))) return true;
  return false;
}
