import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadFederation } from './src/core/load/load-federation.js';
import { renderFederation } from './src/core/render/render-federation.js';
import { objectsToYaml } from './src/core/render/serialize-yaml.js';
function walk(d: string): string[] { return readdirSync(d).flatMap(f => { const p = join(d, f); return statSync(p).isDirectory() ? walk(p) : [p]; }); }
const base = process.argv[2]!;
const files = walk(join(base, 'federation')).map(p => ({ path: relative(base, p), content: readFileSync(p, 'utf8') }));
const { model, diagnostics } = loadFederation(files);
console.error(diagnostics.map(d => `${d.file}:${d.line}: ${d.message}`).join('\n'));
for (const [peer, objs] of renderFederation(model)) { console.log(`######## ${peer}`); console.log(objectsToYaml(objs)); }
