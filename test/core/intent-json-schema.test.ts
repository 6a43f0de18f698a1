import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { dnsLabel, editorMessage, splitSchemaMessage } from '../../src/core/intents/common-schema.js';
import { INTENT_KINDS, intentJsonSchema } from '../../src/core/intents/intent-kinds.js';

describe('intent JSON Schema', () => {
  it('GIVEN the zod schemas WHEN converted THEN every kind is a closed object with the meshfed apiVersion', () => {
    const schema = intentJsonSchema() as { oneOf: { properties: { kind: { const: string } }; additionalProperties: boolean }[] };
    expect(schema.oneOf.map((s) => s.properties.kind.const).sort()).toEqual([...INTENT_KINDS].sort());
    for (const s of schema.oneOf) expect(s.additionalProperties).toBe(false);
  });
  it('GIVEN the JSON Schema WHEN every "pattern" is found THEN each carries a patternErrorMessage: a sentence saying what is wrong and how to fix it', () => {
    const found: { pattern: string; message: unknown }[] = [];
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (typeof v === 'object' && v !== null) {
        const o = v as Record<string, unknown>;
        if (typeof o.pattern === 'string') found.push({ pattern: o.pattern, message: o.patternErrorMessage });
        Object.values(o).forEach(walk);
      }
    };
    walk(intentJsonSchema());
    expect(found.length).toBeGreaterThan(10);
    for (const f of found) expect(f.message, f.pattern).toMatch(/^[A-Z][^\n]*: [^\n]+\.$/);
  });

  it('GIVEN a value breaking a pattern WHEN checked by zod and by the schema THEN both say the same thing', () => {
    const issue = dnsLabel.safeParse('Bad_Name').error?.issues[0]?.message ?? '';
    const { message, hint } = splitSchemaMessage(issue);
    const schema = z.toJSONSchema(dnsLabel) as { patternErrorMessage?: string };
    expect(schema.patternErrorMessage).toBe(editorMessage(message, hint ?? ''));
    expect(schema.patternErrorMessage).toBe('Not a DNS-1123 label: use lowercase letters, digits and "-", starting and ending with a letter or digit (e.g. "echo-server").');
  });
});
