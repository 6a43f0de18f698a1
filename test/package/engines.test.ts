import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { version?: string; dev?: boolean; engines?: { node?: string } | string[] }>;
};

/** The oldest release of each Node line meshfed supports (README: Node 20.18+, 22 and 24). */
const SUPPORTED = ['20.18.1', '22.0.0', '24.0.0'];

describe('meshfed runs on the Node versions it names', () => {
  it('GIVEN package.json engines THEN it admits Node 20.18.1, 22 and 24 (probot needs 20.18.1 on the 20 line)', () => {
    for (const v of SUPPORTED) expect(semver.satisfies(v, pkg.engines.node), v).toBe(true);
    expect(semver.satisfies('20.18.0', pkg.engines.node)).toBe(false);
  });

  it('GIVEN every package npm ci installs for production THEN its engines admit every supported Node (no EBADENGINE)', () => {
    const refusing: string[] = [];
    for (const [path, entry] of Object.entries(lock.packages)) {
      const range = !Array.isArray(entry.engines) ? entry.engines?.node : undefined;
      if (path === '' || entry.dev || range === undefined) continue;
      for (const v of SUPPORTED) if (!semver.satisfies(v, range)) refusing.push(`${path}@${entry.version ?? '?'} wants node ${range}, not ${v}`);
    }
    // content-type is held at 2.1.0 by the override in package.json: see README, "Node versions".
    expect(refusing).toEqual([]);
  });
});
