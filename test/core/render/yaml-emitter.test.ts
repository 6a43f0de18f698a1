import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Document, isMap, parseAllDocuments, parseDocument } from 'yaml';
import { canonicalObject } from '../../../src/core/render/canonical-object.js';
import { renderFederation } from '../../../src/core/render/render-federation.js';
import { objectToYaml } from '../../../src/core/render/output/serialize-yaml.js';
import { emitYamlDocument, yamlString } from '../../../src/core/render/output/yaml-emitter.js';
import { EXAMPLES, exampleModel } from './example-federations.js';
import { paperFederation } from './federation-builder.js';

function parseBoth(text: string): { core: unknown; v11: unknown } {
  const [core] = parseAllDocuments(text, { schema: 'core' });
  const [v11] = parseAllDocuments(text, { schema: 'yaml-1.1' });
  return { core: core?.toJS(), v11: v11?.toJS() };
}

describe('yamlString', () => {
  it.each([
    ['echo.demo.svc.cluster.local', 'echo.demo.svc.cluster.local'],
    ['spiffe://beta.example.org/ns/demo/sa/echo', 'spiffe://beta.example.org/ns/demo/sa/echo'],
    ['alpha.example.org/*', 'alpha.example.org/*'],
    ['192.0.2.40', '192.0.2.40'],
    ['2001:db8::20', '2001:db8::20'],
    ['10s', '10s'],
    ['connect-failure,refused-stream,503', 'connect-failure,refused-stream,503'],
    ['/v2/gpu/', '/v2/gpu/'],
  ])('GIVEN %j THEN it is written plain', (input, expected) => {
    expect(yamlString(input)).toBe(expected);
  });

  it.each(['', 'on', 'Off', 'y', 'N', 'yes', 'NO', 'true', 'null', '~', '8080', '0755', '0x1F', '1_000', '1e3', '.5', '.inf', '12:30', '2024-01-01', '<<', '=', '*.example.org', '-x', 'a: b', 'a #b', 'trailing:', ' lead', 'tab\tx', 'line\nbreak', 'é', '\u2028'])(
    'GIVEN %j THEN it is double-quoted and reads back as the same string in YAML 1.2 and 1.1',
    (input) => {
      const out = yamlString(input);
      expect(out.startsWith('"')).toBe(true);
      const parsed = parseBoth(`k: ${out}\n`);
      expect(parsed.core).toEqual({ k: input });
      expect(parsed.v11).toEqual({ k: input });
    },
  );

  it('GIVEN any string as key and value THEN both YAML 1.2 core and YAML 1.1 read the same strings back', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 24 }), fc.string({ maxLength: 24 }), (key, value) => {
        const parsed = parseBoth(emitYamlDocument({ [key]: value }));
        expect(parsed.core).toEqual({ [key]: value });
        expect(parsed.v11).toEqual({ [key]: value });
      }),
      { numRuns: 400, seed: 7 },
    );
  });
});

describe('emitYamlDocument', () => {
  const json = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      fc.string({ maxLength: 12 }),
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }),
      fc.boolean(),
      fc.constant(null),
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(fc.string({ maxLength: 8 }), tie('value'), { maxKeys: 4 }),
    ),
  })).value;

  it('GIVEN any nested mappings, lists and scalars THEN parsing the output gives the same value back', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 8 }), json, { minKeys: 1, maxKeys: 5 }), (doc) => {
        const expected = JSON.parse(JSON.stringify(doc)) as unknown;
        const parsed = parseBoth(emitYamlDocument(doc));
        expect(parsed.core).toEqual(expected);
        expect(parsed.v11).toEqual(expected);
      }),
      { numRuns: 300, seed: 11 },
    );
  });

  it('GIVEN mappings of up to 40 keys in any order WHEN sorted THEN every mapping lists its keys as Array.prototype.sort orders them', () => {
    // Short key lists are sorted by the emitter's own insertion sort, long ones by Array.prototype.sort: both must
    // give the code-unit order canonical-object.ts uses (integer-like keys, non-ASCII, prefixes, duplicates by case).
    const key = fc.oneof(fc.string({ maxLength: 6 }), fc.string({ unit: 'grapheme', maxLength: 3 }), fc.nat({ max: 300 }).map(String), fc.constantFrom('a', 'A', 'aa', 'a-b', 'a_b', 'Z', '_'));
    const mapping = fc.letrec((tie) => ({
      node: fc.dictionary(key, fc.oneof({ depthSize: 'small' }, fc.integer(), tie('node')), { maxKeys: 40 }),
    })).node;
    const keyOrders = (node: unknown, out: string[][]): string[][] => {
      if (isMap(node)) {
        out.push(node.items.map((pair) => String((pair.key as { value: unknown }).value)));
        for (const pair of node.items) keyOrders(pair.value, out);
      }
      return out;
    };
    fc.assert(
      fc.property(mapping, (doc) => {
        const parsed = parseDocument(emitYamlDocument(doc, { sortKeys: true }), { schema: 'core' });
        for (const keys of keyOrders(parsed.contents, [])) expect(keys).toEqual([...keys].sort());
        expect(parsed.toJS()).toEqual(JSON.parse(JSON.stringify(doc)));
      }),
      { numRuns: 300, seed: 5 },
    );
  });

  it('GIVEN lists of lists and empty collections THEN the layout matches the yaml package', () => {
    const doc = { a: [[1, [2]], { b: [] }, {}], c: {}, d: [{ e: { f: 'g' }, h: ['i'] }] };
    const reference = new Document(doc, { version: '1.1' }).toString({ lineWidth: 0, indentSeq: true });
    expect(emitYamlDocument(doc)).toBe(reference);
  });
});

describe('objectToYaml against the yaml package', () => {
  const objects = [
    ...EXAMPLES.flatMap((e) => [...renderFederation(exampleModel(e.repoDir)).values()].flat()),
    ...[...renderFederation(paperFederation().build()).values()].flat(),
  ];

  it(`GIVEN the ${objects.length} objects of the examples THEN the fast emitter writes the same bytes as the yaml package (YAML 1.1 quoting, no folding)`, () => {
    for (const o of objects) {
      const reference = new Document(canonicalObject(o), { version: '1.1', aliasDuplicateObjects: false }).toString({ lineWidth: 0, indentSeq: true });
      expect(objectToYaml(o)).toBe(reference);
    }
  });
});
