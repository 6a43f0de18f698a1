import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/commands/command-table.js';
import { streamPrinter, type OutputStream } from '../../src/commands/print.js';
import { cli, REPO } from './cli-helpers.js';

/** Quotes and brackets in a message come in pairs (Node's own parseArgs message left a quote open). */
function balanced(text: string): boolean {
  const quotes = (text.match(/"/g) ?? []).length % 2 === 0;
  let depth = 0;
  for (const c of text) {
    if (c === '(') depth++;
    if (c === ')' && --depth < 0) return false;
  }
  return quotes && depth === 0;
}

describe('one argument parser for every command', () => {
  it.each([
    // [argv, exit code, what stderr says]
    [['valdiate'], 2, 'meshfed: unknown command "valdiate" (did you mean "validate"?)'],
    [['rendr', 'federation'], 2, 'unknown command "rendr" (did you mean "render"?)'],
    [['--fromat', 'json'], 2, 'meshfed: unknown option --fromat before the command'],
    [['validate', '--fromat', 'json'], 2, 'meshfed validate: unknown option --fromat (did you mean --format?)'],
    [['plan', '--bsae', 'main'], 2, 'meshfed plan: unknown option --bsae (did you mean --base?)'],
    [['apply', '--peer', 'milan', '--dryrun'], 2, 'meshfed apply: unknown option --dryrun (did you mean --dry-run?)'],
    [['drift', '--peer', 'milan', '--markdwn', 'x.md'], 1, 'meshfed drift: unknown option --markdwn (did you mean --markdown?)'],
    [['validate', '--format', 'jsno'], 2, 'meshfed validate: unknown --format "jsno" (did you mean "json"? use one of human, json, github)'],
    [['validate', '--format'], 2, 'meshfed validate: --format needs a value (write --format FORMAT)'],
    [['plan', '--base', '--head', 'x'], 2, 'meshfed plan: --base needs a value, but is followed by the option "--head"'],
    [['plan', '--no-diff=yes', '--base', 'main'], 2, 'meshfed plan: --no-diff takes no value'],
    [['render', '--peer', 'a', '--peer', 'b'], 2, 'meshfed render: --peer is given more than once (give --peer once)'],
    [['schema', 'extra'], 2, 'meshfed schema: unexpected argument "extra" (schema takes no arguments'],
    [['codeowners', '--check', '--stdout'], 2, 'meshfed codeowners: --check and --stdout cannot be combined'],
    [['drift'], 1, 'meshfed drift: --peer is required'],
    [['apply'], 2, 'meshfed apply: --peer is required'],
  ])('GIVEN meshfed %j THEN exit %i and a message with a suggestion, quotes balanced, pointing at the help', async (argv, code, message) => {
    const r = await cli(argv);
    expect(r.code).toBe(code);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
    expect(r.stderr).toMatch(/Run "meshfed help( [a-z-]+)?" for/);
    for (const line of r.stderr.split('\n')) expect(balanced(line), line).toBe(true);
  });
});

describe('one help layout for every command', () => {
  it.each(Object.keys(COMMANDS))('GIVEN "meshfed help %s" and "--help" THEN the same text in the shared layout', async (name) => {
    const viaHelp = await cli(['help', name]);
    const viaFlag = await cli([name, '--help']);
    const viaShort = await cli([name, '-h', '--no-such-option']);
    expect(viaHelp.code).toBe(0);
    expect(viaFlag).toEqual(viaHelp);
    expect(viaShort).toEqual(viaHelp);
    const text = viaHelp.stdout;
    expect(text.split('\n')[0]).toMatch(new RegExp(`^Usage: meshfed ${name}( |$)`));
    expect(text).toMatch(/\n\nOptions:\n(.*\n)* {2}-h, --help {14}show this help\n/);
    expect(text).toMatch(/\n\nExit codes: 0 /);
    const definition = (await COMMANDS[name]!.load()).definition;
    for (const option of Object.keys(definition.options)) expect(text).toContain(`--${option}`);
    for (const line of text.split('\n')) expect(line.length, line).toBeLessThanOrEqual(100);
  });

  it('GIVEN drift\'s help THEN its exit codes say that 2 always means drift', async () => {
    expect((await cli(['help', 'drift'])).stdout).toContain('Exit codes: 0 no drift, 2 drift found, 1 every error');
  });
});

describe('the output layer', () => {
  it('GIVEN the reader of stdout goes away (meshfed render | head -1) THEN meshfed stops writing quietly and exits 0', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'render', 'federation'], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy(); // the reader is gone before the first write
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  }, 30_000);

  it('GIVEN stdout fails for another reason THEN the error is said on stderr once and the exit code is 70', () => {
    const stream = () => Object.assign(new EventEmitter(), { lines: [] as string[], write(t: string) { this.lines.push(t); return true; } });
    const out = stream();
    const err = stream();
    const codes: number[] = [];
    const printer = streamPrinter(out as OutputStream, err as OutputStream, (c) => codes.push(c));
    printer.out('one');
    out.emit('error', Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }));
    out.emit('error', Object.assign(new Error('write after end'), { code: 'ERR_STREAM_DESTROYED' }));
    printer.out('two');
    expect(out.lines).toEqual(['one\n']);
    expect(err.lines).toEqual(['meshfed: cannot write to standard output: ENOSPC: no space left on device, write\n']);
    expect(codes).toEqual([70]);
  });
});
