import { createRequire } from 'node:module';
import { validate as validateGraphql } from '@octokit/graphql-schema';

/**
 * Checks a request the app made against GitHub's published REST description (@octokit/openapi,
 * api.github.com): the method and path must be an operation, path and query parameters must be declared,
 * and the JSON body must satisfy the operation's requestBody schema. A small JSON-schema checker (the subset
 * GitHub's description uses: $ref, type, nullable, enum, required, properties, additionalProperties, items,
 * min/max lengths and items, minimum/maximum, oneOf/anyOf/allOf) instead of a new dependency.
 * `oneOf` is checked as "at least one" because GitHub's description has overlapping alternatives. Objects are
 * checked strictly: a property the description does not declare is reported (GitHub would silently ignore it).
 */
type Schema = Record<string, unknown>;
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
  'x-multi-segment'?: boolean;
}
interface Operation {
  operationId: string;
  parameters?: (Parameter | { $ref: string })[];
  requestBody?: { required?: boolean; content: Record<string, { schema: Schema }> };
}
interface Spec {
  paths: Record<string, Record<string, Operation>>;
  components: Record<string, Record<string, unknown>>;
}

let spec: Spec | undefined;
function load(): Spec {
  spec ??= createRequire(import.meta.url)('@octokit/openapi/generated/api.github.com.json') as Spec;
  return spec;
}

interface CompiledRoute {
  template: string;
  method: string;
  regex: RegExp;
  literals: number;
  operation: Operation;
}
let routes: CompiledRoute[] | undefined;
function compile(): CompiledRoute[] {
  if (routes) return routes;
  const s = load();
  routes = [];
  for (const [template, item] of Object.entries(s.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete', 'head'].includes(method)) continue;
      const params = resolveParams(operation);
      const re = template
        .split('/')
        .map((seg) => {
          const m = /^\{(.+)\}$/.exec(seg);
          if (!m) return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
          const multi = params.find((p) => p.name === m[1])?.['x-multi-segment'] === true;
          return multi ? '(.+)' : '([^/]+)';
        })
        .join('/');
      routes.push({
        template,
        method: method.toUpperCase(),
        regex: new RegExp(`^${re}$`),
        literals: template.split('/').filter((x) => x !== '' && !x.startsWith('{')).length,
        operation,
      });
    }
  }
  return routes;
}

function resolveParams(op: Operation): Parameter[] {
  return (op.parameters ?? []).map((p) => ('$ref' in p ? (deref(p.$ref) as Parameter) : p));
}

