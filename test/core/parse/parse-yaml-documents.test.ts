import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../../src/core/diagnostics.js';
import { parseYamlDocuments } from '../../../src/core/parse/parse-yaml-documents.js';
import { MAX_ALIASES_PER_DOCUMENT, MAX_DIAGNOSTICS_PER_FILE } from '../../../src/core/parse/yaml-options.js';
import { MAX_FILE_BYTES, type SourceFile } from '../../../src/core/source-file.js';

const F = 'federation/peers/alpha/x.yaml';

function parse(content: string, extra: Partial<SourceFile> = {}) {
  const r = parseYamlDocuments({ path: F, content, ...extra });
  return {
    values: r.documents.map((d) => [d.index, d.value]),
    diagnostics: r.diagnostics.map((d) => `${d.severity === 'warning' ? 'warning ' : ''}${d.code} ${d.line}:${d.col}`),
    text: r.diagnostics.map(formatDiagnostic).join('\n'),
  };
}

describe('parseYamlDocuments: YAML 1.2 core schema whatever the file says', () => {
  it('GIVEN YAML 1.1 booleans, octal-looking and sexagesimal-looking values WHEN parsed THEN they stay as YAML 1.2 core reads them', () => {
    const r = parse('a: NO\nb: yes\nc: on\nd: Off\ne: y\nf: 010\ng: 1:30\nh: true\ni: ~\n');
    expect(r.diagnostics).toEqual([]);
    expect(r.values).toEqual([[0, { a: 'NO', b: 'yes', c: 'on', d: 'Off', e: 'y', f: 10, g: '1:30', h: true, i: null }]]);
  });

  it('GIVEN a %YAML 1.1 directive WHEN parsed THEN it is neutralised with a warning and NO stays a string', () => {
    const r = parse('%YAML 1.1\n---\nenabled: NO\n');
    expect(r.values).toEqual([[0, { enabled: 'NO' }]]);
    expect(r.diagnostics).toEqual(['warning yaml/version-directive 1:1']);
    expect(r.text).toContain('meshfed reads every file as YAML 1.2');
  });

  it('GIVEN a merge key, even under %YAML 1.1 WHEN parsed THEN it is rejected where it is written', () => {
    const r = parse('%YAML 1.1\n---\nbase: &base {a: 1}\nspec:\n  <<: *base\n  b: 2\n');
    expect(r.values).toEqual([]);
    expect(r.diagnostics).toEqual(['warning yaml/version-directive 1:1', 'yaml/merge-key 5:3']);
  });

  it('GIVEN a quoted "<<" key WHEN parsed THEN it is an ordinary string key (not a merge)', () => {
    expect(parse('"<<": 1\n').values).toEqual([[0, { '<<': 1 }]]);
  });
});

