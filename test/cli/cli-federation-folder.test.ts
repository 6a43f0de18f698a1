import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, REPO, scratchCopy } from './cli-helpers.js';

const PAPER = join(REPO, 'federation');

/** The DIR a message proposes, e.g. `pass "../.." as DIR` or `did you mean "federation"?`. */
function proposedDir(message: string): string {
  const m = /(?:did you mean|pass|as DIR:|the federation folder,) "([^"]+)"/.exec(message);
  if (!m) throw new Error(`no DIR proposed in: ${message}`);
  return m[1] as string;
}

describe('DIR that is not a federation folder', () => {
  it.each([
    // [where meshfed runs (inside the scratch repository), DIR, what it says]
    ['.', 'federation/federation.yaml', 'meshfed validate: federation/federation.yaml is a file, not a folder (meshfed reads a whole federation, since its rules span peers: pass the federation folder, "federation")'],
    ['.', 'federaton', 'meshfed validate: no such folder: federaton (did you mean "federation"? DIR is the federation folder, the one holding federation.yaml and peers/)'],
    ['federation', undefined, 'meshfed validate: there is no folder "federation" here: you are inside the federation folder'],
    ['federation/peers/gke', undefined, 'give it as DIR: "../.."; or run meshfed from'],
    ['federation/peers/gke', '.', 'meshfed validate: . is inside the federation folder'],
    ['.', 'federation/peers', 'meshfed validate: federation/peers is inside the federation folder'],
    ['.', '.', 'meshfed validate: . holds no federation.yaml and no peers/, but its folder "federation" does (pass "federation" as DIR)'],
  ])('GIVEN meshfed validate run in %s with DIR %s THEN exit 1 with a message whose proposed DIR validates', async (where, dir, message) => {
    const repo = scratchCopy(PAPER);
    const cwd = join(repo, where);
    const r = await cli(['validate', ...(dir === undefined ? [] : [dir])], cwd);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toMatch(/internal error|create .*federation\.yaml/);
    const fixed = await cli(['validate', proposedDir(r.stderr)], cwd);
    expect(fixed.stderr).toBe('');
    expect(fixed.code).toBe(0);
  });

  it('GIVEN a folder that does not exist THEN "no such folder", not "create nonexistent/federation.yaml"', async () => {
    const r = await cli(['validate', '/nonexistent']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('meshfed validate: no such folder: /nonexistent (DIR is the federation folder, the one holding federation.yaml and peers/)');
  });

  it.each([['run'], ['render'], ['graph'], ['codeowners']])('GIVEN meshfed %s on a file THEN the same message and exit 1', async (command) => {
    const r = await cli([command, 'federation/federation.yaml']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`meshfed ${command}: federation/federation.yaml is a file, not a folder`);
  });
});

describe('runner commands name their own purpose', () => {
  it('GIVEN drift --peer nosuch THEN it says nothing is compared and names the drift environment, not apply\'s words; exit 1', async () => {
    const r = await cli(['drift', '--peer', 'teinn', 'federation']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error: peer "teinn" is not in federation/peers/ at this commit (did you mean "tein"? peers: gke, tein); nothing is compared.');
    expect(r.stderr).toContain('meshfed-<peer>-drift');
    expect(r.stderr).not.toMatch(/appl(y|ied)|deployment/);
  });

  it('GIVEN apply on a missing folder THEN "no such folder" and nothing is applied; exit 1', async () => {
    const r = await cli(['apply', '--peer', 'gke', 'federaton']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error: no such folder: federaton (did you mean "federation"?');
    expect(r.stderr).toContain('nothing is applied');
  });
});
