import type { z } from 'zod';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { splitSchemaMessage } from '../intents/common-schema.js';
import type { FieldPath, ParsedDocument } from '../parse/parsed-document.js';
import { closestName } from './closest-name.js';
import { describeValue, isScalar, pathText, valueAt } from './describe-value.js';
import { acceptsAt, descriptionAt, fieldsAt } from './schema-at-path.js';

type Issue = z.core.$ZodIssue;

interface IssueContext {
  readonly doc: ParsedDocument;
  /** The kind's zod schema, to list valid fields and describe missing ones. */
  readonly schema: z.ZodType;
  readonly kind: string;
}

/** Turns one zod issue into diagnostics at the offending field (one per unknown key). */
export function schemaIssueDiagnostics(issue: Issue, ctx: IssueContext): Diagnostic[] {
  const path: FieldPath = issue.path.map((p) => (typeof p === 'number' ? p : String(p)));
  const file = ctx.doc.file;
  const where = (p: FieldPath) => (p.length === 0 ? ctx.kind : pathText(p));
  const custom = issue.message.includes('\n') ? splitSchemaMessage(issue.message) : undefined;

  if (issue.code === 'unrecognized_keys') {
    const valid = fieldsAt(ctx.schema, path);
    return issue.keys.map((key) => {
      const suggestion = closestName(key, valid);
      const list = valid.length > 0 ? `valid fields here: ${valid.join(', ')}` : 'this mapping takes no fields';
      let hint = suggestion ? `did you mean "${suggestion}"? ${list}` : `remove it; ${list}`;
      if (path.length === 1 && path[0] === 'metadata' && key === 'namespace') {
        hint = 'remove it: intents are not namespaced; the Kubernetes namespace of a service goes under spec';
      }
      return diagnostic(file, ctx.doc.locateKey([...path, key]), 'schema/unknown-field', `${where(path)}: unknown field "${key}"`, hint);
    });
  }

  const { exists, value } = valueAt(ctx.doc.value, path);
  const got = isScalar(value) ? `, got ${describeValue(value)}` : '';

  if (issue.code === 'invalid_type' && !exists) {
    const parent = path.slice(0, -1);
    const field = String(path[path.length - 1] ?? '');
    const description = descriptionAt(ctx.schema, path);
    return [
      diagnostic(
        file,
        parent.length === 0 ? ctx.doc.locate([]) : ctx.doc.locateKey(parent),
        'schema/missing-field',
        `${where(parent)}: missing required field "${field}"`,
        description ? `add ${field}: ${trimPeriod(description)}` : `add ${field}`,
      ),
    ];
  }

  if (issue.code === 'invalid_type') {
    const message = custom ? `${where(path)}: ${custom.message}${got}` : `${where(path)}: expected ${expectedWord(issue.expected)}${got || `, got ${describeValue(value)}`}`;
    const raw = ctx.doc.sourceText(path) ?? String(value);
    // Quoting is the fix only when the quoted text is itself valid here ("60" is text, but not a duration).
    const quoteFixes = acceptsAt(ctx.schema, path, raw);
    return [diagnostic(file, ctx.doc.locate(path), 'schema/wrong-type', message, typeHint(issue.expected, value, raw, custom?.hint, quoteFixes))];
  }

  if (issue.code === 'invalid_value') {
    const allowed = issue.values.map((v) => String(v));
    const suggestion = typeof value === 'string' ? closestName(value, allowed) : undefined;
    const base = custom?.hint ?? `use ${allowed.length === 1 ? '' : 'one of '}${allowed.join(', ')}`;
    const hint = suggestion && suggestion !== value ? `did you mean "${suggestion}"? ${base}` : base;
    const message = `${where(path)}: ${custom?.message ?? 'not an allowed value'}${got}`;
    return [diagnostic(file, ctx.doc.locate(path), 'schema/invalid-value', message, hint)];
  }

  if (issue.code === 'invalid_key') {
    const inner = issue.issues.find((i) => i.message.includes('\n'));
    const split = inner ? splitSchemaMessage(inner.message) : { message: 'not a valid key', hint: undefined };
    const key = String(path[path.length - 1] ?? '');
    return [
      diagnostic(
        file,
        ctx.doc.locateKey(path),
        'schema/invalid-key',
        `${where(path.slice(0, -1))}: key ${JSON.stringify(key)}: ${split.message}`,
        split.hint ?? 'rename the key',
      ),
    ];
  }

  const { code, what, hint } = fallback(issue);
  return [
    diagnostic(file, ctx.doc.locate(path), code, `${where(path)}: ${custom?.message ?? what}${got}`, custom?.hint ?? hint),
  ];
}

