import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cli, gitInit, REPO } from './cli-helpers.js';

const temps: string[] = [];
afterEach(() => {
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
});

/** A git repository holding the paper scenario at `infra/federation`, committed on main. */
function infraRepo(): { dir: string; git: (args: string[]) => string } {
  const dir = mkdtempSync(join(tmpdir(), 'meshfed-infra-'));
  temps.push(dir);
  cpSync(join(REPO, 'federation'), join(dir, 'infra', 'federation'), { recursive: true });
  const git = gitInit(dir);
  git(['add', '-A']);
  git(['commit', '-q', '-m', 'base']);
  return { dir, git };
}

describe('a federation in a subfolder of its repository (infra/federation)', () => {
  it('GIVEN a commit adding a workflow and a root CODEOWNERS WHEN planned THEN both are federation-wide: every peer must approve', async () => {
    const { dir, git } = infraRepo();
    mkdirSync(join(dir, '.github', 'workflows'), { recursive: true });
    writeFileSync(join(dir, '.github', 'workflows', 'evil.yml'), 'on: push\n');
    writeFileSync(join(dir, 'CODEOWNERS'), '* @mallory\n');
    git(['add', '-A']);
    git(['commit', '-q', '-m', 'evil']);

    const r = await cli(['plan', 'infra/federation', '--base', 'HEAD~1', '--head', 'HEAD', '--author', 'mallory', '--format', 'json'], dir);

    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { consent: { satisfied: boolean; peers: { peer: string; reasons: string[] }[] } };
    expect(out.consent.satisfied).toBe(false);
    expect(out.consent.peers.map((p) => [p.peer, p.reasons])).toEqual([['gke', ['federation-wide']], ['tein', ['federation-wide']]]);
  });

  it('GIVEN the working tree edits a peer WHEN planned from inside the subfolder THEN the peer must approve and paths are repository paths', async () => {
    const { dir } = infraRepo();
    const file = join(dir, 'infra', 'federation', 'peers', 'gke', 'echo-export.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('maxConnections: 3', 'maxConnections: 5'));

    const r = await cli(['plan', 'federation', '--base', 'HEAD', '--format', 'json'], join(dir, 'infra'));

    const out = JSON.parse(r.stdout) as { consent: { peers: { peer: string; reasons: string[] }[] } };
    expect(out.consent.peers.find((p) => p.peer === 'gke')?.reasons).toContain('folder-touched');
  });

  it.each([['validate'], ['run'], ['plan']])('GIVEN an invalid intent WHEN %s runs with --format github THEN the annotation names the file from the repository root', async (command) => {
    const { dir } = infraRepo();
    const file = join(dir, 'infra', 'federation', 'peers', 'tein', 'echo-burst.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('export: echo', 'export: echoo'));

    const r = await cli([command, 'infra/federation', ...(command === 'plan' ? ['--base', 'HEAD'] : []), '--format', 'github'], dir);

    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^::error file=infra\/federation\/peers\/tein\/echo-burst\.yaml,line=\d+/m);
  });
});

describe('meshfed plan names a consumer whose access a provider narrows', () => {
  it("GIVEN gke admits only a service account of tein's that does not exist WHEN planned by gke's owner THEN tein must approve and the plan says what it loses", async () => {
    const { dir } = infraRepo();
    const file = join(dir, 'infra', 'federation', 'peers', 'gke', 'echo-export.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('serviceAccount: istio-ingressgateway-service-account', 'serviceAccount: ghost'));

    const r = await cli(['plan', 'infra/federation', '--base', 'HEAD', '--author', 'somchai-k'], dir);

    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\[ \] tein \(access-narrowed\): waiting for /);
    expect(r.stdout).toContain('Narrowed: tein imports gke/echo and loses access: it no longer admits istio-system/istio-ingressgateway-service-account.');
  });
});
