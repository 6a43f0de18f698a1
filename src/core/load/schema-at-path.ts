import { z } from 'zod';

type Segment = PropertyKey;

interface Def {
  readonly type: string;
  readonly shape?: Record<string, z.ZodType>;
  readonly innerType?: z.ZodType;
  readonly element?: z.ZodType;
  readonly valueType?: z.ZodType;
  readonly options?: readonly z.ZodType[];
  readonly in?: z.ZodType;
  readonly out?: z.ZodType;
}

function def(s: z.ZodType): Def {
  return (s as unknown as { _zod: { def: Def } })._zod.def;
}

/** Wrappers that do not change the shape of the data (optional, default, ...). */
const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional']);

function unwrap(s: z.ZodType): z.ZodType[] {
  const d = def(s);
  if (WRAPPERS.has(d.type) && d.innerType) return unwrap(d.innerType);
  if (d.type === 'pipe' && d.in) return unwrap(d.in);
  if (d.type === 'union' && d.options) return d.options.flatMap(unwrap);
  return [s];
}

/** The schemas that may describe the value at `path` (several when a union is involved). */
function schemasAt(schema: z.ZodType, path: readonly Segment[]): z.ZodType[] {
  let current = unwrap(schema);
  for (const seg of path) {
    const next: z.ZodType[] = [];
    for (const s of current) {
      const d = def(s);
      if (d.type === 'object' && d.shape && typeof seg === 'string' && Object.hasOwn(d.shape, seg)) {
        next.push(...unwrap(d.shape[seg] as z.ZodType));
      } else if (d.type === 'array' && d.element && typeof seg === 'number') {
        next.push(...unwrap(d.element));
      } else if (d.type === 'record' && d.valueType) {
        next.push(...unwrap(d.valueType));
      }
    }
    current = next;
  }
  return current;
}

/** Field names allowed in the mapping at `path`, sorted. */
export function fieldsAt(schema: z.ZodType, path: readonly Segment[]): string[] {
  const keys = new Set<string>();
  for (const s of schemasAt(schema, path)) {
    const d = def(s);
    if (d.type === 'object' && d.shape) for (const k of Object.keys(d.shape)) keys.add(k);
  }
  return [...keys].sort();
}

/** The `.meta({ description })` of the field at `path`, if any (looked up before unwrapping, then after). */
export function descriptionAt(schema: z.ZodType, path: readonly Segment[]): string | undefined {
  if (path.length === 0) return z.globalRegistry.get(schema)?.description;
  const parents = schemasAt(schema, path.slice(0, -1));
  const last = path[path.length - 1];
  for (const p of parents) {
    const d = def(p);
    if (d.type === 'object' && d.shape && typeof last === 'string' && Object.hasOwn(d.shape, last)) {
      for (let s: z.ZodType | undefined = d.shape[last]; s; s = def(s).innerType) {
        const description = z.globalRegistry.get(s)?.description;
        if (description) return description;
      }
    }
  }
  return undefined;
}

/** Whether `value` would be valid at `path`: a suggested fix is checked with this before it is offered. */
export function acceptsAt(schema: z.ZodType, path: readonly Segment[], value: unknown): boolean {
  return schemasAt(schema, path).some((s) => s.safeParse(value).success);
}
