/** Short, human descriptions of YAML values and field paths for messages. */

export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === 'number') return Number.isFinite(value) ? `the number ${value}` : `the number ${String(value)}`;
  if (typeof value === 'boolean') return `the boolean ${value}`;
  return typeof value;
}

/** Scalars are worth quoting back to the user; lists and mappings are not. */
export function isScalar(value: unknown): boolean {
  return value === null || (typeof value !== 'object' && value !== undefined);
}

/** `spec.ports[0].name`, `spec.eastWest.selector["Bad Key"]`. */
export function pathText(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else {
      const s = String(seg);
      out += /^[A-Za-z_][A-Za-z0-9_]*$/.test(s) ? (out === '' ? s : `.${s}`) : `[${JSON.stringify(s)}]`;
    }
  }
  return out;
}

/** The value at `path` in plain data, and whether the path exists at all. */
export function valueAt(data: unknown, path: readonly PropertyKey[]): { exists: boolean; value: unknown } {
  let cur: unknown = data;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return { exists: false, value: undefined };
    const key = typeof seg === 'symbol' ? seg.toString() : String(seg);
    if (!Object.hasOwn(cur, key)) return { exists: false, value: undefined };
    cur = (cur as Record<string, unknown>)[key];
  }
  return { exists: true, value: cur };
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
