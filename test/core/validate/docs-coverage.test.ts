import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { INTENT_SCHEMAS } from '../../../src/core/intents/intent-kinds.js';
import { ISTIO_CIPHER_SUITES } from '../../../src/core/validate/istio-cipher-suites.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const read = (rel: string) => readFileSync(path.join(ROOT, rel), 'utf8');

function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? sources(path.join(dir, d.name)) : d.name.endsWith('.ts') ? [read(path.join(dir, d.name))] : [],
  );
}

interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
}

/** Leaf field paths in the notation of docs/intents.md: `spec.ports[].name`. */
function leafPaths(s: JsonSchema, prefix: string, out: string[]): void {
  if (s.properties) {
    for (const [k, v] of Object.entries(s.properties)) leafPaths(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (s.type === 'array' && s.items) {
    out.push(prefix);
    leafPaths(s.items, `${prefix}[]`, out);
  } else out.push(prefix);
}

describe('documentation stays complete', () => {
  it('GIVEN every diagnostic code the intake code can emit WHEN docs/errors.md is read THEN each one is documented', () => {
    const code = /'((?:parse|yaml|load|intent|schema|federation|peer|names|export|import|gateway|internal)\/[a-z0-9-]+)'/g;
    const codes = new Set(['src/core/parse', 'src/core/load', 'src/core/validate'].flatMap(sources).flatMap((s) => [...s.matchAll(code)].map((m) => m[1] as string)));
    expect(codes.size).toBeGreaterThan(80);
    const doc = read('docs/errors.md');
    const missing = [...codes].filter((c) => !doc.includes(`\`${c}\``));
    expect(missing).toEqual([]);
  });

  it('GIVEN every field of every intent kind WHEN docs/intents.md is read THEN each one is in a reference table', () => {
    const doc = read('docs/intents.md');
    const missing: string[] = [];
    for (const [kind, schema] of Object.entries(INTENT_SCHEMAS)) {
      const paths: string[] = [];
      leafPaths(z.toJSONSchema(schema, { io: 'input' }) as JsonSchema, '', paths);
      for (const p of paths.filter((x) => !['apiVersion', 'kind'].includes(x))) {
        const covered = doc.includes(`\`${p}\``) || p.split('.').some((_, i, parts) => doc.includes(`\`${parts.slice(0, i).join('.')}.*\``));
        if (!covered) missing.push(`${kind}: ${p}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('GIVEN the cipher suites Istio accepts WHEN docs/errors.md is read THEN gateway/cipher-suite-unknown lists each of them', () => {
    const doc = read('docs/errors.md');
    const section = doc.slice(doc.indexOf('### `gateway/cipher-suite-unknown`'), doc.indexOf('### `gateway/cipher-suite-duplicate`'));
    expect(ISTIO_CIPHER_SUITES.filter((suite) => !section.includes(`\`${suite}\``))).toEqual([]);
  });
});
