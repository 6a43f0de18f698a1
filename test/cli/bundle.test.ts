import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, REPO as ROOT } from './cli-helpers.js';

const run = promisify(execFile);

describe('the bundled CLI (npm run build: dist/cli.mjs, minified) does what the sources do', () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'meshfed-bundle-'));
    await run(process.execPath, [join(ROOT, 'scripts/build.mjs'), '--entry', 'cli', '--outdir', dir], { cwd: ROOT });
  }, 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['validate', ['validate', 'examples/three-peer-mesh/federation', '--format', 'json']],
    ['render', ['render', 'examples/three-peer-mesh/federation']],
    ['explain', ['explain', 'examples/three-peer-mesh/federation', '--format', 'json']],
    ['an invalid federation', ['validate', 'test/fixtures/intents/broken/import-without-consent/federation']],
  ])('GIVEN %s WHEN run bundled and from the sources THEN the output and exit code are the same', async (_name, args) => {
    const bundled = await run(process.execPath, [join(dir, 'cli.mjs'), ...args], { cwd: ROOT }).then(
      (r) => ({ code: 0, stdout: r.stdout }),
      (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
    );
    const source = await cli(args);
    expect(bundled.code).toBe(source.code);
    expect(bundled.stdout.trimEnd()).toBe(source.stdout.trimEnd());
  }, 60_000);
});
