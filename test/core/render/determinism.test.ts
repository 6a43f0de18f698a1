import { describe, expect, it } from 'vitest';
import { Document, parseAllDocuments } from 'yaml';
import { loadFederation } from '../../../src/core/load/load-federation.js';
import { renderFederation } from '../../../src/core/render/render-federation.js';
import { objectsToYaml } from '../../../src/core/render/output/serialize-yaml.js';
import type { SourceFile } from '../../../src/core/source-file.js';
import { EXAMPLES, exampleFiles } from './example-federations.js';

function renderYaml(files: readonly SourceFile[]): string {
  const { model, diagnostics } = loadFederation(files);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return [...renderFederation(model)].map(([peer, objects]) => `# peer ${peer}\n${objectsToYaml(objects)}`).join('');
}

function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reverseKeys(v)]));
  }
  return value;
}

type Style = 'reversed-keys' | 'flow-and-double-quotes' | 'comments-and-single-quotes';

/** The same intents written differently: key order, flow style, quoting, comments. */
function restyle(file: SourceFile, style: Style): SourceFile {
  const docs = parseAllDocuments(file.content, { schema: 'core' });
  if (!Array.isArray(docs)) return file;
  const texts = docs.map((d) => {
    const data = d.toJS() as unknown;
    switch (style) {
      case 'reversed-keys':
        return new Document(reverseKeys(data), { schema: 'core' }).toString();
      case 'flow-and-double-quotes':
        return new Document(data, { schema: 'core' }).toString({ defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN', collectionStyle: 'flow' });
      case 'comments-and-single-quotes': {
        // lineWidth 0: no folded scalars, whose inner line breaks the comments below would land in.
        const text = new Document(data, { schema: 'core' }).toString({ defaultStringType: 'QUOTE_SINGLE', defaultKeyType: 'PLAIN', lineWidth: 0 });
        return `# restyled for a determinism test\n${text.replace(/\n/g, '  # a comment\n').replace(/ {2}# a comment\n$/, '\n')}`;
      }
    }
  });
  return { path: file.path, content: texts.map((t) => `---\n${t}`).join('') };
}

describe('render is a pure function of the intents (README guarantee 1)', () => {
  for (const example of EXAMPLES) {
    const files = exampleFiles(example.repoDir);
    const baseline = renderYaml(files);

    it(`GIVEN the ${example.name} example rendered twice THEN the bytes are identical`, () => {
      expect(renderYaml(files)).toBe(baseline);
      expect(baseline.length).toBeGreaterThan(0);
    });

    it.each<Style>(['reversed-keys', 'flow-and-double-quotes', 'comments-and-single-quotes'])(
      `GIVEN the ${example.name} example rewritten with %s THEN the rendered bytes are unchanged`,
      (style) => {
        const restyled = files.map((f) => restyle(f, style));
        expect(restyled.map((f) => f.content)).not.toEqual(files.map((f) => f.content));
        expect(renderYaml(restyled)).toBe(baseline);
      },
    );

    it(`GIVEN the ${example.name} example's files in reverse order THEN the rendered bytes are unchanged`, () => {
      expect(renderYaml([...files].reverse())).toBe(baseline);
    });
  }
});
