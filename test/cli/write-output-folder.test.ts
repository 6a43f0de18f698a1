import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/commands/usage-error.js';
import { writeOutputFolder } from '../../src/commands/write-output-folder.js';
import { MANIFEST_HEADER } from '../../src/core/render/output/manifest-files.js';
import { cli, scratchCopy } from './cli-helpers.js';

describe('an output folder the file system refuses', () => {
  it.each([['render'], ['run']])('GIVEN a folder where `meshfed %s --out` writes a file WHEN run THEN exit 1 names the path and how to mend it, no internal error', async (command) => {
    const dir = scratchCopy('examples/three-peer-mesh/federation');
    expect((await cli([command, 'federation', '--out', 'out'], dir)).code).toBe(0);
    const file = join(dir, 'out', 'milan', 'authorizationpolicy.istio-system.meshfed-deny-foreign.yaml');
    rmSync(file);
    mkdirSync(file);

    const { code, stderr } = await cli([command, 'federation', '--out', 'out'], dir);
    expect(code).toBe(1);
    expect(stderr).toContain(`meshfed ${command}: cannot write the output folder out: EISDIR at ${file} (a folder stands where meshfed writes this file: remove or rename it)`);
    expect(stderr).not.toContain('internal error');
  });

  it('GIVEN the files written on the worker thread WHEN one is refused THEN the same error names it', async () => {
    const dir = scratchCopy('examples/three-peer-mesh/federation');
    mkdirSync(join(dir, 'out', 'p1', 'o3.yaml'), { recursive: true });
    const files = Array.from({ length: 10 }, (_, i) => ({ path: `p1/o${i}.yaml`, content: `${MANIFEST_HEADER}\nn: ${i}\n` }));
    const written = writeOutputFolder(dir, 'out', files, { threadFromFiles: 0 });
    await expect(written).rejects.toThrow(InvalidInputError);
    await expect(written).rejects.toThrow(`cannot write the output folder out: EISDIR at ${join(dir, 'out', 'p1', 'o3.yaml')}`);
  });
});
