import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESHFED_NODE_FLAGS, relaunchArguments } from '../../bin/node-flags.js';
import { REPO } from './cli-helpers.js';

describe('relaunchArguments', () => {
  const base = { script: '/opt/meshfed/bin/meshfed.js', argv: ['validate', 'federation'] };
  it.each([
    ['Node started without flags or NODE_OPTIONS', [], undefined, [...MESHFED_NODE_FLAGS, base.script, 'validate', 'federation']],
    ['NODE_OPTIONS with other flags', [], '--max-old-space-size=4096 --enable-source-maps', [...MESHFED_NODE_FLAGS, base.script, 'validate', 'federation']],
    ['NODE_OPTIONS sizing the young generation', [], '--max-semi-space-size=16', undefined],
    ['NODE_OPTIONS sizing it among others, with a space', [], '--enable-source-maps --max-semi-space-size 64', undefined],
    ['NODE_OPTIONS in V8 spelling', [], '--max_semi_space_size=16', undefined],
    ['Node started with flags of its own (an inspector)', ['--inspect'], undefined, undefined],
  ] as const)('GIVEN %s THEN the relaunch arguments are as expected', (_name, execArgv, nodeOptions, expected) => {
    expect(relaunchArguments({ ...base, execArgv, nodeOptions })).toEqual(expected);
  });

  it('GIVEN the flags in NODE_OPTIONS (where the docs tell users to set them for a long-lived process) THEN Node accepts them', async () => {
    const env = { ...process.env, NODE_OPTIONS: MESHFED_NODE_FLAGS.join(' ') };
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(process.execPath, ['-e', '0'], { env, stdio: 'ignore' });
      child.on('error', reject);
      child.on('close', resolve);
    });
    expect(code).toBe(0);
  });
});

/**
 * The launcher exactly as shipped (bin/meshfed.js and bin/node-flags.js, copied) in front of a stand-in for
 * dist/cli.mjs that reports how it was started, exits with a given code, dies by a signal, or waits for one.
 */
const STAND_IN = `
const [mode, arg] = process.argv.slice(2);
const report = () => process.stdout.write(JSON.stringify({ execArgv: process.execArgv, argv: process.argv.slice(2), pid: process.pid, ppid: process.ppid }) + '\\n');
if (mode === 'print') { report(); process.exitCode = Number(arg); }
else if (mode === 'die') process.kill(process.pid, arg);
else if (mode === 'wait') {
  process.on('SIGTERM', () => { process.stdout.write('meshfed got SIGTERM\\n'); process.exit(3); });
  report();
  setInterval(() => {}, 1000);
}
`;

interface Ended {
  readonly pid: number;
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly lines: string[];
}

describe('bin/meshfed.js', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'meshfed-launcher-'));
    mkdirSync(join(root, 'bin'));
    mkdirSync(join(root, 'dist'));
    for (const f of ['meshfed.js', 'node-flags.js']) copyFileSync(join(REPO, 'bin', f), join(root, 'bin', f));
    writeFileSync(join(root, 'dist', 'cli.mjs'), STAND_IN);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  function launch(args: readonly string[], options: { nodeArgs?: readonly string[]; nodeOptions?: string; onLine?: (line: string, pid: number) => void } = {}): Promise<Ended> {
    const env = { ...process.env };
    delete env.NODE_OPTIONS;
    if (options.nodeOptions !== undefined) env.NODE_OPTIONS = options.nodeOptions;
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), join(root, 'bin', 'meshfed.js'), ...args], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    const lines: string[] = [];
    let buffered = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        lines.push(line);
        options.onLine?.(line, child.pid as number);
      }
    });
    return new Promise((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code, signal) => resolve({ pid: child.pid as number, code, signal, lines }));
    });
  }

  const report = (ended: Ended) => JSON.parse(ended.lines[0] as string) as { execArgv: string[]; argv: string[]; pid: number; ppid: number };

  it('GIVEN Node without flags WHEN meshfed runs THEN it runs in a second Node started with the flags and the same arguments, and ends with its exit code', async () => {
    const ended = await launch(['print', '7']);
    const r = report(ended);
    expect(r.execArgv).toEqual([...MESHFED_NODE_FLAGS]);
    expect(r.argv).toEqual(['print', '7']);
    expect(r.ppid).toBe(ended.pid);
    expect(ended.code).toBe(7);
    expect(ended.signal).toBeNull();
  });

  it.each([
    ['NODE_OPTIONS sizes the young generation', { nodeOptions: '--max-semi-space-size=16' }],
    ['Node was started with a flag of its own', { nodeArgs: ['--no-warnings'] }],
  ])('GIVEN %s WHEN meshfed runs THEN it runs in that same process', async (_name, options) => {
    const ended = await launch(['print', '0'], options);
    const r = report(ended);
    expect(r.execArgv).not.toContain(MESHFED_NODE_FLAGS[0]);
    expect(r.pid).toBe(ended.pid);
    expect(ended.code).toBe(0);
  });

  it.skipIf(process.platform === 'win32')('GIVEN meshfed dies by a signal THEN the launcher ends by the same signal', async () => {
    const ended = await launch(['die', 'SIGTERM']);
    expect(ended.signal).toBe('SIGTERM');
    expect(ended.code).toBeNull();
  });

  it.skipIf(process.platform === 'win32')('GIVEN a SIGTERM sent to the launcher alone THEN meshfed receives it and the launcher ends with its exit code', async () => {
    const ended = await launch(['wait'], {
      onLine: (line, pid) => {
        if (line.startsWith('{')) process.kill(pid, 'SIGTERM');
      },
    });
    expect(report(ended).ppid).toBe(ended.pid);
    expect(ended.lines).toContain('meshfed got SIGTERM');
    expect(ended.code).toBe(3);
  });
});
