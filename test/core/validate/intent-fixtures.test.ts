import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFederationDir } from '../../../src/adapters/fs/read-federation-dir.js';
import { formatDiagnostic } from '../../../src/core/diagnostics.js';
import { compileFederation } from '../../../src/core/pipeline.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/intents');
/** `UPDATE_GOLDEN=1 npx vitest run test/core/validate` rewrites expected.txt files; review the diff. */
const UPDATE = process.env.UPDATE_GOLDEN === '1';

async function check(dir: string): Promise<string[]> {
  return compileFederation(await readFederationDir(dir)).diagnostics.map(formatDiagnostic);
}

const dirs = (kind: string) => readdirSync(path.join(FIXTURES, kind)).sort();

describe('real intent files', () => {
  it.each(dirs('valid'))('GIVEN the valid federation %s WHEN loaded and validated THEN there is nothing to report', async (name) => {
    expect(await check(path.join(FIXTURES, 'valid', name))).toEqual([]);
  });

  it.each(dirs('broken'))('GIVEN the broken federation %s WHEN loaded and validated THEN the diagnostics are those in expected.txt', async (name) => {
    const dir = path.join(FIXTURES, 'broken', name);
    const actual = await check(dir);
    const expectedFile = path.join(dir, 'expected.txt');
    if (UPDATE) writeFileSync(expectedFile, `${actual.join('\n')}\n`);
    expect(actual.length).toBeGreaterThan(0);
    expect(actual).toEqual(readFileSync(expectedFile, 'utf8').trimEnd().split('\n'));
  });
});
