import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { main } from '../../src/commands/main.js';
import { bufferPrinter } from '../../src/commands/print.js';

export const REPO = join(import.meta.dirname, '..', '..');

export async function cli(argv: string[], cwd = REPO): Promise<{ code: number; stdout: string; stderr: string }> {
  const printer = bufferPrinter();
  const code = await main(argv, { cwd, printer, env: {} });
  return { code, stdout: printer.stdout.join('\n'), stderr: printer.stderr.join('\n') };
}

const temps: string[] = [];
afterEach(() => {
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
});

/** A scratch directory holding a copy of `federationDir` as `federation/`, removed after the test. */
export function scratchCopy(federationDir: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'meshfed-cli-'));
  temps.push(dir);
  cpSync(federationDir, join(dir, 'federation'), { recursive: true });
  return dir;
}

export function gitInit(dir: string): (args: string[]) => string {
  const run = (args: string[]) =>
    execFileSync('git', ['-C', dir, ...args], {
      encoding: 'utf8',
      env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.org' },
    });
  run(['init', '-q', '-b', 'main']);
  return run;
}
