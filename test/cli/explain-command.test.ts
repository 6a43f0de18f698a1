import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, REPO, scratchCopy } from './cli-helpers.js';

const MESH = join(REPO, 'examples', 'three-peer-mesh');

describe('meshfed explain', () => {
  it('GIVEN the paper example WHEN explained THEN exit 0 and every port of its flow is shown', async () => {
    const r = await cli(['explain']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('tein → gke: import echo-burst (burst) of export echo');
    expect(r.stdout).toContain('  port http (80/HTTP)');
    expect(r.stdout).toMatch(/\n {4}admitted +tein\.iotcloudserve\.net\/ns\/istio-system\/sa\/istio-ingressgateway-service-account ✓/);
  });

  it('GIVEN the three-peer mesh WHEN explained as JSON twice THEN exit 0, the same bytes, one flow per import', async () => {
    const dir = join(MESH, 'federation');
    const a = await cli(['explain', dir, '--format', 'json']);
    const b = await cli(['explain', dir, '-f', 'json']);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    const doc = JSON.parse(a.stdout) as { ok: boolean; flows: { consumer: string; importName: string }[] };
    expect(doc.ok).toBe(true);
    expect(doc.flows.map((f) => `${f.consumer}/${f.importName}`)).toEqual([
      'milan/payments-canary',
      'milan/recommender-gpu',
      'turin/catalog-failover',
      'turin/recommender-shadow',
      'virginia/catalog-burst',
    ]);
  });

  it('GIVEN --peer WHEN explained THEN only flows that peer consumes or provides', async () => {
    const r = await cli(['explain', join(MESH, 'federation'), '--peer', 'virginia', '--format', 'json']);
    expect(r.code).toBe(0);
    const flows = (JSON.parse(r.stdout) as { flows: { consumer: string; provider: string }[] }).flows;
    expect(flows.length).toBe(3);
    expect(flows.every((f) => f.consumer === 'virginia' || f.provider === 'virginia')).toBe(true);
  });

  it.each([
    ['an unknown option', ['explain', '--peers', 'gke'], 'did you mean --peer?'],
    ['the github format', ['explain', '--format', 'github'], 'unknown --format "github" (use one of human, json)'],
    ['an unknown format, answered with explain\'s own formats', ['explain', '--format', 'yaml'], 'use one of human, json'],
    ['an unknown format', ['explain', '--format', 'yaml'], 'unknown --format "yaml"'],
    ['two folders', ['explain', 'federation', 'other'], 'unexpected argument "other"'],
  ])('GIVEN %s WHEN explained THEN exit 2 (usage) saying what is wrong', async (_name, argv, message) => {
    const r = await cli(argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe('');
  });

  it('GIVEN a peer that is not in the federation WHEN explained THEN exit 1 with a suggestion', async () => {
    const r = await cli(['explain', '--peer', 'gk']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no peer "gk" in this federation (did you mean "gke"?');
  });

  it('GIVEN an invalid federation WHEN explained THEN exit 1 with file:line:col, and as JSON ok: false with the diagnostics', async () => {
    const dir = scratchCopy(join(REPO, 'federation'));
    const file = join(dir, 'federation', 'peers', 'tein', 'echo-burst.yaml');
    writeFileSync(file, 'apiVersion: meshfed.io/v1alpha1\nkind: ServiceImport\nmetadata:\n  name: echo-burst\nspec:\n  from: {peer: gke, export: ekho}\n  failover: {}\n');
    const human = await cli(['explain'], dir);
    expect(human.code).toBe(1);
    expect(human.stderr).toMatch(/federation\/peers\/tein\/echo-burst\.yaml:6:\d+: .*ekho/);
    expect(human.stdout).toBe('');
    const json = await cli(['explain', '--format', 'json'], dir);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, diagnostics: [expect.objectContaining({ code: 'import/unknown-export' })] });
  });
});
