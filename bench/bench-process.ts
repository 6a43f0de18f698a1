// Running measured work in fresh processes: the bench's code is bundled the way `npm run build` bundles the CLI
// (scripts/build.mjs, same esbuild options), so the figures are those of the shipped artifact, not of tsx.
import { execFile, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build, type BuildOptions } from 'esbuild';

const run = promisify(execFile);
export const ROOT = resolve(import.meta.dirname, '..');

const scratch: string[] = [];
process.on('exit', () => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

/** A scratch folder (under `parent`, default the system's temporary folder) removed when the bench process ends. */
export function scratchDir(prefix: string, parent = tmpdir()): string {
  const dir = mkdtempSync(join(parent, `meshfed-bench-${prefix}-`));
  scratch.push(dir);
  return dir;
}

const built = new Map<string, Promise<string>>();

/**
 * Bundles `entry` (a bench child, or `cli` for the meshfed CLI exactly as `npm run build` builds it) once per
 * bench run, with the shipped esbuild options (scripts/build-options.mjs); returns the .mjs path, for `cli` the
 * launcher as installed (bin/meshfed.js in front of dist/cli.mjs: what a user's `meshfed` runs, its second Node
 * included). Bundles go under node_modules/.cache so that what stays external (and the test fixtures'
 * `createRequire`) resolves as in the repo.
 */
export function bundle(entry: string): Promise<string> {
  let p = built.get(entry);
  if (p === undefined) {
    p = (async () => {
      const base = join(ROOT, 'node_modules', '.cache', 'meshfed-bench');
      await mkdir(base, { recursive: true });
      const dir = scratchDir('bundle', base);
      if (entry === 'cli') {
        await run(process.execPath, [join(ROOT, 'scripts/build.mjs'), '--entry', 'cli', '--outdir', join(dir, 'dist')], { cwd: ROOT });
        mkdirSync(join(dir, 'bin'));
        for (const f of ['meshfed.js', 'node-flags.js']) copyFileSync(join(ROOT, 'bin', f), join(dir, 'bin', f));
        return join(dir, 'bin', 'meshfed.js');
      }
      const outfile = join(dir, 'child.mjs');
      const { BUILD_OPTIONS } = (await import(pathToFileURL(join(ROOT, 'scripts/build-options.mjs')).href)) as { BUILD_OPTIONS: BuildOptions };
      // Test-only packages (nock, the OpenAPI description the GitHub mock checks against, example payloads) stay
      // external: they read their own data files next to their code.
      const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { devDependencies?: Record<string, string> };
      const dev = Object.keys(pkg.devDependencies ?? {}).flatMap((name) => [name, `${name}/*`]);
      await build({ ...BUILD_OPTIONS, entryPoints: [join(ROOT, entry)], outfile, sourcemap: false, legalComments: 'none', external: [...(BUILD_OPTIONS.external ?? []), ...dev] });
      return outfile;
    })();
    built.set(entry, p);
  }
  return p;
}

export interface ProcessRun {
  readonly seconds: number;
  readonly peakMb: number;
  readonly stdout: string;
  /** The end of what the process wrote to stderr (for error messages). */
  readonly stderr: string;
  readonly code: number;
}

/**
 * Runs `node [nodeArgs] script args` in a fresh process: wall time from spawn to exit (Node's own start-up
 * included, as a user waits for it, and any Node the script starts) and the largest peak resident memory of
 * those processes, reported at exit by a preload given through NODE_OPTIONS.
 */
export async function timedProcess(script: string, args: readonly string[], options: { cwd?: string; env?: Record<string, string>; nodeArgs?: readonly string[] } = {}): Promise<ProcessRun> {
  const usage = join(scratchDir('usage'), 'usage.json');
  const preload = join(ROOT, 'bench/report-usage.mjs');
  const t0 = performance.now();
  const { stdout, stderr, code } = await new Promise<{ stdout: string; stderr: string; code: number }>((resolveRun, reject) => {
    const nodeOptions = [process.env.NODE_OPTIONS, `--import=${pathToFileURL(preload).href}`].filter(Boolean).join(' ');
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), script, ...args], {
      cwd: options.cwd ?? ROOT,
      env: { ...process.env, ...options.env, NODE_OPTIONS: nodeOptions, BENCH_USAGE_FILE: usage },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (err = (err + c).slice(-4000)));
    child.on('error', reject);
    child.on('close', (c) => (c === null ? reject(new Error(`${script} was killed: ${err}`)) : resolveRun({ stdout: out, stderr: err, code: c })));
  });
  const seconds = (performance.now() - t0) / 1000;
  const reports = readFileSync(usage, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { maxRssKb: number });
  const maxRssKb = Math.max(...reports.map((r) => r.maxRssKb));
  return { seconds, peakMb: Math.round(maxRssKb / 1024), stdout, stderr, code };
}

/** The last line of a child's output, as JSON. */
export function lastJsonLine(stdout: string): Record<string, unknown> {
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as Record<string, unknown>;
}

/** The middle of `xs` (the upper middle for an even count). */
export function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

export function round(x: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
