// Cold start of the Lambda entry: a fresh `node` process imports dist/lambda.mjs and handles one signed webhook
// (pull_request.labeled, a real example payload, ignored after validation), compared with a bare Probot app
// bundled the same way doing the same (bench/cold-start-baseline.ts). Median of several alternating runs.
// Prints figures, asserts nothing. Target (issue 3): ratio <= 1.5.
import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { signWebhookPayload } from '../src/adapters/github/events/webhook-signature.js';
import { pullRequestPayload } from '../test/github/harness.js';
import { median } from './bench-process.js';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '..');
const RUNS = 7;
const SECRET = 'cold-start-bench';

const CHILD = `
const t0 = performance.now();
const { handler } = await import(process.env.BENCH_BUNDLE);
const res = await handler(JSON.parse(process.env.BENCH_EVENT));
const ms = performance.now() - t0;
let coreMs = 0;
if (process.env.BENCH_CORE) {
  const t1 = performance.now();
  await import(process.env.BENCH_CORE);
  coreMs = performance.now() - t1;
}
console.log(JSON.stringify({ ms, coreMs, status: res.statusCode }));
`;

export async function coldStartBench(): Promise<Record<string, unknown>[]> {
  // Built the way `npm run build` builds it, into a scratch folder holding only the Lambda entry's files.
  const scratch = mkdtempSync(join(tmpdir(), 'meshfed-cold-'));
  const outdir = join(scratch, 'dist');
  const lambda = join(outdir, 'lambda.mjs');
  await build(['--entry', 'lambda', '--outdir', outdir, '--metafile']);
  const core = routerChunk(outdir);
  const baseline = join(scratch, 'baseline.mjs');
  await build(['--entry-file', 'bench/cold-start-baseline.ts', '--outfile', baseline]);

  const body = JSON.stringify(pullRequestPayload('labeled'));
  const event = {
    headers: {
      'content-type': 'application/json',
      'x-github-event': 'pull_request',
      'x-github-delivery': 'cold-start-1',
      'x-hub-signature-256': signWebhookPayload(SECRET, body),
    },
    body,
    isBase64Encoded: false,
    requestContext: { http: { method: 'POST' } },
  };
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const env = {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'production',
    APP_ID: '1',
    PRIVATE_KEY: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
    WEBHOOK_SECRET: SECRET,
    LOG_LEVEL: 'fatal',
    BENCH_EVENT: JSON.stringify(event),
  };

  const ours: number[] = [];
  const coreLoads: number[] = [];
  const base: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const r = await once(lambda, env, core);
    ours.push(r.ms);
    coreLoads.push(r.coreMs);
    base.push((await once(baseline, env)).ms);
  }
  const ms = median(ours);
  const baselineMs = median(base);
  return [
    {
      name: 'cold-start',
      // Everything deployed: dist/lambda.mjs and its chunks (the router and core load on the first handled event).
      bundle_kb: Math.round(jsBytes(outdir) / 1024),
      // What an event the bot ignores loads: the entry and the chunks it imports statically.
      initial_kb: Math.round(initialBytes(outdir, 'lambda.mjs') / 1024),
      baseline_bundle_kb: Math.round(statSync(baseline).size / 1024),
      ms: round(ms),
      baseline_ms: round(baselineMs),
      ratio: round(ms / baselineMs, 2),
      // Extra on the first event the bot acts on: importing the router and core chunk (schemas, YAML, render).
      core_import_ms: round(median(coreLoads)),
      runs: RUNS,
    },
  ];
}

async function build(args: string[]): Promise<void> {
  await run(process.execPath, [join(ROOT, 'scripts/build.mjs'), ...args], { cwd: ROOT });
}

async function once(bundle: string, env: Record<string, string>, core?: string): Promise<{ ms: number; coreMs: number }> {
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', CHILD], {
    cwd: ROOT,
    env: { ...env, BENCH_BUNDLE: pathToFileURL(bundle).href, ...(core === undefined ? {} : { BENCH_CORE: pathToFileURL(core).href }) },
  });
  const result = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as { ms: number; coreMs: number; status: number };
  if (result.status !== 200) throw new Error(`${bundle} answered ${result.status} to a signed event`);
  return result;
}

interface Meta {
  outputs: Record<string, { bytes: number; inputs: Record<string, unknown>; imports: { path: string; kind: string }[] }>;
}

function readMeta(outdir: string): Meta {
  return JSON.parse(readFileSync(join(outdir, 'meta.json'), 'utf8')) as Meta;
}

/** Bytes of `entry` and every chunk reachable from it through static imports. */
function initialBytes(outdir: string, entry: string): number {
  const meta = readMeta(outdir);
  const byAbs = new Map(Object.entries(meta.outputs).map(([k, v]) => [resolve(ROOT, k), v]));
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file) || !byAbs.has(file)) return;
    seen.add(file);
    for (const i of byAbs.get(file)?.imports ?? []) if (i.kind === 'import-statement') visit(resolve(ROOT, i.path));
  };
  visit(join(outdir, entry));
  return [...seen].reduce((sum, f) => sum + (f.endsWith('.mjs') ? (byAbs.get(f)?.bytes ?? 0) : 0), 0);
}

/** The output chunk holding the webhook router (found through esbuild's metafile). */
function routerChunk(outdir: string): string {
  const meta = readMeta(outdir);
  const found = Object.entries(meta.outputs).find(([, o]) => Object.keys(o.inputs).some((i) => i.endsWith('src/adapters/github/events/webhook-router.ts')));
  if (found === undefined) throw new Error('no chunk holds the webhook router');
  return resolve(ROOT, found[0]);
}

function jsBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && entry.name.endsWith('.mjs')) total += statSync(join(entry.parentPath, entry.name)).size;
  }
  return total;
}

function round(x: number, digits = 0): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const row of await coldStartBench()) console.log(JSON.stringify(row));
}
