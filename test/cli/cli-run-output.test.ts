import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, gitInit, REPO, scratchCopy } from './cli-helpers.js';

/** A scratch repository like this one: the paper federation committed at HEAD, the three-peer example beside it. */
function repository(): string {
  const dir = scratchCopy(join(REPO, 'federation'));
  cpSync(join(REPO, 'examples', 'three-peer-mesh', 'federation'), join(dir, 'examples', 'three-peer-mesh', 'federation'), { recursive: true });
  const git = gitInit(dir);
  git(['add', '-A']);
  git(['commit', '-q', '-m', 'base']);
  return dir;
}

describe('meshfed run says which federation, what changed since the base, and what was written', () => {
  it('GIVEN npm start\'s two runs THEN each summary names its own folder, not "federation" twice', async () => {
    const dir = repository();
    const a = await cli(['run', 'federation'], dir);
    const b = await cli(['run', 'examples/three-peer-mesh/federation', '--out', 'out/three-peer-mesh'], dir);
    expect(a.stdout.split('\n')[0]).toBe('federation: 2 peers, 6 files: valid');
    expect(b.stdout.split('\n')[0]).toBe('examples/three-peer-mesh/federation: 3 peers, 10 files: valid');
    expect(b.stdout).toContain('out/three-peer-mesh/ holds the 29 manifests of examples/three-peer-mesh/federation:');
  });

  it('GIVEN a fresh checkout (nothing changed since HEAD, out/ empty) THEN the plan says no change and out/ says it holds the whole state', async () => {
    const r = await cli(['run', 'federation'], repository());
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('\nplan vs HEAD: no object of any peer changes\nout/ holds the 10 manifests of federation: 10 written, 0 already up to date, 0 stale removed');
  });

  it('GIVEN an edit in the working tree THEN the plan line counts the changed objects and peers', async () => {
    const dir = repository();
    const file = join(dir, 'federation', 'peers', 'gke', 'echo-export.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('maxConnections: 3', 'maxConnections: 4'));
    const r = await cli(['run', 'federation'], dir);
    expect(r.stdout).toMatch(/\nplan vs HEAD: 0 objects added, [1-9]\d* changed, 0 removed, in [12] of 2 peers\n/);
  });
});
