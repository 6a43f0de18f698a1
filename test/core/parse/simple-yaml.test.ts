import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineCounter, parseAllDocuments, type Document } from 'yaml';
import { syntheticFederation } from '../../../bench/synthetic-federation.js';
import { checkDocumentNodes } from '../../../src/core/parse/check-document-nodes.js';
import { parseSimpleYaml } from '../../../src/core/parse/simple-yaml.js';
import { YAML_PARSE_OPTIONS } from '../../../src/core/parse/yaml-options.js';

/** What `yaml` (the reference) makes of a text: documents with values, and whether it had anything to say. */
function reference(text: string): { docs: { value: unknown; empty: boolean }[]; clean: boolean } {
  const lines = new LineCounter();
  const parsed = parseAllDocuments(text, { ...YAML_PARSE_OPTIONS, lineCounter: lines }) as Document[] | { errors: unknown[] };
  if (!Array.isArray(parsed)) return { docs: [], clean: parsed.errors.length === 0 };
  let clean = true;
  const docs = (parsed as Document[]).map((d) => {
    if (d.errors.length > 0 || d.warnings.length > 0 || checkDocumentNodes('x.yaml', d, lines).length > 0) clean = false;
    const c = d.contents as { value?: unknown; range?: number[] } | null;
    const empty = c === null || (c.value === null && c.range !== undefined && c.range[0] === c.range[1]);
    return { value: clean ? d.toJS() : undefined, empty };
  });
  return { docs, clean };
}

/** Equality that tells -0 from 0, NaN from anything, key order and prototypes apart. */
function strictlyEqual(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return Object.is(a, b);
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const ak = Object.keys(a);
  const bk = Object.keys(b);
  if (ak.length !== bk.length || ak.some((k, i) => k !== bk[i])) return false;
  return ak.every((k) => strictlyEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** The property: whenever the fast path answers, `yaml` reads the text cleanly and to the same documents. */
let accepted = 0;
function agreesWithYaml(text: string): boolean {
  const fast = parseSimpleYaml(text);
  if (fast === undefined) return true;
  accepted++;
  const ref = reference(text);
  expect(ref.clean, `yaml has something to say about ${JSON.stringify(text)}`).toBe(true);
  expect(fast.length, JSON.stringify(text)).toBe(ref.docs.length);
  fast.forEach((d, i) => {
    const r = ref.docs[i] as { value: unknown; empty: boolean };
    expect(d.empty, JSON.stringify(text)).toBe(r.empty);
    if (!d.empty) expect(strictlyEqual(d.value, r.value), `${JSON.stringify(text)}: ${JSON.stringify(d.value)} vs ${JSON.stringify(r.value)}`).toBe(true);
  });
  return true;
}

// Scalars as written. Mostly ones the fast path takes (every core-schema form: null, bool, int, octal, hex, float,
// inf, nan, and look-alikes that stay strings), sometimes ones it must leave to yaml.
const PLAIN = ['a', 'echo', 'x-peer', 'true', 'True', 'FALSE', 'yes', 'on', 'null', 'Null', '~', '0', '-0', '+1', '010', '0o17', '0x1F', '0xg', '1e3', '1.5', '.5', '-.inf', '.NaN', '.nan', '1_000', '12:30', 'a:b', 'SHA256:AB:CD', '10.0.0.1', 'a/b', '=', '--', '-a', '...', '__proto__', 'p0001-svc3'];
const QUOTED = ['"a"', '""', "''", "'it''s'", '"a: b"', '"# not a comment"', "'a # b'", '"@org/team"', '"1.30"', "''''", '"a\'b"', "'back\\slash'"];
const EDGY = ['a:', '-', ':a', '?a', '@a', '*a', '&a', '!a', '%a', '|', '>', 'a#b', 'a b', '"\\n"', "'''", '"back\\\\slash"'];
const KEYS = ['a', 'b', 'name', 'spec', 'x-peer', 'app.kubernetes.io/name', '_x', 'y', 'a.b', 'on', 'Null_'];
const EDGY_KEYS = ['1', 'true', 'null', '~', '__proto__', 'a b', 'a:b', '-a', '"q"', "'k'", '<<'];

type Tree = { s: string } | { m: [string, Tree][] } | { l: Tree[] };

const scalar = fc
  .oneof({ arbitrary: fc.constantFrom(...PLAIN), weight: 18 }, { arbitrary: fc.constantFrom(...QUOTED), weight: 9 }, { arbitrary: fc.constantFrom(...EDGY), weight: 1 })
  .map((s): Tree => ({ s }));
const key = fc.oneof({ arbitrary: fc.constantFrom(...KEYS), weight: 30 }, { arbitrary: fc.constantFrom(...EDGY_KEYS), weight: 1 });

const trees = fc.letrec<{ node: Tree; map: Tree; list: Tree }>((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('map'), tie('list')),
  map: fc.uniqueArray(fc.tuple(key, tie('node')), { maxLength: 4, selector: ([k]) => k }).map((m): Tree => ({ m })),
  list: fc.array(tie('node'), { maxLength: 4 }).map((l): Tree => ({ l })),
}));
/** A document is a mapping (as every intent is), sometimes a list. */
const tree: fc.Arbitrary<Tree> = fc.oneof({ arbitrary: trees.map, weight: 4 }, { arbitrary: trees.list, weight: 1 });

