/**
 * One mis-indented key makes the `yaml` parser report an error at every later line of the mapping it broke
 * ("All mapping items must start at the same column", "Implicit keys need to be on a single line", ...): ten
 * errors in the parser's words for one mistake. When a document has syntax errors, this scan of its lines finds
 * the first line whose indentation fits no open mapping or list and says so in operator terms, so the parser's
 * knock-on errors after it can be dropped. The fix it proposes is one re-indented line, and it is checked: with
 * that line moved, the scan finds the document consistent. It follows the block style intents are written in
 * (mappings, `- ` lists, `|`/`>` text blocks) and gives up (undefined) on anything else (flow collections over
 * several lines, quoted text over several lines, tabs, very long lines), leaving the parser's errors as they are.
 */
export interface IndentationMistake {
  /** 1-based line and column of the line to re-indent. */
  readonly line: number;
  readonly col: number;
  /** The first line whose parser errors follow from this mistake. */
  readonly from: number;
  /** The fix the hint proposes: line `line` indented by `indent` spaces (checked to make the document consistent). */
  readonly fix: { readonly line: number; readonly indent: number };
  readonly message: string;
  readonly hint: string;
}

interface Level {
  /** Column (0-based) where this mapping's keys, or this list's dashes, start. */
  readonly col: number;
  /** Whether the level's latest key sits after a `- ` on its line (a list item's first key). */
  inItem: boolean;
  /** The latest key (`-` for a list item) at this level, and its 1-based line. */
  key: string;
  line: number;
  /** Keys (or items) seen at this level so far, and the keys themselves. */
  count: number;
  readonly keys: Set<string>;
}

/** Where the scan stopped: a line whose indentation fits nothing open above it. */
type Finding =
  | { readonly kind: 'between'; readonly lower: Level; readonly upper: Level }
  | { readonly kind: 'over'; readonly top: Level }
  | { readonly kind: 'under-first'; readonly first: Level }
  | { readonly kind: 'key-among-items'; readonly items: Level; readonly upper: Level | undefined }
  | { readonly kind: 'item-among-keys'; readonly keys: Level; readonly upper: Level | undefined }
  | { readonly kind: 'separator' };

/** The finding, its line, and the levels open just before that line (outermost first). */
type Located = Finding & { readonly n: number; readonly col: number; readonly body: string; readonly open: readonly Level[] };

/** A way to fix the finding: move `line` by `shift` columns (right when positive). */
interface Candidate {
  readonly line: number;
  readonly shift: number;
  readonly message: string;
  readonly hint: string;
}

/** Longer lines are not scanned: KEY's lazy match is quadratic in a line's length at worst, and input is untrusted. */
const MAX_LINE = 1000;

/** `key:` or `key: value` (plain, single- or double-quoted key). */
const KEY = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"\-?:,[\]{}][^#]*?|-[^\s#][^#]*?)\s*:(?:\s+(.*))?$/;

/** The first indentation mistake in lines `first`..`last` (1-based) of a document, with a checked fix. */
export function findIndentationMistake(lines: readonly string[], first: number, last: number): IndentationMistake | undefined {
  const found = scan(lines, first, last, false);
  if (found === undefined || typeof found === 'string') return undefined;
  const candidates = [...candidatesFor(found), ...otherColumns(found, lines, first, last)];
  // Of the fixes that work, the smallest move is the likeliest intent ("ports" one space off goes back one space).
  const works = candidates.filter((c) => {
    const fixed = [...lines];
    const text = lines[c.line - 1] ?? '';
    const indent = text.length - text.trimStart().length + c.shift;
    if (indent < 0) return false;
    fixed[c.line - 1] = ' '.repeat(indent) + text.trimStart();
    return scan(fixed, first, last, true) === undefined;
  });
  const chosen = works.reduce<Candidate | undefined>((best, c) => (best === undefined || Math.abs(c.shift) < Math.abs(best.shift) ? c : best), undefined) ?? (candidates[0] as Candidate);
  const col = chosen.line === found.n ? found.col : Math.max(0, (lines[chosen.line - 1] ?? '').search(/\S/));
  const fix = { line: chosen.line, indent: col + chosen.shift };
  return { fix, line: chosen.line, col: col + 1, from: Math.min(chosen.line, fromOf(found, lines, first)), message: chosen.message, hint: chosen.hint };
}

