import { describe, expect, it } from 'vitest';
import { flowsOfPeer } from '../../../../src/core/report/effect/explain-report.js';
import { explainJson, formatExplain } from '../../../../src/core/report/effect/format-explain.js';
import { portFacts } from '../../../../src/core/report/effect/port-facts.js';
import { EXAMPLES } from '../../render/example-federations.js';
import { exampleSources, explainFiles, without } from './explain-fixtures.js';

describe('meshfed explain on the bundled examples', () => {
  it.each(EXAMPLES.map((e) => e.name))('GIVEN example %s WHEN explained THEN every import is a flow with every imported port and every fact', (name) => {
    const report = explainFiles(exampleSources(name));
    expect(report.flows.length).toBeGreaterThan(0);
    const text = formatExplain(report);
    for (const f of report.flows) {
      expect(text).toContain(`${f.consumer} → ${f.provider}: import ${f.importName} (${f.policy}) of export ${f.exportName}`);
      for (const p of f.ports) {
        expect(text).toContain(`  port ${p.port.name} (${p.port.number}/${p.port.protocol})`);
        const topics = portFacts(f, p).map((x) => x.topic);
        expect(topics).toEqual(expect.arrayContaining(['routing', 'ejection', 'limits', 'admitted', 'denied', 'clusters']));
      }
    }
  });

  it.each(EXAMPLES.map((e) => e.name))('GIVEN example %s WHEN explained as JSON twice THEN the bytes are equal and hold the effect model\'s flows', (name) => {
    const a = explainJson(explainFiles(exampleSources(name)));
    const b = explainJson(explainFiles([...exampleSources(name)].reverse()));
    expect(a).toBe(b);
    expect(JSON.parse(a)).toMatchObject({ ok: true, flows: expect.any(Array) });
  });

  it('GIVEN the paper example WHEN explained THEN it names the provider\'s gateway cap and who is admitted, read off the rendered objects', () => {
    const text = formatExplain(explainFiles(exampleSources('federation')));
    expect(text).toContain("gke's east-west gateway: maxConnections 3, connectTimeout 5s");
    expect(text).toContain('tein.iotcloudserve.net/ns/istio-system/sa/istio-ingressgateway-service-account ✓ by gke\'s pods in echo');
    expect(text).toMatch(/denied +everyone else: \d+ probes with an identity or SNI the export does not admit were denied/);
  });

  it('GIVEN a consumer admitted with any service account of its namespaces WHEN explained THEN the identity reads sa/*, as the export admits it', () => {
    const text = formatExplain(explainFiles(exampleSources('three-peer-mesh')));
    expect(text).toContain('virginia.boutique.example/ns/shop/sa/* ✓, virginia.boutique.example/ns/ml/sa/* ✓ by milan\'s pods in shop');
    expect(text).not.toContain('any-account');
  });

  it('GIVEN the provider\'s AuthorizationPolicy missing from its rendered objects WHEN explained THEN explain shows what that cluster would do, not what the intents say', () => {
    const intact = formatExplain(explainFiles(exampleSources('federation')));
    const broken = formatExplain(explainFiles(exampleSources('federation'), without('gke', (o) => o.kind === 'AuthorizationPolicy')));
    expect(intact).not.toContain('NOT everyone else');
    expect(broken).toContain('NOT everyone else');
  });

  it('GIVEN --peer WHEN filtering the three-peer mesh THEN only flows the peer consumes or provides remain', () => {
    const report = explainFiles(exampleSources('three-peer-mesh'));
    const turin = flowsOfPeer(report, 'turin').flows;
    expect(turin.length).toBeGreaterThan(0);
    expect(turin.every((f) => f.consumer === 'turin' || f.provider === 'turin')).toBe(true);
    expect(turin.length).toBeLessThan(report.flows.length);
    expect(flowsOfPeer(report, 'nobody').flows).toEqual([]);
  });

  it('GIVEN no flows WHEN formatted THEN it says so', () => {
    expect(formatExplain({ flows: [] })).toBe("No flows: no peer imports another peer's export.\n");
  });
});
