/**
 * A small, fast YAML emitter for rendered objects (mappings, lists, strings, numbers, booleans, null), in
 * block style: the same layout the `yaml` package produces with `indentSeq: true` and no line folding, at a
 * fraction of its cost (rendering 1,000 peers serialises ~100,000 objects).
 *
 * A string is written plain only when every YAML reader meshfed's output meets reads it back as that same
 * string: not a null, boolean, number or timestamp under the YAML 1.2 core schema *or* YAML 1.1 (kubectl and
 * most Kubernetes tooling read 1.1: `on`, `no`, `y`, `0755`, `1_000`, `12:30`, `2024-01-01` are not strings
 * there), and free of characters that mean something in plain scalars. Everything else is double-quoted with
 * JSON-compatible escapes. test/core/render/yaml-emitter.test.ts checks round trips under both schemas.
 */

/** Scalars that resolve to something other than a string in YAML 1.2 core or YAML 1.1 (the `yaml` package's schema regexes). */
const NUMERIC_OR_TIME: readonly RegExp[] = [
  /^[-+]?\.(?:inf|Inf|INF)$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
  /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/,
  /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/,
  /^0o[0-7]+$/,
  /^[-+]?0b[0-1_]+$/,
  /^[-+]?0x[0-9a-fA-F_]+$/,
  /^[-+]?[0-9][0-9_]*$/,
  /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/,
  /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}/,
];

/** Null and boolean spellings of YAML 1.2 core and 1.1, plus 1.1's merge and value keys. */
const RESERVED_WORDS = new Set([
  '', '~', 'null', 'Null', 'NULL',
  'y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON',
  'n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF',
  '.nan', '.NaN', '.NAN', '<<', '=',
]);

/** Characters a plain scalar may contain anywhere (no quotes, no flow or comment indicators at the start). */
const PLAIN_SAFE = /^[A-Za-z0-9_./][A-Za-z0-9_./@%+=~*,:()-]*$/;

/**
 * Rendered objects repeat the same strings (keys, namespaces, hosts, labels) hundreds of thousands of times at a
 * large federation: each string's form is worked out once (a pure function of the string), in a bounded memo.
 */
const MEMO_LIMIT = 100_000;
const memo = new Map<string, string>();

/** `s` as a YAML scalar: plain when unambiguous for YAML 1.1 and 1.2 readers, double-quoted otherwise. */
export function yamlString(s: string): string {
  let out = memo.get(s);
  if (out === undefined) {
    out = plainIsSafe(s) ? s : doubleQuoted(s);
    if (memo.size >= MEMO_LIMIT) memo.clear();
    if (s.length <= 256) memo.set(s, out);
  }
  return out;
}

function plainIsSafe(s: string): boolean {
  if (s.length <= 5 && RESERVED_WORDS.has(s)) return false;
  if (!PLAIN_SAFE.test(s)) return false;
  if (s.endsWith(':') || s.includes(': ')) return false;
  const c = s.charCodeAt(0);
  const numericStart = (c >= 48 && c <= 57) || c === 46; // 0-9 or "."
  return !(numericStart && NUMERIC_OR_TIME.some((re) => re.test(s)));
}