/**
 * The first line whose parser errors follow from the finding: the parser often reports a mis-indented line at the
 * end of the line before it (the value it now seems to continue).
 */
function fromOf(found: Located, lines: readonly string[], first: number): number {
  for (let m = found.n - 1; m >= first; m--) {
    const body = (lines[m - 1] ?? '').trim();
    if (body !== '' && !body.startsWith('#')) return m;
  }
  return found.n;
}

/**
 * Undefined: consistent; 'unknown': something this scan does not follow; 'duplicate' (only when `strict`, to
 * check a fix): a key repeated in one mapping, which a re-indented line can cause.
 */
function scan(lines: readonly string[], first: number, last: number, strict: boolean): Located | 'unknown' | 'duplicate' | undefined {
  const levels: Level[] = [];
  /** The previous line ended in `key:` or is a bare `-`: a deeper level may start. */
  let opens = false;
  /** Inside a `|` or `>` text block: lines indented deeper than this column are its text. */
  let textBlock: number | undefined;
  for (let n = first; n <= last && n <= lines.length; n++) {
    const text = lines[n - 1] ?? '';
    const body = text.trimStart();
    if (body === '' || body.startsWith('#')) continue;
    const col = text.length - body.length;
    if (textBlock !== undefined) {
      if (col > textBlock) continue;
      textBlock = undefined;
    }
    const at = { n, col, body, open: [...levels] };
    if (/^(---|\.\.\.)(\s|$)/.test(body)) {
      if (col === 0) {
        // The next document starts from nothing.
        levels.length = 0;
        opens = false;
        continue;
      }
      return { kind: 'separator', ...at };
    }
    if (body.startsWith('%')) continue;
    if (text.slice(0, col).includes('\t') || text.length > MAX_LINE) return 'unknown';

    const item = body === '-' || body.startsWith('- ');
    let upper: Level | undefined; // the shallowest level deeper than this line, when it dedents
    while (levels.length > 0 && (levels.at(-1) as Level).col > col) upper = levels.pop();
    // A list written at its key's own column (`ports:` then `- name: ...` under it) ends at the next key there.
    if (!item && levels.at(-1)?.key === '-' && levels.at(-2)?.col === col) upper = levels.pop();
    const top = levels.at(-1);
    if (top === undefined && upper !== undefined) return { kind: 'under-first', first: upper, ...at };
    if (top !== undefined && top.col < col) {
      if (upper !== undefined) return { kind: 'between', lower: top, upper, ...at };
      if (!opens) return { kind: 'over', top, ...at };
    }
    if (top === undefined || top.col < col || (item && opens && top.key !== '-')) {
      levels.push({ col, key: item ? '-' : '', line: n, count: 0, inItem: false, keys: new Set() });
    } else if (item !== (top.key === '-')) {
      return item ? { kind: 'item-among-keys', keys: top, upper, ...at } : { kind: 'key-among-items', items: top, upper, ...at };
    }
    const parsed = readLine(body, col);
    if (parsed === undefined) return 'unknown';
    const level = levels.at(-1) as Level;
    if (parsed.key !== '-' && level.keys.has(parsed.key) && strict) return 'duplicate';
    level.keys.add(parsed.key);
    level.key = parsed.key;
    level.line = n;
    level.count++;
    level.inItem = false;
    opens = parsed.opens;
    if (parsed.inner !== undefined) {
      // `- key: value`: the item's mapping continues at the column of `key`.
      levels.push({ col: parsed.inner.col, key: parsed.inner.key, line: n, count: 1, inItem: true, keys: new Set([parsed.inner.key]) });
      opens = parsed.inner.opens;
    }
    if (parsed.textBlock) textBlock = parsed.inner?.col ?? col;
  }
  return undefined;
}

/**
 * The fixes worth trying for a finding, most likely first: the line itself moved to the column of an open mapping
 * (for a key) or list (for a `- ` item), deepest first, then the key before it moved to the line's column.
 */