describe('parseYamlDocuments: limits and rejections, each at file:line:col', () => {
  const cases: readonly (readonly [string, string, readonly string[]])[] = [
    ['a duplicate key', 'a: 1\nb: 2\na: 3\n', ['yaml/duplicate-key 3:1']],
    ['keys that collide once read as text (1 and "1")', '1: a\n"1": b\n', ['yaml/duplicate-key 2:1']],
    ['a tab used for indentation', 'spec:\n\tname: x\n', ['yaml/tab-indentation 2:1']],
    ['an unquoted @owner', 'owners: [@alice]\n', ['yaml/syntax 1:10']],
    ['an unquoted wildcard host (read as an alias)', 'hosts: [*.example.org]\n', ['yaml/unknown-anchor 1:9']],
    ['an unclosed flow list', 'a: [1, 2\nb: 3\n', ['yaml/syntax 2:1']],
    ['a custom tag', 'a: !secret value\n', ['yaml/custom-tag 1:12']],
    ['a YAML 1.1 tag', 'a: !!binary aGVsbG8=\n', ['yaml/custom-tag 1:13']],
    ['an explicit !!int tag', 'port: !!int 80\n', ['yaml/custom-tag 1:13']],
    ['a list as a key', '? [a, b]\n: c\n', ['yaml/complex-key 1:3']],
    ['an alias to an anchor defined later', 'a: *later\nb: &later 1\n', ['yaml/unknown-anchor 1:4']],
    ['an alias inside its own anchor', 'a: &self [1, *self]\n', ['yaml/recursive-alias 1:14']],
    ['nested aliases (billion laughs)', 'a: &a [x, x]\nb: &b [*a, *a]\nc: [*b]\n', ['yaml/nested-alias 3:5']],
    ['a NUL byte', 'a: 1\nb: x\u0000y\n', ['parse/nul-byte 2:5']],
    ['bytes that were not UTF-8', 'a: caf\ufffd\n', ['parse/invalid-utf8 1:7']],
    ['a control character', 'a: x\u0007\n', ['parse/control-character 1:5']],
  ];
  it.each(cases)('GIVEN %s WHEN parsed THEN it is rejected', (_what, content, expected) => {
    const r = parse(content);
    expect(r.values).toEqual([]);
    expect(r.diagnostics).toEqual(expected);
  });

  it('GIVEN a flat alias to a written-out anchor WHEN parsed THEN it is expanded', () => {
    expect(parse('ns: &ns demo\na: *ns\nports: &p [http]\nb: *p\n').values).toEqual([[0, { ns: 'demo', a: 'demo', ports: ['http'], b: ['http'] }]]);
  });

  it(`GIVEN more than ${MAX_ALIASES_PER_DOCUMENT} aliases WHEN parsed THEN the first alias over the limit is reported`, () => {
    const lines = ['x: &x 1', ...Array.from({ length: MAX_ALIASES_PER_DOCUMENT + 1 }, (_, i) => `k${i}: *x`)];
    const r = parse(`${lines.join('\n')}\n`);
    expect(r.values).toEqual([]);
    expect(r.diagnostics).toEqual([`yaml/too-many-aliases ${MAX_ALIASES_PER_DOCUMENT + 2}:${`k${MAX_ALIASES_PER_DOCUMENT}: `.length + 1}`]);
  });

  it('GIVEN a file over 1 MiB WHEN parsed THEN it is rejected before parsing, with its size', () => {
    const r = parse(`a: "${'x'.repeat(MAX_FILE_BYTES)}"\n`);
    expect(r.diagnostics).toEqual(['parse/file-too-large 1:1']);
    expect(r.text).toContain(`${MAX_FILE_BYTES + 6} bytes`);
  });

  it('GIVEN a file of multi-byte characters over 1 MiB in UTF-8 but not in UTF-16 units WHEN parsed THEN bytes are what counts', () => {
    const content = `a: "${'é'.repeat(MAX_FILE_BYTES / 2)}"\n`;
    expect(content.length).toBeLessThan(MAX_FILE_BYTES);
    expect(parse(content).diagnostics).toEqual(['parse/file-too-large 1:1']);
  });

  it('GIVEN a source that marked the file too large without reading it WHEN parsed THEN the size is reported without content', () => {
    const r = parse('', { unread: { reason: 'too-large', bytes: 5_000_000 } });
    expect(r.diagnostics).toEqual(['parse/file-too-large 1:1']);
    expect(r.text).toContain('5000000 bytes');
  });

  it('GIVEN a symbolic link the source did not follow WHEN parsed THEN it is reported', () => {
    expect(parse('', { unread: { reason: 'symlink', target: '/etc/passwd' } }).diagnostics).toEqual(['parse/symlink 1:1']);
  });

  it('GIVEN nesting deeper than the limit WHEN parsed THEN it is rejected', () => {
    const r = parse(`a: ${'['.repeat(100)}${']'.repeat(100)}\n`);
    expect(r.values).toEqual([]);
    expect(r.diagnostics[0]).toMatch(/^yaml\/too-deep 1:/);
  });

  it('GIVEN a file with hundreds of syntax errors WHEN parsed THEN the list is capped with a summary', () => {
    const r = parse('a: "\n'.repeat(200) + '{'.repeat(300));
    expect(r.diagnostics.length).toBeLessThanOrEqual(21);
    expect(r.diagnostics.at(-1)).toMatch(/yaml\/(too-many-errors|syntax)/);
    // The input yields more than the cap, so the summary must be there.
    expect(r.diagnostics).toHaveLength(MAX_DIAGNOSTICS_PER_FILE + 1);
    expect(r.diagnostics.at(-1)).toMatch(/^yaml\/too-many-errors /);
  });
});

describe('parseYamlDocuments: documents', () => {
  it('GIVEN several documents with empty ones and a broken one WHEN parsed THEN good documents keep their index and the broken one is left out', () => {
    const r = parse('---\n# nothing here\n---\na: 1\n---\nb: [1,\n---\nc: 3\n---\n');
    expect(r.values).toEqual([[1, { a: 1 }], [3, { c: 3 }]]);
    expect(r.diagnostics).toEqual(['yaml/syntax 7:1']);
  });

  it('GIVEN an empty file or only comments WHEN parsed THEN there are no documents and no diagnostics', () => {
    expect(parse('')).toMatchObject({ values: [], diagnostics: [] });
    expect(parse('# just a comment\n')).toMatchObject({ values: [], diagnostics: [] });
  });

  it('GIVEN a byte order mark WHEN parsed THEN it is ignored', () => {
    expect(parse('\ufeffa: 1\n').values).toEqual([[0, { a: 1 }]]);
  });

  it('GIVEN a document WHEN fields are located THEN values, keys and source text point at what is written', () => {
    const content = '---\nx: 1\n---\nspec:\n  v: 1.30\n  empty:\n  list:\n    - a\n    - {name: b}\n';
    const [, doc] = parseYamlDocuments({ path: F, content }).documents;
    expect(doc?.index).toBe(1);
    expect(doc?.locate(['spec', 'v'])).toEqual({ line: 5, col: 6 });
    expect(doc?.locateKey(['spec', 'v'])).toEqual({ line: 5, col: 3 });
    expect(doc?.sourceText(['spec', 'v'])).toBe('1.30');
    expect(doc?.locate(['spec', 'empty'])).toEqual({ line: 6, col: 3 });
    expect(doc?.locate(['spec', 'list', 1, 'name'])).toEqual({ line: 9, col: 14 });
    // Missing paths fall back to the key of the deepest existing ancestor.
    expect(doc?.locate(['spec', 'list', 7])).toEqual({ line: 7, col: 3 });
    expect(doc?.locate(['spec', 'missing', 'deeper'])).toEqual({ line: 4, col: 1 });
    expect(doc?.locate([])).toEqual({ line: 4, col: 1 });
  });

  it('GIVEN an aliased value WHEN located through the alias THEN the anchor\'s position is returned', () => {
    const [doc] = parseYamlDocuments({ path: F, content: 'base: &b\n  port: 8080\nuse: *b\n' }).documents;
    expect(doc?.locate(['use', 'port'])).toEqual({ line: 2, col: 9 });
  });
});