function deref(ref: string): unknown {
  const parts = ref.replace(/^#\//, '').split('/');
  let node: unknown = load();
  for (const p of parts) node = (node as Record<string, unknown>)[p];
  if (node === undefined) throw new Error(`unresolvable $ref ${ref}`);
  return node;
}

export interface RequestToCheck {
  readonly method: string;
  /** Absolute URL. */
  readonly url: string;
  readonly body?: unknown;
}

/** The operation a request maps to, e.g. `checks/create`, or undefined. */
export function operationFor(method: string, pathname: string): { operationId: string; template: string } | undefined {
  const m = method.toUpperCase();
  const found = compile()
    .filter((r) => r.method === m && r.regex.test(pathname))
    .sort((a, b) => b.literals - a.literals)[0];
  return found ? { operationId: found.operation.operationId, template: found.template } : undefined;
}

/** Every way `req` departs from the description; empty when it conforms. */
export function checkRequest(req: RequestToCheck): string[] {
  const url = new URL(req.url);
  const m = req.method.toUpperCase();
  if (m === 'POST' && url.pathname === '/graphql') return checkGraphql(req.body);
  const route = compile()
    .filter((r) => r.method === m && r.regex.test(url.pathname))
    .sort((a, b) => b.literals - a.literals)[0];
  const where = `${m} ${url.pathname}`;
  if (!route) return [`${where}: no such operation in GitHub's REST API description`];
  const problems: string[] = [];
  const params = resolveParams(route.operation);
  for (const [key, value] of url.searchParams) {
    const p = params.find((x) => x.in === 'query' && x.name === key);
    if (!p) {
      problems.push(`${where} (${route.operation.operationId}): undeclared query parameter "${key}"`);
      continue;
    }
    const coerced = p.schema?.type === 'integer' || p.schema?.type === 'number' ? Number(value) : p.schema?.type === 'boolean' ? value === 'true' : value;
    problems.push(...validate(coerced, p.schema ?? {}, `query.${key}`).map((e) => `${where}: ${e}`));
  }
  for (const p of params.filter((x) => x.in === 'query' && x.required)) {
    if (!url.searchParams.has(p.name)) problems.push(`${where}: required query parameter "${p.name}" missing`);
  }
  const rb = route.operation.requestBody;
  const hasBody = req.body !== undefined && req.body !== '' && !(typeof req.body === 'object' && req.body !== null && Object.keys(req.body).length === 0 && m === 'GET');
  if (rb === undefined) {
    if (hasBody && m !== 'GET' && m !== 'DELETE') problems.push(`${where} (${route.operation.operationId}): sends a body but the operation takes none`);
    return problems;
  }
  if (!hasBody) {
    if (rb.required) problems.push(`${where} (${route.operation.operationId}): request body required`);
    return problems;
  }
  const schema = rb.content['application/json']?.schema;
  if (schema === undefined) return problems;
  problems.push(...validate(req.body, schema, 'body').map((e) => `${where} (${route.operation.operationId}): ${e}`));
  return problems;
}

export function validate(value: unknown, schema: Schema, at: string): string[] {
  if (typeof schema.$ref === 'string') return validate(value, deref(schema.$ref) as Schema, at);
  if (value === null && (schema.nullable === true || (Array.isArray(schema.type) && schema.type.includes('null')))) return [];
  const errors: string[] = [];
  if (Array.isArray(schema.allOf)) for (const s of schema.allOf as Schema[]) errors.push(...validate(value, s, at));
  for (const key of ['anyOf', 'oneOf'] as const) {
    const alts = schema[key];
    if (Array.isArray(alts)) {
      const results = (alts as Schema[]).map((s) => validate(value, s, at));
      if (!results.some((r) => r.length === 0)) {
        errors.push(`${at}: matches none of the ${key} alternatives (${results.map((r) => r[0]).join(' | ')})`);
      }
    }
  }
  if (schema.enum !== undefined && !(schema.enum as unknown[]).includes(value)) {
    errors.push(`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  }
  const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
  if (types.length > 0 && !types.some((t) => isType(value, t))) {
    errors.push(`${at}: expected ${types.join(' or ')}, got ${value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value}`);
    return errors;
  }
  if (typeof value === 'string') {
    if (typeof schema.maxLength === 'number' && value.length > schema.maxLength) errors.push(`${at}: longer than ${schema.maxLength}`);
    if (typeof schema.minLength === 'number' && value.length < schema.minLength) errors.push(`${at}: shorter than ${schema.minLength}`);
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) errors.push(`${at}: below ${schema.minimum}`);
    if (typeof schema.maximum === 'number' && value > schema.maximum) errors.push(`${at}: above ${schema.maximum}`);
  }
  if (Array.isArray(value)) {
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) errors.push(`${at}: more than ${schema.maxItems} items`);
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) errors.push(`${at}: fewer than ${schema.minItems} items`);
    if (schema.items !== undefined) value.forEach((v, i) => errors.push(...validate(v, schema.items as Schema, `${at}[${i}]`)));
  }
  if (isPlainObject(value)) {
    const props = (schema.properties ?? {}) as Record<string, Schema>;
    for (const r of (schema.required ?? []) as string[]) if (!(r in value)) errors.push(`${at}: required property "${r}" missing`);
    for (const [k, v] of Object.entries(value)) {
      const ps = props[k];
      if (ps !== undefined) errors.push(...validate(v, ps, `${at}.${k}`));
      // Strict: GitHub ignores parameters it does not know, so a property the description does not declare
      // (and no additionalProperties allows) is a bug in the caller (a typo, a wrong endpoint).
      else if (schema.additionalProperties === false || (schema.additionalProperties === undefined && schema.properties !== undefined)) {
        errors.push(`${at}: unknown property "${k}"`);
      }
      else if (isPlainObject(schema.additionalProperties)) errors.push(...validate(v, schema.additionalProperties as Schema, `${at}.${k}`));
    }
  }
  return errors;
}

function isType(v: unknown, t: string): boolean {
  switch (t) {
    case 'string':
      return typeof v === 'string';
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v);
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    case 'boolean':
      return typeof v === 'boolean';
    case 'array':
      return Array.isArray(v);
    case 'object':
      return isPlainObject(v);
    case 'null':
      return v === null;
    default:
      return true;
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * GraphQL requests (`POST /graphql`, not in the REST description): the body must be `{query, variables}` and the
 * query must validate against GitHub's public GraphQL schema (@octokit/graphql-schema: every field, argument and
 * type as GitHub publishes them); variables must be an object.
 */
function checkGraphql(body: unknown): string[] {
  const where = 'POST /graphql';
  if (typeof body !== 'object' || body === null) return [`${where}: the body is not a JSON object`];
  const { query, variables, ...rest } = body as Record<string, unknown>;
  const problems: string[] = Object.keys(rest).map((k) => `${where}: unexpected body field "${k}"`);
  if (typeof query !== 'string') return [...problems, `${where}: "query" is not a string`];
  if (variables !== undefined && (typeof variables !== 'object' || variables === null || Array.isArray(variables))) problems.push(`${where}: "variables" is not an object`);
  for (const e of validateGraphql(query)) problems.push(`${where}: ${e.message}`);
  return problems;
}
