import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { loadFederation } from './src/core/load/load-federation.js';
import { renderFederation } from './src/core/render/render-federation.js';
const crds = parseAllDocuments(readFileSync('/work/shared/istio-crds/crd-all.gen.yaml', 'utf8')).map(d => d.toJS()).filter(Boolean);
function schemaFor(apiVersion: string, kind: string): any {
  const [group, version] = apiVersion.split('/');
  const crd = crds.find((c: any) => c.spec.group === group && c.spec.names.kind === kind);
  const v = crd?.spec.versions.find((v: any) => v.name === version);
  if (!v) throw new Error(`no CRD ${apiVersion} ${kind}`);
  return { schema: v.schema.openAPIV3Schema, served: v.served };
}
const errors: string[] = [];
const cel = new Set<string>();
function check(s: any, v: any, path: string) {
  if (s === undefined) return;
  if (s['x-kubernetes-validations']) for (const r of s['x-kubernetes-validations']) cel.add(`${path.replace(/\[\d+\]/g,'[]')}: ${r.rule} -- ${r.message}`);
  if (s.oneOf) { const n = s.oneOf.filter((alt: any) => (alt.required ?? []).every((k: string) => v && v[k] !== undefined) && !alt.not).length; }
  if (s['x-kubernetes-preserve-unknown-fields']) return;
  switch (s.type) {
    case 'object':
      if (typeof v !== 'object' || v === null || Array.isArray(v)) { errors.push(`${path}: expected object`); return; }
      for (const r of s.required ?? []) if (v[r] === undefined) errors.push(`${path}.${r}: required`);
      for (const [k, val] of Object.entries(v)) {
        if (s.properties && k in s.properties) check(s.properties[k], val, `${path}.${k}`);
        else if (s.additionalProperties && typeof s.additionalProperties === 'object') check(s.additionalProperties, val, `${path}.${k}`);
        else errors.push(`${path}.${k}: UNKNOWN FIELD`);
      }
      if (s.maxProperties !== undefined && Object.keys(v).length > s.maxProperties) errors.push(`${path}: too many props`);
      break;
    case 'array':
      if (!Array.isArray(v)) { errors.push(`${path}: expected array`); return; }
      v.forEach((x, i) => check(s.items, x, `${path}[${i}]`));
      break;
    case 'string': if (typeof v !== 'string') errors.push(`${path}: expected string got ${JSON.stringify(v)}`); else if (s.enum && !s.enum.includes(v)) errors.push(`${path}: ${v} not in enum`); if (s.maxLength && typeof v==='string' && v.length > s.maxLength) errors.push(`${path}: too long`); break;
    case 'integer': if (!Number.isInteger(v)) errors.push(`${path}: expected integer got ${v}`); else { if (s.maximum !== undefined && v > s.maximum) errors.push(`${path}: > max`); if (s.minimum !== undefined && v < s.minimum) errors.push(`${path}: < min`); } break;
    case 'number': if (typeof v !== 'number') errors.push(`${path}: expected number`); break;
    case 'boolean': if (typeof v !== 'boolean') errors.push(`${path}: expected boolean`); break;
    default: if (s.type) errors.push(`${path}: unhandled type ${s.type}`);
  }
}
function walk(d: string): string[] { return readdirSync(d).flatMap(f => { const p = join(d, f); return statSync(p).isDirectory() ? walk(p) : [p]; }); }
let n = 0;
import { renderFederation as rf } from './src/core/render/render-federation.js';

for (const base of ['.', 'examples/three-peer-mesh', ...process.argv.slice(2)]) {
  const files = walk(join(base, 'federation')).map(p => ({ path: relative(base, p), content: readFileSync(p, 'utf8') }));
  const { model } = loadFederation(files);
  for (const [, objs] of renderFederation(model)) for (const o of objs) { n++; const { schema, served } = schemaFor(o.apiVersion, o.kind); if (!served) errors.push('not served'); check(schema.properties.spec, JSON.parse(JSON.stringify(o.spec)), `${o.kind}/${o.metadata.name}.spec`); }
}
console.log(`checked ${n} objects`); console.log(errors.join('\n') || 'no errors');
console.log('CEL rules on paths we use:\n' + [...cel].join('\n'));
import { coverageFederation } from './__cov.js';
for (const v of ['1.30.3', '1.21.4', '1.16.2']) for (const [, objs] of rf(coverageFederation(v))) for (const o of objs) { n++; const { schema, served } = schemaFor(o.apiVersion, o.kind); if (!served) errors.push('not served'); check(schema.properties.spec, JSON.parse(JSON.stringify(o.spec)), `${v} ${o.kind}/${o.metadata.name}.spec`); }
console.log(`checked ${n} objects incl. coverage`); console.log(errors.join('\n') || 'no errors');
console.log('ALL CEL:\n' + [...new Set([...cel].map(c => c.replace(/^[0-9. ]*([A-Za-z]+)\/meshfed-[a-z0-9-]+\.spec/, '$1 SPEC').replace(/\.ports\.[a-z]+:/, '.ports.<name>:')))].sort().join('\n'));
