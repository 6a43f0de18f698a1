// One measurement of the render bench in a fresh process (bundled like the CLI). Prints one JSON line.
//   pipeline DIR  read DIR/federation, compile (parse, validate), render and serialise peer after peer as
//                 `meshfed render` does (each peer's objects dropped once serialised): timed once, cold
//   floor DIR     the same files read and parsed with `yaml` alone, the same objects through JSON.stringify
import { parseAllDocuments } from 'yaml';
import { readFederationDir } from '../src/adapters/fs/read-federation-dir.js';
import { hasErrors } from '../src/core/diagnostics.js';
import { compileFederation } from '../src/core/pipeline.js';
import { RenderedOnDemand } from '../src/core/render/rendered-on-demand.js';
import { objectsToYaml } from '../src/core/render/output/serialize-yaml.js';

const [mode, dir] = process.argv.slice(2) as [string, string];

if (mode === 'pipeline') {
  const t0 = performance.now();
  const files = await readFederationDir(dir, 'federation');
  const result = compileFederation(files, { root: 'federation', render: false });
  if (hasErrors(result.diagnostics)) throw new Error(`the synthetic federation does not validate: ${JSON.stringify(result.diagnostics.slice(0, 3))}`);
  let bytes = 0;
  for (const objects of new RenderedOnDemand(result).values()) bytes += objectsToYaml(objects).length;
  console.log(JSON.stringify({ seconds: (performance.now() - t0) / 1000, bytes }));
} else {
  // The objects to stringify come from meshfed itself, outside the timed part.
  const rendered = compileFederation(await readFederationDir(dir, 'federation'), { root: 'federation' }).rendered ?? new Map();
  const t0 = performance.now();
  const files = await readFederationDir(dir, 'federation');
  for (const f of files) for (const doc of parseAllDocuments(f.content, { schema: 'core' })) doc.toJS();
  let bytes = 0;
  for (const objects of rendered.values()) bytes += JSON.stringify(objects).length;
  console.log(JSON.stringify({ seconds: (performance.now() - t0) / 1000, bytes }));
}
