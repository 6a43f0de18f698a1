import { Document } from 'yaml';
import { readFileSync } from 'node:fs';
import { renderFederation } from './src/core/render/render-federation.js';
import { objectToYaml } from './src/core/render/serialize-yaml.js';
import { canonicalObject } from './src/core/render/canonical-object.js';
import { exampleModel, EXAMPLES } from './test/core/render/example-federations.js';
let n = 0, diff = 0;
for (const e of EXAMPLES) for (const [, objs] of renderFederation(exampleModel(e.repoDir))) for (const o of objs) {
  n++;
  const lib = new Document(canonicalObject(o), { version: '1.1', aliasDuplicateObjects: false }).toString({ lineWidth: 0, minContentWidth: 0, indentSeq: true });
  const mine = objectToYaml(o);
  if (lib !== mine) { diff++; console.log('DIFF', o.kind, o.metadata.name); console.log(lib); console.log(mine); break; }
}
console.log({ n, diff });
