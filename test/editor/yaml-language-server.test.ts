import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { intentJsonSchema } from '../../src/core/intents/intent-kinds.js';
import { EXAMPLES, REPO_ROOT, exampleFiles } from '../core/render/example-federations.js';
import { LspClient } from './lsp-client.js';

/**
 * Editor checking with the real client: Red Hat's yaml-language-server (the server behind VS Code's YAML
 * extension; version pinned in package.json) started over stdio the way an editor starts it, with the schema
 * store off so only meshfed's schema applies.
 */
const SERVER = path.join(REPO_ROOT, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server');
const SETTINGS = { yaml: { validate: true, completion: true, hover: true, schemaStore: { enable: false }, schemas: {} } };
const MODELINE = /^# yaml-language-server: \$schema=(\S+)$/;

let server: LspClient;
beforeAll(async () => {
  server = new LspClient(SERVER, SETTINGS);
  await server.initialize(pathToFileURL(REPO_ROOT).href);
});
afterAll(async () => {
  await server.stop();
});

/** Every example intent file, as an absolute path, with its text split into YAML documents at `---` lines. */
const FILES = EXAMPLES.flatMap((e) => exampleFiles(e.repoDir).map((f) => ({ abs: path.join(e.repoDir, f.path), rel: path.relative(REPO_ROOT, path.join(e.repoDir, f.path)), content: f.content })));
const documents = (content: string): string[][] => content.split(/^---$/m).map((d) => d.replace(/^\n/, '').split('\n'));

/** The properties of `spec` the JSON Schema gives `kind`. */
function specFields(kind: string): string[] {
  const oneOf = (intentJsonSchema() as { oneOf: { properties: { kind: { const: string }; spec: { properties: Record<string, unknown> } } }[] }).oneOf;
  return Object.keys(oneOf.find((s) => s.properties.kind.const === kind)!.properties.spec.properties);
}

/** The text with `notAField: true` as the first key under every `spec:`, and the lines where it went. */
function withUnknownField(content: string): { text: string; lines: number[] } {
  const out: string[] = [];
  const lines: number[] = [];
  for (const line of content.split('\n')) {
    out.push(line);
    if (line === 'spec:') {
      lines.push(out.length);
      out.push('  notAField: true');
    }
  }
  return { text: out.join('\n'), lines };
}

describe('editor checking of every document of every intent file (yaml-language-server over LSP)', () => {
  it.each(FILES.map((f) => [f.rel, f] as const))('GIVEN %s WHEN read THEN every document starts with the schema line, pointing at schema/intent.schema.json', (_rel, f) => {
    for (const doc of documents(f.content)) {
      const target = MODELINE.exec(doc[0] ?? '')?.[1];
      expect(target, `first line of a document: ${doc[0]}`).toBeDefined();
      expect(path.resolve(path.dirname(f.abs), target!)).toBe(path.join(REPO_ROOT, 'schema', 'intent.schema.json'));
    }
  });

  it.each(FILES.map((f) => [f.rel, f] as const))('GIVEN %s WHEN opened as shipped, then with an unknown field in every document THEN first nothing, then each document gets its diagnostic and completion of its kind\'s fields', async (_rel, f) => {
    const uri = pathToFileURL(f.abs).href;
    expect(await server.open(uri, f.content)).toEqual([]);
    const { text, lines } = withUnknownField(f.content);
    const diagnostics = await server.change(uri, text);
    expect(diagnostics.map((d) => [d.range.start.line, d.message])).toEqual(lines.map((l) => [l, 'Property notAField is not allowed.']));
    const docs = parseAllDocuments(f.content).map((d) => d.toJS() as { kind: string; spec: Record<string, unknown> });
    expect(docs).toHaveLength(lines.length);
    const textLines = text.split('\n');
    for (const [i, line] of lines.entries()) {
      const { kind, spec } = docs[i]!;
      // On the unknown key: the kind's spec fields the document does not set yet, nothing else.
      const fields = (await server.completion(uri, { line, character: 2 })).map((c) => c.label).sort();
      expect(fields, `completion on line ${line + 1}`).toEqual(specFields(kind).filter((k) => !(k in spec)).sort());
      // On the value of `kind:`: the document's own kind (the schema's oneOf narrowed by it).
      const kindLine = textLines.lastIndexOf(`kind: ${kind}`, line);
      expect((await server.completion(uri, { line: kindLine, character: 6 })).map((c) => c.label)).toEqual([kind]);
    }
    await server.close(uri);
  });
});

describe('where the schema line must go (yaml-language-server reads it from each document\'s own header comments)', () => {
  const schemaLine = '# yaml-language-server: $schema=../../../schema/intent.schema.json';
  const importDoc = (name: string): string =>
    `apiVersion: meshfed.io/v1alpha1\nkind: ServiceImport\nmetadata:\n  name: ${name}\nspec:\n  notAField: true\n  from: {peer: gke, export: echo}\n  burst: {}\n`;
  /** A file the tests never write to disk: the server resolves the schema line relative to its path. */
  const uri = pathToFileURL(path.join(REPO_ROOT, 'federation', 'peers', 'tein', 'two-documents.yaml')).href;
  const unknownFieldLines = (diagnostics: readonly { range: { start: { line: number } }; message: string }[]): number[] =>
    diagnostics.filter((d) => d.message === 'Property notAField is not allowed.').map((d) => d.range.start.line);

  it.each([
    { where: 'only at the top of the file', text: `${schemaLine}\n${importDoc('a')}---\n${importDoc('b')}`, lines: [6] },
    { where: 'on the line before "---"', text: `${schemaLine}\n${importDoc('a')}${schemaLine}\n---\n${importDoc('b')}`, lines: [6] },
    { where: 'on the line after every "---"', text: `${schemaLine}\n${importDoc('a')}---\n${schemaLine}\n${importDoc('b')}`, lines: [6, 16] },
    { where: 'after "---", below another comment', text: `${schemaLine}\n${importDoc('a')}---\n# the second import\n${schemaLine}\n${importDoc('b')}`, lines: [6, 17] },
  ])('GIVEN a two-document file with the schema line $where WHEN opened THEN the unknown field is reported on lines $lines (0-based)', async ({ text, lines }) => {
    expect(unknownFieldLines(await server.open(uri, text))).toEqual(lines);
    await server.close(uri);
  });

  it('GIVEN no schema line but the yaml.schemas mapping of docs/intents.md WHEN opened THEN every document is checked', async () => {
    const schema = pathToFileURL(path.join(REPO_ROOT, 'schema', 'intent.schema.json')).href;
    const mapped = new LspClient(SERVER, { yaml: { ...SETTINGS.yaml, schemas: { [schema]: ['federation/**/*.yaml', 'federation/**/*.yml'] } } });
    try {
      await mapped.initialize(pathToFileURL(REPO_ROOT).href);
      expect(unknownFieldLines(await mapped.open(uri, `${importDoc('a')}---\n${importDoc('b')}`))).toEqual([5, 14]);
    } finally {
      await mapped.stop();
    }
  });
});

describe('schema error messages in the editor', () => {
  it.each([
    { field: 'locality.region', from: /region: \S+/, to: 'region: eu west', message: 'Region contains "/" or spaces: use the region label of your nodes, e.g. "eu-west1".' },
    { field: 'metadata.name', from: /name: tein/, to: 'name: Tein_1', message: 'Not a DNS-1123 label: use lowercase letters, digits and "-", starting and ending with a letter or digit (e.g. "echo-server").' },
    { field: 'istio.version', from: /version: "[^"]+"/, to: 'version: "v1.30"', message: 'Not an Istio version: write the control plane version as "1.MINOR" or "1.MINOR.PATCH", e.g. "1.30.3".' },
  ])('GIVEN a Peer whose $field breaks its pattern WHEN opened THEN the editor shows meshfed\'s sentence, not the regular expression', async ({ from, to, message }) => {
    const file = path.join(REPO_ROOT, 'federation', 'peers', 'tein', 'peer.yaml');
    const uri = pathToFileURL(file).href;
    const text = FILES.find((f) => f.abs === file)!.content.replace(from, to);
    const diagnostics = await server.open(uri, text);
    expect(diagnostics.map((d) => [d.range.start.line, d.message])).toEqual([[text.split('\n').findIndex((l) => l.includes(to)), message]]);
    await server.close(uri);
  });
});
