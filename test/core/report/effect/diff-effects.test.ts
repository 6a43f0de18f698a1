import { describe, expect, it } from 'vitest';
import { diffEffects } from '../../../../src/core/report/effect/diff-effects.js';
import type { ExplainReport } from '../../../../src/core/report/effect/explain-report.js';
import { edited, exampleSources, explainFiles, without } from './explain-fixtures.js';

const PAPER = exampleSources('federation');
const EXPORT = 'federation/peers/gke/echo-export.yaml';
const BURST = 'federation/peers/tein/echo-burst.yaml';
const base = explainFiles(PAPER);

function weaker(head: ExplainReport, from: ExplainReport = base): string[] {
  return diffEffects(from, head).flows.flatMap((f) => f.ports.flatMap((p) => p.weaker));
}

describe('diffEffects: before → after per flow and port, computed from both commits\' rendered objects', () => {
  it('GIVEN the same federation WHEN compared THEN no flow is listed', () => {
    expect(diffEffects(base, explainFiles(PAPER)).flows).toEqual([]);
  });

  it.each([
    ['the provider\'s gateway cap raised', () => explainFiles(edited(PAPER, EXPORT, 'maxConnections: 3', 'maxConnections: 30')), "maxConnections on gke's east-west gateway raised from 3 to 30"],
    ['the provider\'s gateway cap removed', () => explainFiles(edited(PAPER, EXPORT, / {2}inbound:\n {4}maxConnections: 3\n {4}connectTimeout: 5s\n?/, '')), "maxConnections on gke's east-west gateway removed (was 3)"],
    [
      'the consumer no longer admitted (the provider\'s ALLOW policy gone)',
      () => explainFiles(PAPER, without('gke', (o) => o.kind === 'AuthorizationPolicy')),
      'tein.iotcloudserve.net/ns/istio-system/sa/istio-ingressgateway-service-account on outbound_.1_._.echo.echo.svc.cluster.local is now admitted by gke',
    ],
  ])('GIVEN %s WHEN compared with the paper example THEN it is reported as weaker', (_name, head, line) => {
    expect(weaker(head())).toContain(line);
  });

  it('GIVEN the gateway cap lowered WHEN compared THEN the limits fact changes, and nothing is weaker', () => {
    const d = diffEffects(base, explainFiles(edited(PAPER, EXPORT, 'maxConnections: 3', 'maxConnections: 2')));
    const port = d.flows[0]?.ports[0];
    expect(port?.weaker).toEqual([]);
    const limits = port?.facts.find((f) => f.topic === 'limits');
    expect(limits?.before).toContain("gke's east-west gateway: maxConnections 3");
    expect(limits?.after).toContain("gke's east-west gateway: maxConnections 2");
  });

  it('GIVEN each weakening undone WHEN compared the other way round THEN nothing is weaker', () => {
    const raised = explainFiles(edited(PAPER, EXPORT, 'maxConnections: 3', 'maxConnections: 30'));
    expect(weaker(base, raised)).toEqual([]);
    expect(weaker(base, explainFiles(PAPER, without('gke', (o) => o.kind === 'AuthorizationPolicy')))).toEqual([]);
  });

  it('GIVEN an import added and one removed WHEN compared THEN they are listed as added and removed flows', () => {
    const renamed = explainFiles(edited(PAPER, BURST, 'name: echo-burst', 'name: echo-spill'));
    expect(diffEffects(base, renamed).flows.map((f) => [f.key, f.change])).toEqual([
      ['tein/echo-burst → gke/echo', 'removed'],
      ['tein/echo-spill → gke/echo', 'added'],
    ]);
  });
});
