import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

/**
 * The project's design notes and the papers it started from are not in the repository: docs, code and tests
 * must say what they need where a reader finds it, not point at DESIGN.md or the seed papers' file names.
 */
describe('the repository stands on its own', () => {
  it('GIVEN every tracked text file THEN none refers to DESIGN.md or the seed papers by file name', () => {
    const files = execFileSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' })
      .split('\n')
      // This file names what it looks for.
      .filter((f) => /\.(md|ts|js|mjs|cjs|ya?ml|json)$/.test(f) && f !== 'package-lock.json' && f !== 'test/docs/standalone-docs.test.ts');
    const found: string[] = [];
    for (const file of files) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      text.split('\n').forEach((line, i) => {
        if (/\bDESIGN(\.md)?\b|\bseeds\/\d/.test(line)) found.push(`${file}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(found).toEqual([]);
  });
});
