import { isScalar, Schema, type ScalarTag } from 'yaml';
import { YAML_PARSE_OPTIONS } from './yaml-options.js';

/**
 * A fast path in front of the `yaml` package for the plain block YAML intents are written in. Measured reason
 * (docs/benchmarks.md, "Parsing"): `yaml`'s lexer, CST parser and composer take about 3.5 s for the 7 MB of a
 * 1,000-peer federation on the project's 2-core machine, more than the whole validate-and-render budget; this
 * reader takes about a tenth of that on the same files.
 *
 * It accepts only a strict subset and answers `undefined` for everything else, so the caller parses the file
 * with `yaml` exactly as before (and so reports every problem with `yaml`'s positions): printable ASCII and
 * newlines only (no tabs, CR, BOM or other characters); block mappings with plain keys; block sequences (also
 * at their parent key's indentation, and `- key: value` compact mappings); single-line plain scalars without
 * spaces, single-line single-quoted and escape-free double-quoted scalars; one-line flow sequences of such
 * scalars; `{}`; comments; `---` document markers. No anchors, aliases, tags, directives, block scalars,
 * multi-line scalars, flow mappings, complex or duplicate keys. Plain scalars are resolved with the very tags of
 * `yaml`'s core schema (`Schema.tags`: null, bool, int, float), as `yaml`'s composer does, so for every text it
 * accepts the values equal what `parseAllDocuments(text, YAML_PARSE_OPTIONS)` + `toJS()` gives, and `yaml`
 * would report no error or warning (test/core/parse/simple-yaml.test.ts checks both on generated texts).
 */
export interface SimpleDocument {
  /** The document as `toJS()` gives it; `null` for an empty document. */
  readonly value: unknown;
  /** Only comments, or nothing, between its markers (`yaml` gives such a document a null scalar). */
  readonly empty: boolean;
}

/** Every document of `text` in order (empty ones included, as `yaml` counts them), or undefined: use `yaml`. */
export function parseSimpleYaml(text: string): SimpleDocument[] | undefined {
  if (OUTSIDE_SUBSET_CHARACTER.test(text)) return undefined;
  try {
    return splitDocuments(text).map((lines) => (lines.length === 0 ? { value: null, empty: true } : { value: new BlockReader(text, lines).root(), empty: false }));
  } catch (e) {
    if (e === FALLBACK) return undefined;
    throw e;
  }
}

/** Anything but printable ASCII and LF (tabs, CR, BOM, non-ASCII text): left to `yaml`. */
const OUTSIDE_SUBSET_CHARACTER = /[^\n\x20-\x7e]/;

/** Thrown (never escapes this module) when the text leaves the subset. */
const FALLBACK: unique symbol = Symbol('fallback to yaml');

function fallback(): never {
  throw FALLBACK;
}

/** Deeper than this, `yaml` decides (it reports yaml/too-deep at 64). */
const MAX_DEPTH = 40;
/** `yaml` rejects implicit keys over 1024 characters. */
const MAX_KEY_LENGTH = 512;

const SPACE = 32;
const HASH = 35;
const DASH = 45;
const COLON = 58;

