import { describe, expect, it } from 'vitest';
import { INTENT_KINDS, intentJsonSchema } from '../../src/core/intents/intent-kinds.js';

describe('intent JSON Schema', () => {
  it('GIVEN the zod schemas WHEN converted THEN every kind is a closed object with the meshfed apiVersion', () => {
    const schema = intentJsonSchema() as { oneOf: { properties: { kind: { const: string } }; additionalProperties: boolean }[] };
    expect(schema.oneOf.map((s) => s.properties.kind.const).sort()).toEqual([...INTENT_KINDS].sort());
    for (const s of schema.oneOf) expect(s.additionalProperties).toBe(false);
  });
});