function doubleQuoted(s: string): string {
  // JSON escapes are valid YAML double-quoted escapes; also escape what YAML 1.1 treats as line breaks
  // (U+0085, U+2028, U+2029), the C1 controls and BOM. JSON.stringify already escapes C0 controls and lone
  // surrogates; valid surrogate pairs stay literal, which every YAML reader accepts inside double quotes.
  return JSON.stringify(s).replace(/[\u007f-\u009f\u2028\u2029\ufeff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function scalar(v: unknown): string | undefined {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'string':
      return yamlString(v);
    case 'number':
      if (!Number.isFinite(v)) return Number.isNaN(v) ? '.nan' : v > 0 ? '.inf' : '-.inf';
      return Object.is(v, -0) ? '-0' : String(v);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'bigint':
      return v.toString();
    default:
      return undefined;
  }
}

/** `[]` / `{}` for an empty list / mapping (a mapping whose values are all undefined counts as empty). */
function emptyCollection(v: unknown): string | undefined {
  if (Array.isArray(v)) return v.length === 0 ? '[]' : undefined;
  if (v !== null && typeof v === 'object') {
    for (const k in v) if ((v as Record<string, unknown>)[k] !== undefined) return undefined;
    return '{}';
  }
  return undefined;
}

const PADS: string[] = [];
function pad(n: number): string {
  let p = PADS[n];
  if (p === undefined) {
    p = ' '.repeat(n);
    PADS[n] = p;
  }
  return p;
}

/**
 * Sorts short key lists in place in UTF-16 code-unit order (as `Array.prototype.sort` and canonical-object.ts).
 * Why not `keys.sort()`: V8's sort allocates its work state on every call, and serialising sorts the keys of every
 * mapping of every object (87,000 objects at 1,000 peers): 407 of the 1,158 MB allocated while rendering and
 * serialising the bench's 1,000 peers (V8 sampling heap profile, objects collected by GC included). With this
 * insertion sort, which allocates nothing: 768 MB, and serialising takes ~410 instead of ~520 ms.
 */
function sortKeysInPlace(keys: string[]): void {
  if (keys.length > 16) {
    keys.sort();
    return;
  }
  for (let i = 1; i < keys.length; i++) {
    const k = keys[i] as string;
    let j = i - 1;
    while (j >= 0 && (keys[j] as string) > k) {
      keys[j + 1] = keys[j] as string;
      j--;
    }
    keys[j + 1] = k;
  }
}

interface Writer {
  text: string;
}

/**
 * `lead` + `key:` (lead: a line's indentation, or `- ` after it), memoised: rendered objects repeat the same keys
 * at the same depths, and the line start is otherwise a fresh string for every entry of every mapping.
 */
const KEY_LINES = new Map<string, Map<string, string>>();
let keyLineCount = 0;
function keyLine(lead: string, key: string): string {
  let byKey = KEY_LINES.get(lead);
  if (byKey === undefined) KEY_LINES.set(lead, (byKey = new Map()));
  let line = byKey.get(key);
  if (line === undefined) {
    line = `${lead}${yamlString(key)}:`;
    if (keyLineCount >= MEMO_LIMIT) {
      KEY_LINES.clear();
      keyLineCount = 0;
      KEY_LINES.set(lead, (byKey = new Map()));
    }
    if (key.length <= 256) {
      byKey.set(key, line);
      keyLineCount++;
    }
  }
  return line;
}

/**
 * Entries of a non-empty mapping at `indent`. `first` replaces the indentation of the first line: a list item
 * writes its mapping as `- key: ...` with the following keys aligned under `key`.
 */
function emitMapping(obj: Record<string, unknown>, indent: number, first: string | undefined, w: Writer, sortKeys: boolean): void {
  const keys = Object.keys(obj);
  if (sortKeys) sortKeysInPlace(keys);
  const here = pad(indent);
  let lead = first ?? here;
  for (const key of keys) {
    const v = obj[key];
    if (v === undefined) continue;
    w.text += keyLine(lead, key);
    lead = here;
    const s = scalar(v) ?? emptyCollection(v);
    if (s !== undefined) w.text += ` ${s}\n`;
    else {
      w.text += '\n';
      emitNode(v, indent + 2, undefined, w, sortKeys);
    }
  }
}

function emitSequence(items: readonly unknown[], indent: number, first: string | undefined, w: Writer, sortKeys: boolean): void {
  const here = pad(indent);
  let lead = first ?? here;
  for (const item of items) {
    const prefix = `${lead}- `;
    lead = here;
    const s = scalar(item === undefined ? null : item) ?? emptyCollection(item);
    if (s !== undefined) w.text += `${prefix}${s}\n`;
    else emitNode(item, indent + 2, prefix, w, sortKeys);
  }
}

function emitNode(v: unknown, indent: number, first: string | undefined, w: Writer, sortKeys: boolean): void {
  if (Array.isArray(v)) emitSequence(v, indent, first, w, sortKeys);
  else emitMapping(v as Record<string, unknown>, indent, first, w, sortKeys);
}

export interface EmitOptions {
  /** Sort the keys of every mapping (lists keep their order). Default false: keys in insertion order. */
  readonly sortKeys?: boolean;
}

/**
 * `key:` followed by `value` nested in block style at `indent + 2` (or inline when it is a scalar or empty),
 * each line ending with a newline.
 */
export function emitKeyValue(key: string, value: unknown, indent: number, options: EmitOptions = {}): string {
  const w: Writer = { text: `${pad(indent)}${yamlString(key)}:` };
  const s = scalar(value) ?? emptyCollection(value);
  if (s !== undefined) return `${w.text} ${s}\n`;
  w.text += '\n';
  emitNode(value, indent + 2, undefined, w, options.sortKeys ?? false);
  return w.text;
}

/** One YAML document body (no `---`) for a mapping, ending with a newline. */
export function emitYamlDocument(doc: Record<string, unknown>, options: EmitOptions = {}): string {
  if (emptyCollection(doc) !== undefined) return '{}\n';
  const w: Writer = { text: '' };
  emitMapping(doc, 0, undefined, w, options.sortKeys ?? false);
  return w.text;
}