function candidatesFor(f: Located): Candidate[] {
  const key = keyOf(f.body);
  const item = f.body === '-' || f.body.startsWith('- ');
  const problem = describe(f, key);
  const moves: Candidate[] = [...f.open]
    .reverse()
    .filter((level) => level.col !== f.col && (level.key === '-') === item)
    .map((level) => ({
      line: f.n,
      shift: level.col - f.col,
      message: problem,
      hint: item ? `indent it by ${spaces(level.col)} like the item on line ${level.line}` : `indent it by ${spaces(level.col)} like ${name(level)} on line ${level.line}`,
    }));
  if (f.kind === 'separator') return [{ line: f.n, shift: -f.col, message: problem, hint: `start "${f.body.slice(0, 3)}" in the first column` }];
  const earlier = earlierLevels(f);
  const realign = earlier.filter((level) => level.key !== '-').map((level) => earlierKeyOutOfLine(level, f, key));
  // A document's first key that is out of line with the rest is more likely the one to move.
  return f.kind === 'under-first' ? [...realign, ...moves] : [...moves, ...realign];
}

/** The keys before the finding that may be the ones out of line. */
function earlierLevels(f: Located): Level[] {
  // A dedent to no open column: any mapping it left (innermost first) or the one it is in may be out of line.
  const left = f.open.filter((level) => level.col > f.col).reverse();
  const levels = f.kind === 'between' ? [...left, f.lower] : f.kind === 'over' ? [f.top] : f.kind === 'under-first' ? [f.first] : f.kind === 'key-among-items' ? left : [];
  return levels.filter((level) => level.key !== '-');
}

/**
 * When no move to a column the scan knew of works (the mapping's right column shows only in later lines, as in
 * `   owners:` above a list and `  trustDomain:` below it), the finding's line or the key before it moved to any
 * column used in the document.
 */
function otherColumns(f: Located, lines: readonly string[], first: number, last: number): Candidate[] {
  const columns = new Set<number>();
  for (let n = first; n <= last && n <= lines.length; n++) {
    const text = lines[n - 1] ?? '';
    const body = text.trimStart();
    if (body !== '' && !body.startsWith('#')) columns.add(text.length - body.length);
  }
  const sorted = [...columns].sort((a, b) => a - b);
  const item = f.body === '-' || f.body.startsWith('- ');
  const out: Candidate[] = [];
  for (const col of sorted) {
    if (col !== f.col) out.push({ line: f.n, shift: col - f.col, message: describe(f, keyOf(f.body)), hint: `indent it by ${spaces(col)}${likeLine(lines, first, last, f.n, col, item)}` });
  }
  for (const level of earlierLevels(f)) {
    const text = lines[level.line - 1] ?? '';
    const indent = text.length - text.trimStart().length;
    for (const col of sorted) {
      if (col === indent) continue;
      out.push({
        line: level.line,
        shift: col - indent,
        message: `${name(level)} on line ${level.line} is indented by ${spaces(indent)}, which does not line it up with the keys of its mapping`,
        hint: `indent line ${level.line} by ${spaces(col)}${likeLine(lines, first, last, level.line, col, level.inItem)}`,
      });
    }
  }
  return out;
}

/** ` like "key" on line L`: the nearest line of the same sort (key or list item) at that column, if any. */
function likeLine(lines: readonly string[], first: number, last: number, n: number, col: number, item: boolean): string {
  // Later lines first: the column a mapping keeps after the line is the one it should have.
  const order: number[] = [];
  for (let m = n + 1; m <= last; m++) order.push(m);
  for (let m = n - 1; m >= first; m--) order.push(m);
  {
    for (const m of order) {
      const text = lines[m - 1] ?? '';
      const body = text.trimStart();
      if (body === '' || body.startsWith('#') || text.length - body.length !== col) continue;
      const isItem = body === '-' || body.startsWith('- ');
      if (isItem !== item) continue;
      return isItem ? ` like the item on line ${m}` : ` like ${keyOf(body)} on line ${m}`;
    }
  }
  return '';
}