/** Character classes by code unit (a table lookup per character instead of a regex test). */
function charClass(chars: string): Uint8Array {
  const table = new Uint8Array(128);
  for (const range of chars.match(/.-.|./g) ?? []) {
    const from = range.charCodeAt(0);
    const to = range.length === 3 ? range.charCodeAt(2) : from;
    for (let c = from; c <= to; c++) table[c] = 1;
  }
  return table;
}
const KEY_START = charClass('A-Za-z0-9_');
const KEY_CHAR = charClass('A-Za-z0-9_./-');
const FLOW_ITEM_CHAR = charClass('A-Za-z0-9_./~+=-');
/** First characters of every non-string plain scalar of the core schema (null `~`/`null`, bools, numbers, `.inf`). */
const MAY_NOT_BE_STRING = charClass('~nNtTfF0-9+.-');
/** A plain scalar without spaces, indicators or a trailing colon (`a:b` is one scalar; `a:` would be a key). */
const PLAIN_VALUE = /^[A-Za-z0-9_./~+=-](?:[A-Za-z0-9_./~+=:-]*[A-Za-z0-9_./~+=-])?$/;
const MARKER_REST = /^(?: +(?:#.*)?)?$/;

interface Line {
  /** Column of the first character. */
  readonly indent: number;
  /** Offset of the first character (after the indentation) and of the line's end. */
  readonly start: number;
  readonly end: number;
}

/** Lines with content per document, split on `---` as `yaml` does (comments before the first marker make no document). */
function splitDocuments(text: string): Line[][] {
  const docs: Line[][] = [];
  let current: Line[] = [];
  let started = false;
  for (let start = 0; start <= text.length; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    let i = start;
    while (text.charCodeAt(i) === SPACE) i++;
    if (i < end && text.charCodeAt(i) !== HASH) {
      if (i === start && (text.startsWith('---', start) || text.startsWith('...', start))) {
        if (!text.startsWith('---', start) || !MARKER_REST.test(text.slice(start + 3, end))) fallback();
        if (started || current.length > 0) docs.push(current);
        current = [];
        started = true;
      } else {
        if (i === start && text.charCodeAt(i) === 37 /* % directive */) fallback();
        current.push({ indent: i - start, start: i, end });
      }
    }
    start = end + 1;
  }
  if (started || current.length > 0) docs.push(current);
  return docs;
}

const CORE_TAGS: readonly ScalarTag[] = (new Schema({ schema: YAML_PARSE_OPTIONS.schema, resolveKnownTags: false, customTags: [] }).tags as ScalarTag[]).filter(
  (t) => t.test !== undefined,
);
const RESOLVE_OPTIONS = { intAsBigInt: false } as Parameters<NonNullable<ScalarTag['resolve']>>[2];

/** A plain scalar as `yaml`'s composer resolves it (composeScalar -> findScalarTagByTest): the first core tag whose test matches. */
function resolvePlain(source: string, atKey: boolean): unknown {
  if (source !== '' && MAY_NOT_BE_STRING[source.charCodeAt(0)] !== 1) return source;
  for (const tag of CORE_TAGS) {
    if ((tag.default === true || (atKey && tag.default === 'key')) && tag.test?.test(source)) {
      const v = tag.resolve(source, fallback, RESOLVE_OPTIONS);
      return isScalar(v) ? v.value : v;
    }
  }
  return source;
}

class BlockReader {
  private pos = 0;

  constructor(
    private readonly text: string,
    private readonly lines: Line[],
  ) {}

  root(): unknown {
    const value = this.block(this.lines[0] as Line, 0);
    if (this.pos !== this.lines.length) fallback();
    return value;
  }

  private block(first: Line, depth: number): unknown {
    if (depth > MAX_DEPTH) fallback();
    if (this.isSeqItem(first)) return this.sequence(first.indent, depth);
    if (this.startsMapEntry(first.start, first.end)) return this.mapping(first.indent, depth);
    // A node on a line of its own (`{}`, `[a, b]`, a scalar): nothing may continue it on the next lines.
    this.pos++;
    return this.inline(first.start, first.end);
  }

  private isSeqItem(line: Line): boolean {
    const t = this.text;
    return t.charCodeAt(line.start) === DASH && (line.start + 1 === line.end || t.charCodeAt(line.start + 1) === SPACE);
  }

  /** The value of a `key:` or `-` with nothing after it on its line: a nested block, or null. */
  private nested(col: number, depth: number, sequenceAtSameIndent: boolean): unknown {
    const next = this.lines[this.pos];
    if (next === undefined) return null;
    if (next.indent > col) return this.block(next, depth + 1);
    if (sequenceAtSameIndent && next.indent === col && this.isSeqItem(next)) return this.sequence(col, depth + 1);
    return null;
  }

  private mapping(col: number, depth: number): Record<string, unknown> {
    const t = this.text;
    const out: Record<string, unknown> = {};
    while (this.pos < this.lines.length) {
      const line = this.lines[this.pos] as Line;
      if (line.indent < col) break;
      if (line.indent > col || this.isSeqItem(line)) fallback();
      let k = line.start;
      if (KEY_START[t.charCodeAt(k)] !== 1) fallback();
      while (k < line.end && t.charCodeAt(k) !== COLON) {
        if (KEY_CHAR[t.charCodeAt(k)] !== 1) fallback();
        k++;
      }
      if (k === line.end || k - line.start > MAX_KEY_LENGTH) fallback();
      const key = t.slice(line.start, k);
      if (typeof resolvePlain(key, true) !== 'string' || key === '__proto__' || Object.hasOwn(out, key)) fallback();
      let j = k + 1;
      if (j < line.end && t.charCodeAt(j) !== SPACE) fallback();
      while (j < line.end && t.charCodeAt(j) === SPACE) j++;
      this.pos++;
      out[key] = j === line.end || t.charCodeAt(j) === HASH ? this.nested(col, depth, true) : this.inline(j, line.end);
    }
    return out;
  }

  private sequence(col: number, depth: number): unknown[] {
    const t = this.text;
    const out: unknown[] = [];
    while (this.pos < this.lines.length) {
      const line = this.lines[this.pos] as Line;
      if (line.indent < col) break;
      if (line.indent > col) fallback();
      if (!this.isSeqItem(line)) break;
      let j = line.start + 1;
      while (j < line.end && t.charCodeAt(j) === SPACE) j++;
      if (j === line.end || t.charCodeAt(j) === HASH) {
        this.pos++;
        out.push(this.nested(col, depth, false));
      } else if (t.charCodeAt(j) === DASH && (j + 1 === line.end || t.charCodeAt(j + 1) === SPACE)) {
        fallback();
      } else if (this.startsMapEntry(j, line.end)) {
        // `- key: value`: a mapping whose keys sit at the column of `key`.
        const compact: Line = { indent: col + (j - line.start), start: j, end: line.end };
        this.lines[this.pos] = compact;
        out.push(this.mapping(compact.indent, depth + 1));
      } else {
        this.pos++;
        out.push(this.inline(j, line.end));
      }
    }
    return out;
  }

  private startsMapEntry(j: number, end: number): boolean {
    const t = this.text;
    let k = j;
    while (k < end && KEY_CHAR[t.charCodeAt(k)] === 1) k++;
    return k > j && t.charCodeAt(k) === COLON && (k + 1 === end || t.charCodeAt(k + 1) === SPACE);
  }

  /** A value on the rest of a line, followed by nothing or a comment. */
  private inline(j: number, end: number): unknown {
    const t = this.text;
    let value: unknown;
    let k: number;
    const c = t[j];
    if (c === '"' || c === "'") {
      ({ value, next: k } = this.quoted(j, end));
    } else if (c === '[') {
      ({ value, next: k } = this.flowSequence(j, end));
    } else if (c === '{') {
      if (t[j + 1] !== '}') fallback();
      value = {};
      k = j + 2;
    } else {
      k = j;
      while (k < end && t.charCodeAt(k) !== SPACE) k++;
      const source = t.slice(j, k);
      if (source === '-' || !PLAIN_VALUE.test(source)) fallback();
      value = resolvePlain(source, false);
    }
    this.endOfLine(k, end);
    return value;
  }

  /** Only spaces, or at least one space and a comment, may follow a value. */
  private endOfLine(k: number, end: number): void {
    const t = this.text;
    let i = k;
    while (i < end && t.charCodeAt(i) === SPACE) i++;
    if (i < end && (i === k || t.charCodeAt(i) !== HASH)) fallback();
  }

  private quoted(j: number, end: number): { value: string; next: number } {
    const t = this.text;
    const q = t[j] as string;
    if (q === '"') {
      const close = t.indexOf('"', j + 1);
      if (close < 0 || close >= end) fallback();
      const value = t.slice(j + 1, close);
      if (value.includes('\\')) fallback();
      return { value, next: close + 1 };
    }
    let k = j + 1;
    for (;;) {
      const close = t.indexOf("'", k);
      if (close < 0 || close >= end) fallback();
      if (t[close + 1] === "'") {
        k = close + 2;
        continue;
      }
      return { value: t.slice(j + 1, close).replaceAll("''", "'"), next: close + 1 };
    }
  }

  /** `[a, "b", 'c']` on one line; `[]`. */
  private flowSequence(j: number, end: number): { value: unknown[]; next: number } {
    const t = this.text;
    const out: unknown[] = [];
    let k = j + 1;
    const skip = () => {
      while (k < end && t.charCodeAt(k) === SPACE) k++;
    };
    skip();
    if (t[k] === ']') return { value: out, next: k + 1 };
    for (;;) {
      skip();
      const c = t[k];
      if (c === '"' || c === "'") {
        const q = this.quoted(k, end);
        out.push(q.value);
        k = q.next;
      } else {
        const from = k;
        while (k < end && FLOW_ITEM_CHAR[t.charCodeAt(k)] === 1) k++;
        const source = t.slice(from, k);
        if (source === '' || source === '-') fallback();
        out.push(resolvePlain(source, false));
      }
      skip();
      if (t[k] === ']') return { value: out, next: k + 1 };
      if (t[k] !== ',') fallback();
      k++;
    }
  }
}