function fallback(issue: Issue): { code: string; what: string; hint: string } {
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string') return { code: 'schema/too-small', what: 'must not be empty', hint: 'write a value, or remove the field if it is optional' };
      if (issue.origin === 'array' || issue.origin === 'set') {
        return { code: 'schema/too-small', what: `needs at least ${String(issue.minimum)} item${Number(issue.minimum) === 1 ? '' : 's'}`, hint: 'add items, or remove the field if it is optional' };
      }
      return { code: 'schema/too-small', what: `must be at least ${String(issue.minimum)}`, hint: `use a value of at least ${String(issue.minimum)}` };
    case 'too_big':
      if (issue.origin === 'string') return { code: 'schema/too-big', what: `longer than ${String(issue.maximum)} characters`, hint: 'shorten the value' };
      if (issue.origin === 'array' || issue.origin === 'set') return { code: 'schema/too-big', what: `more than ${String(issue.maximum)} items`, hint: 'remove items' };
      return { code: 'schema/too-big', what: `must be at most ${String(issue.maximum)}`, hint: `use a value of at most ${String(issue.maximum)}` };
    case 'invalid_format':
      return { code: 'schema/invalid-format', what: 'does not have the expected format', hint: 'see docs/intents.md for the format of this field' };
    case 'invalid_union':
      return { code: 'schema/no-match', what: 'matches none of the allowed forms', hint: 'see docs/intents.md for the forms this field accepts' };
    case 'not_multiple_of':
      return { code: 'schema/invalid', what: `is not a multiple of ${String(issue.divisor)}`, hint: `use a multiple of ${String(issue.divisor)}` };
    default:
      return { code: 'schema/invalid', what: 'is not valid', hint: 'see docs/intents.md for this field' };
  }
}

function expectedWord(expected: string): string {
  switch (expected) {
    case 'string':
      return 'text';
    case 'number':
    case 'int':
      return 'a number';
    case 'boolean':
      return 'true or false';
    case 'object':
      return 'a mapping of fields';
    case 'array':
      return 'a list';
    default:
      return expected;
  }
}

function typeHint(expected: string, value: unknown, source: string, customHint: string | undefined, quoteFixes: boolean): string {
  if (expected === 'string' && (typeof value === 'number' || typeof value === 'boolean')) {
    const read = `unquoted, YAML reads ${source} as ${typeof value === 'number' ? `the number ${String(value)}` : `the boolean ${String(value)}`}`;
    if (quoteFixes) return `quote the value, e.g. "${source}": ${read}`;
    return `${customHint ?? 'write text that is valid here (see docs/intents.md)'}; ${read}`;
  }
  if (customHint) return customHint;
  if (value === null) return expected === 'object' ? 'fill in the fields under this key, or remove the key' : 'write a value after the colon, or remove the key';
  if (expected === 'boolean' && typeof value === 'string') {
    return `write true or false without quotes: YAML 1.2 reads ${JSON.stringify(value)} as text, not as a boolean`;
  }
  if ((expected === 'number' || expected === 'int') && typeof value === 'string' && /^-?[0-9]+(\.[0-9]+)?$/.test(value.trim())) {
    return `remove the quotes: write ${value.trim()}`;
  }
  if (expected === 'array') return typeof value === 'string' || typeof value === 'number' ? `make it a list: [${source ?? String(value)}]` : 'write a list, one "- item" per line or [a, b]';
  if (expected === 'object') return 'write indented "key: value" fields under this key';
  return `write ${expectedWord(expected)}`;
}

function trimPeriod(s: string): string {
  return s.replace(/\.\s*$/, '');
}