interface Style {
  readonly step: number;
  readonly seqIndented: boolean;
  readonly compact: boolean;
  readonly flow: boolean;
  readonly comments: boolean;
}

function emit(t: Tree, indent: number, st: Style, out: string[]): void {
  const pad = ' '.repeat(indent);
  const note = st.comments ? '  # note' : '';
  if ('s' in t) {
    out.push(`${pad}${t.s}${note}`);
  } else if ('m' in t) {
    if (t.m.length === 0) out.push(`${pad}{}`);
    for (const [k, v] of t.m) {
      if ('s' in v) out.push(`${pad}${k}: ${v.s}${note}`);
      else if ('l' in v && st.flow && v.l.every((x) => 's' in x)) out.push(`${pad}${k}: [${v.l.map((x) => (x as { s: string }).s).join(', ')}]`);
      else {
        out.push(`${pad}${k}:${note}`);
        emit(v, 'l' in v && !st.seqIndented ? indent : indent + st.step, st, out);
      }
    }
  } else {
    if (t.l.length === 0) out.push(`${pad}[]`);
    for (const item of t.l) {
      if ('s' in item) out.push(`${pad}- ${item.s}`);
      else if ('m' in item && st.compact && item.m.length > 0) {
        const inner: string[] = [];
        emit(item, indent + 2, st, inner);
        out.push(`${pad}- ${(inner[0] as string).trimStart()}`, ...inner.slice(1));
      } else {
        out.push(`${pad}-`);
        emit(item, indent + st.step, st, out);
      }
    }
  }
}

const style: fc.Arbitrary<Style> = fc.record({
  step: fc.integer({ min: 1, max: 4 }),
  seqIndented: fc.boolean(),
  compact: fc.boolean(),
  flow: fc.boolean(),
  comments: fc.boolean(),
});

const document = fc.tuple(tree, style).map(([t, st]) => {
  const out: string[] = [];
  emit(t, 0, st, out);
  return out.join('\n');
});

export const stream = fc
  .tuple(fc.array(document, { minLength: 1, maxLength: 3 }), fc.constantFrom('---\n', '--- \n', '--- # next\n', '---\n# only a comment\n---\n'), fc.boolean(), fc.boolean())
  .map(([docs, marker, leading, trailing]) => `${leading ? '# head\n---\n' : ''}${docs.join(`\n${marker}`)}${trailing ? '\n' : ''}`);

/** Edits that push a text over every edge of the subset: indentation, indicators, quotes, markers. */
const mutated = fc
  .tuple(stream, fc.array(fc.tuple(fc.nat(), fc.nat(3), fc.constantFrom(' ', '  ', ':', ': ', '-', '- ', '#', ' #', '"', "'", '\n', '[', ']', ',', '{', '}', '&', '*', '!', '|', '\t', '\r', 'a', '1', '.', '~', '?', '---\n', '...', '%')), { maxLength: 4 }))
  .map(([text, edits]) => {
    let t = text;
    for (const [at, del, ins] of edits) {
      const i = at % (t.length + 1);
      t = t.slice(0, i) + ins + t.slice(i + del);
    }
    return t;
  });

