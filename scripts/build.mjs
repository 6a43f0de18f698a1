// npm run build: esbuild bundles into dist/ (ESM, no node_modules needed at run time):
//   dist/lambda.mjs  AWS Lambda handler (`handler`); deploy it with dist/chunks/
//   dist/app.mjs     the Probot application function (default export)
//   dist/cli.mjs     the meshfed CLI (entry src/cli.ts)
// Usage: node scripts/build.mjs [--entry lambda|app|cli ...] [--outdir dir] [--metafile]
//        node scripts/build.mjs --entry-file path/to/entry.ts --outfile out.mjs   (same options, any entry: benches)
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { BUILD_OPTIONS } from './build-options.mjs';

const ENTRIES = {
  lambda: 'src/lambda.ts',
  app: 'src/app.ts',
  cli: 'src/cli.ts',
};

const { values } = parseArgs({
  options: {
    entry: { type: 'string', multiple: true },
    'entry-file': { type: 'string' },
    outfile: { type: 'string' },
    outdir: { type: 'string', default: 'dist' },
    metafile: { type: 'boolean', default: false },
  },
});
const common = { ...BUILD_OPTIONS, metafile: values.metafile };

if (values['entry-file']) {
  // One self-contained file (benches: the cold-start baseline is built exactly like the real handler).
  const outfile = values.outfile ?? `${values.outdir}/custom.mjs`;
  await mkdir(dirname(outfile), { recursive: true });
  await build({ ...common, entryPoints: [values['entry-file']], outfile });
  console.log(`built ${outfile}`);
} else {
  // Code splitting: what only some events need (the router and the core: schemas, YAML, render, plan) goes
  // to dist/chunks/ and is imported on first use, so a cold start for an ignored event stays cheap.
  // Deploy the whole dist/ folder (dist/lambda.mjs plus dist/chunks/).
  const names = values.entry ?? Object.keys(ENTRIES);
  const entryPoints = {};
  for (const name of names) {
    if (ENTRIES[name] === undefined) throw new Error(`unknown entry "${name}" (known: ${Object.keys(ENTRIES).join(', ')})`);
    entryPoints[name] = ENTRIES[name];
  }
  await mkdir(values.outdir, { recursive: true });
  const result = await build({
    ...common,
    entryPoints,
    outdir: values.outdir,
    splitting: true,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
  });
  if (values.metafile && result.metafile) await writeFile(`${values.outdir}/meta.json`, JSON.stringify(result.metafile));
  for (const name of names) console.log(`built ${values.outdir}/${name}.mjs`);
}
