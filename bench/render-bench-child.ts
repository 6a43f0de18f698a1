// One render measurement in a fresh process: prints one JSON line.
import { performance } from 'node:perf_hooks';
import { parseAllDocuments, stringify } from 'yaml';
import { hasErrors } from '../src/core/diagnostics.js';
import { compileFederation } from '../src/core/pipeline.js';
import { objectsToYaml } from '../src/core/render/serialize-yaml.js';
import { round } from './render-bench.js';
import { syntheticFederation } from './synthetic-federation.js';

const n = Number(process.argv[2]);
const files = syntheticFederation(n);
const intents = files.reduce((sum, f) => sum + f.content.split(/^---$/m).length, 0);
const gc = (globalThis as { gc?: () => void }).gc;

function measure(fn: () => void, repeats = 3): number {
  let best = Infinity;
  for (let r = 0; r < repeats; r++) {
    gc?.();
    const t0 = performance.now();
    fn();
    best = Math.min(best, performance.now() - t0);
  }
  return best / 1000;
}

// Warm up both paths once on a small federation so JIT state is comparable.
{
  const warm = syntheticFederation(30);
  const r = compileFederation(warm);
  for (const objs of r.rendered?.values() ?? []) objectsToYaml(objs);
}

let objects = 0;
let outputs: unknown[] = [];
const seconds = measure(() => {
  const result = compileFederation(files);
  if (hasErrors(result.diagnostics) || !result.rendered) {
    throw new Error(`synthetic federation invalid: ${JSON.stringify(result.diagnostics.slice(0, 3))}`);
  }
  objects = 0;
  outputs = [];
  for (const objs of result.rendered.values()) {
    objects += objs.length;
    objectsToYaml(objs);
    outputs.push(...objs);
  }
});

// The floor: the same inputs parsed and the same outputs serialised with `yaml` alone.
const floorSeconds = measure(() => {
  for (const f of files) for (const d of parseAllDocuments(f.content, { schema: 'core' })) d.toJS();
  for (const o of outputs) stringify(o);
});

const peakMb = process.resourceUsage().maxRSS / 1024;
console.log(
  JSON.stringify({
    name: 'render',
    peers: n,
    intents,
    objects,
    seconds: round(seconds),
    peak_mb: Math.round(peakMb),
    floor_seconds: round(floorSeconds),
    ratio_to_floor: round(seconds / floorSeconds),
  }),
);
