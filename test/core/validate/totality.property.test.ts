import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { Diagnostic } from '../../../src/core/diagnostics.js';
import { INTENT_SCHEMAS } from '../../../src/core/intents/intent-kinds.js';
import { loadFederation } from '../../../src/core/load/load-federation.js';
import type { FederationModel } from '../../../src/core/model/federation-model.js';
import { parseYamlDocuments } from '../../../src/core/parse/parse-yaml-documents.js';
import type { SourceFile } from '../../../src/core/source-file.js';
import { validateFederation } from '../../../src/core/validate/validate-federation.js';
import { BASE_FILES, federationFiles } from './federation-builder.js';

const PATHS = [
  'federation/federation.yaml',
  'federation/peers/alpha/peer.yaml',
  'federation/peers/alpha/x.yaml',
  'federation/peers/beta/peer.yaml',
  'federation/peers/beta/y.yml',
  'federation/peers/stray.yaml',
  'federation/other.yaml',
];

/** Runs the whole front half of the pipeline and checks every diagnostic is well formed. */
function checkTotal(files: readonly SourceFile[]): { model: FederationModel; diagnostics: Diagnostic[] } {
  const loaded = loadFederation(files);
  const diagnostics = [...loaded.diagnostics, ...validateFederation(loaded.model)];
  const paths = new Set([...files.map((f) => f.path), 'federation/federation.yaml']);
  for (const d of diagnostics) {
    expect(Number.isInteger(d.line) && d.line >= 1, `line of ${JSON.stringify(d)}`).toBe(true);
    expect(Number.isInteger(d.col) && d.col >= 1, `col of ${JSON.stringify(d)}`).toBe(true);
    expect(paths.has(d.file), `file of ${JSON.stringify(d)}`).toBe(true);
    expect(d.code).toMatch(/^(parse|yaml|load|intent|schema|federation|peer|names|export|import|gateway)\/[a-z0-9-]+$/);
    expect(['error', 'warning']).toContain(d.severity);
    expect(d.message.length).toBeGreaterThan(0);
    expect(d.hint.length).toBeGreaterThan(0);
  }
  return { model: loaded.model, diagnostics };
}

const yamlish = fc
  .array(
    fc.constantFrom(
      '- ', ': ', '&a ', '*a', '<<: ', '!!str ', '!x ', '\t', '\n', '  ', '"', "'", '[', ']', '{', '}', ',', '%YAML 1.1\n', '---\n', '...\n',
      'apiVersion: meshfed.io/v1alpha1\n', 'kind: ', 'Peer', 'ServiceImport', 'metadata:\n  name: x\n', 'spec:\n', '#', 'yes', '1.30', '@x', '? ', '|\n', '>-\n', '\u0000', '\ufffd', 'é',
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(''));

describe('parse + load + validate are total', () => {
  it('GIVEN arbitrary strings as intent files WHEN processed THEN nothing throws and every diagnostic is well formed', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...PATHS), fc.string({ maxLength: 200 })), { maxLength: 5 }), (entries) => {
        const files = dedupe(entries.map(([path, content]) => ({ path, content })));
        checkTotal(files);
      }),
      { numRuns: 300 },
    );
  });

  it('GIVEN YAML-ish token soup WHEN parsed THEN nothing throws and positions are inside the file', () => {
    fc.assert(
      fc.property(yamlish, (content) => {
        const r = parseYamlDocuments({ path: 'f.yaml', content });
        const lines = content.split('\n').length;
        for (const d of r.diagnostics) expect(d.line).toBeLessThanOrEqual(lines + 1);
        checkTotal([{ path: 'federation/peers/alpha/x.yaml', content }]);
      }),
      { numRuns: 400 },
    );
  });

  it('GIVEN arbitrary data structures serialised as YAML WHEN processed THEN nothing throws', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...PATHS), fc.jsonValue({ maxDepth: 4 })), { maxLength: 4 }), (entries) => {
        checkTotal(dedupe(entries.map(([path, value]) => ({ path, content: stringify(value) }))));
      }),
      { numRuns: 200 },
    );
  });

  it('GIVEN valid intents mutated at random paths WHEN processed THEN nothing throws and the model holds only schema-valid intents', () => {
    const base = Object.fromEntries(Object.entries(BASE_FILES).map(([p, c]) => [p, parseYamlDocuments({ path: p, content: c }).documents[0]?.value]));
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(base)), fc.array(mutation, { minLength: 1, maxLength: 4 }), (path, mutations) => {
        let value = structuredClone(base[path]);
        for (const m of mutations) value = m(value);
        const { model } = checkTotal(federationFiles({ [path]: stringify(value) }));
        const all = [
          model.federation,
          ...[...model.peers.values()].flatMap((p) => [p.peer, ...p.exports, ...p.imports, ...p.gateways]),
        ].filter((x) => x !== undefined);
        for (const intent of all) {
          const v = intent.value as { kind: keyof typeof INTENT_SCHEMAS };
          expect(INTENT_SCHEMAS[v.kind].safeParse(v).success).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('GIVEN a model that is not a model at all WHEN validated THEN validation still returns diagnostics instead of throwing', () => {
    fc.assert(
      fc.property(fc.anything(), (garbage) => {
        const out = validateFederation(garbage as FederationModel);
        expect(Array.isArray(out)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

type Mutation = (value: unknown) => unknown;

const scalar = fc.oneof(fc.string({ maxLength: 12 }), fc.integer({ min: -5, max: 70_000 }), fc.boolean(), fc.constant(null), fc.constantFrom('alpha', 'beta', 'echo', 'demo', 'http', '1.30', 'TLSV1_3', '@x'));

/** Picks a path in the value (by random walk) and deletes, replaces, renames or duplicates what is there. */
const mutation: fc.Arbitrary<Mutation> = fc
  .tuple(fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), fc.constantFrom('delete', 'replace', 'rename', 'duplicate', 'wrap'), scalar, fc.string({ maxLength: 8 }))
  .map(([steps, op, replacement, newKey]) => (value: unknown) => {
    const root = { v: value } as Record<string, unknown>;
    let parent: Record<string, unknown> | unknown[] = root;
    let key: string | number = 'v';
    for (const step of steps) {
      const cur = (parent as Record<string | number, unknown>)[key];
      if (cur === null || typeof cur !== 'object') break;
      const keys = Array.isArray(cur) ? cur.map((_, i) => i) : Object.keys(cur);
      if (keys.length === 0) break;
      parent = cur as Record<string, unknown> | unknown[];
      key = keys[step % keys.length] as string | number;
    }
    const container = parent as Record<string | number, unknown>;
    const cur = container[key];
    if (op === 'delete') {
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete container[key];
    } else if (op === 'replace') container[key] = replacement;
    else if (op === 'rename' && !Array.isArray(parent)) {
      delete container[key];
      container[newKey || 'x'] = cur;
    } else if (op === 'duplicate' && Array.isArray(cur)) cur.push(structuredClone(cur[0]));
    else if (op === 'wrap') container[key] = [cur];
    return root.v;
  });

function dedupe(files: SourceFile[]): SourceFile[] {
  const seen = new Map<string, SourceFile>();
  for (const f of files) if (!seen.has(f.path)) seen.set(f.path, f);
  return [...seen.values()];
}