describe('parseSimpleYaml: the fast path reads exactly what yaml reads, or leaves the text to yaml', () => {
  it('GIVEN generated YAML streams in many styles WHEN the fast path answers THEN yaml reads them cleanly to the same documents', () => {
    accepted = 0;
    fc.assert(fc.property(stream, agreesWithYaml), { numRuns: 3000 });
    // The property has teeth only if the fast path takes a good share of the texts.
    expect(accepted).toBeGreaterThan(300);
  });

  it('GIVEN generated YAML with random edits WHEN the fast path answers THEN yaml reads them cleanly to the same documents', () => {
    accepted = 0;
    fc.assert(fc.property(mutated, agreesWithYaml), { numRuns: 6000 });
    expect(accepted).toBeGreaterThan(300);
  });

  it.each([
    ['core-schema scalars', 'a: 010\nb: 0o17\nc: 0x1F\nd: 1e3\ne: .inf\nf: -.Inf\ng: .NaN\nh: ~\ni: Null\nj: TRUE\nk: -0\nl: 12:30\nm: 1_000\n'],
    ['a sequence at its key\'s indentation, compact mappings, flow lists, comments', 'spec:\n  ports:\n  - name: http # c\n    number: 80\n  - {}\n  hosts: [a, "b", \'c\']\n  empty: []\n  none:\n# c\nz: 1\n'],
    ['empty documents around markers', '# head\n---\na: 1\n---\n# nothing\n---\n---\nb: [1]\n---\n'],
    ['a nested sequence under a dash', '-\n  - a\n  -\n    x: 1\n- b\n'],
  ])('GIVEN %s WHEN read THEN the fast path takes it and agrees with yaml', (_name, text) => {
    expect(parseSimpleYaml(text)).toBeDefined();
    agreesWithYaml(text);
  });

  it.each([
    ['an anchor and alias', 'a: &x 1\nb: *x\n'],
    ['a tag', 'a: !!str 1\n'],
    ['a block scalar', 'a: |\n  text\n'],
    ['a multi-line plain scalar', 'a: one\n  two\n'],
    ['a duplicate key', 'a: 1\na: 2\n'],
    ['a key that is a number', '1: a\n'],
    ['a tab', 'a:\t1\n'],
    ['a CRLF line end', 'a: 1\r\n'],
    ['non-ASCII text', 'a: café\n'],
    ['a directive', '%YAML 1.2\n---\na: 1\n'],
    ['a flow mapping', 'a: {b: 1}\n'],
    ['a plain scalar with spaces', 'a: hello world\n'],
    ['an escape in double quotes', 'a: "x\\ty"\n'],
    ['a scalar document', 'just text\n'],
    ['an unquoted @', 'owners: [@alice]\n'],
    ['a comment right after a quoted value', 'a: "x"#c\n'],
    ['a comment right after a flow list', 'a: [b]#c\n'],
    ['text after a quoted value', "a: 'x' y\n"],
    ['a nested mapping on a key\'s line', 'a: b: c\n'],
  ])('GIVEN %s WHEN read THEN the fast path leaves the file to yaml', (_name, text) => {
    expect(parseSimpleYaml(text)).toBeUndefined();
  });

  it('GIVEN the intent files of the examples, the test fixtures and the bench federation WHEN read THEN the fast path takes the plain ones and agrees with yaml on each', () => {
    const files = [...yamlFiles('examples'), ...yamlFiles('federation'), ...yamlFiles('test/fixtures')].map((p) => readFileSync(p, 'utf8'));
    files.push(...syntheticFederation(25).map((f) => f.content));
    let taken = 0;
    for (const text of files) {
      if (parseSimpleYaml(text) !== undefined) taken++;
      agreesWithYaml(text);
    }
    // Every file of the bench federation and most hand-written examples are plain block YAML.
    expect(taken).toBeGreaterThan(files.length * 0.6);
  });
});

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}