/** What is wrong with the finding's line, in operator terms. */
function describe(f: Located, key: string): string {
  switch (f.kind) {
    case 'separator':
      return `"${f.body.slice(0, 3)}" is indented, so YAML does not read it as the line between two documents`;
    case 'between':
      return `${key} is indented by ${spaces(f.col)}, which lines it up with no other key`;
    case 'over':
      return `${key} is indented deeper than ${name(f.top)} on line ${f.top.line}, which already has a value, so YAML reads it as part of that value`;
    case 'under-first':
      return `${key} is indented by ${spaces(f.col)}, less than ${name(f.first)} on line ${f.first.line}, the document's first key`;
    case 'key-among-items':
      return `${key} starts at the column of the list's "- " items (line ${f.items.line}), where only another item can start`;
    case 'item-among-keys':
      return `this list item starts at the column of the keys beside ${name(f.keys)} (line ${f.keys.line}), not of a list`;
  }
}

/**
 * The key before the finding may be the one out of line (a mapping's first key sets the column of all its keys):
 * move it to the finding's column. A `- key:` line moves as a whole, dash included.
 */
function earlierKeyOutOfLine(earlier: Level, f: Located, key: string): Candidate {
  const shift = f.col - earlier.col;
  const where = `${name(earlier)} on line ${earlier.line}`;
  return {
    line: earlier.line,
    shift,
    message: `${where} is indented by ${spaces(earlier.col)}, but ${key} after it on line ${f.n} by ${spaces(f.col)}`,
    hint: earlier.line === f.n || !isItemLine(earlier)
      ? `indent ${name(earlier)} by ${spaces(f.col)} like ${key}: the keys of one mapping start in the same column`
      : `move line ${earlier.line} ${spaces(Math.abs(shift))} to the ${shift > 0 ? 'right' : 'left'}, so that ${name(earlier)} lines up with ${key}`,
  };
}

interface ParsedLine {
  readonly key: string;
  /** The line ends in `key:` or is a bare `-`: a nested block follows. */
  readonly opens: boolean;
  /** The value starts a `|` or `>` text block. */
  readonly textBlock: boolean;
  /** For `- key: ...`, the mapping that starts inside the item. */
  readonly inner?: { readonly col: number; readonly key: string; readonly opens: boolean };
}

/** One line of block YAML; undefined for what this scan does not follow (flow collections, multi-line quotes). */
function readLine(body: string, col: number): ParsedLine | undefined {
  if (body === '-' || body.startsWith('- ')) {
    const rest = body.slice(1).trimStart();
    if (rest === '' || rest.startsWith('#')) return { key: '-', opens: true, textBlock: false };
    const inner = readValue(rest);
    if (inner === undefined) return undefined;
    if (inner.key === undefined) return { key: '-', opens: false, textBlock: inner.textBlock };
    return { key: '-', opens: false, textBlock: inner.textBlock, inner: { col: col + (body.length - rest.length), key: inner.key, opens: inner.opens } };
  }
  const value = readValue(body);
  if (value === undefined || value.key === undefined) return undefined;
  return { key: value.key, opens: value.opens, textBlock: value.textBlock };
}

function readValue(text: string): { key: string | undefined; opens: boolean; textBlock: boolean } | undefined {
  const m = KEY.exec(text);
  const value = (m ? (m[2] ?? '') : text).replace(/\s+#.*$/, '').trim();
  if (/^[[{]/.test(value) && !balanced(value)) return undefined;
  if (/^["']/.test(value) && !(value.length > 1 && value.endsWith(value[0] as string))) return undefined;
  return { key: m ? unquote(m[1] as string) : undefined, opens: m !== null && value === '', textBlock: /^[|>][-+0-9]*$/.test(value) };
}

function balanced(value: string): boolean {
  let depth = 0;
  for (const c of value) {
    if (c === '[' || c === '{') depth++;
    if (c === ']' || c === '}') depth--;
  }
  return depth === 0;
}

function unquote(key: string): string {
  return /^["']/.test(key) ? key.slice(1, -1) : key.trim();
}

function keyOf(body: string): string {
  const m = KEY.exec(body.startsWith('- ') ? body.slice(2).trimStart() : body);
  return m ? `"${unquote(m[1] as string)}"` : 'this line';
}

function isItemLine(level: Level): boolean {
  return level.inItem;
}

function name(level: Level): string {
  return level.key === '-' ? 'the list item' : `"${level.key}"`;
}

function spaces(n: number): string {
  return n === 1 ? '1 space' : `${n} spaces`;
}
