import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import type { RenderedObject } from '../../../src/core/render/rendered-object.js';
import { renderFederation } from '../../../src/core/render/render-federation.js';
import { objectsToYaml } from '../../../src/core/render/output/serialize-yaml.js';
import { paperFederation } from './federation-builder.js';

function object(spec: Record<string, unknown>, labels: Record<string, string> = { b: '2', a: '1' }): RenderedObject {
  return {
    apiVersion: 'networking.istio.io/v1',
    kind: 'DestinationRule',
    metadata: { name: 'x', namespace: 'demo', labels, annotations: { 'meshfed.io/source': 'federation/peers/a/x.yaml' } },
    spec,
  };
}

describe('objectsToYaml', () => {
  it('GIVEN no objects THEN the stream is empty', () => {
    expect(objectsToYaml([])).toBe('');
  });

  it('GIVEN objects THEN every document starts with --- and the stream ends with a newline', () => {
    const text = objectsToYaml([object({ host: 'a' }), object({ host: 'b' })]);
    expect(text.startsWith('---\n')).toBe(true);
    expect(text.endsWith('\n')).toBe(true);
    expect(text.match(/^---$/gm)).toHaveLength(2);
  });

  it('GIVEN the same object built with keys in different orders THEN the bytes are identical', () => {
    const a = object({ host: 'h', trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' }, outlierDetection: { interval: '1s', consecutive5xxErrors: 1 } } });
    const b = object({ trafficPolicy: { outlierDetection: { consecutive5xxErrors: 1, interval: '1s' }, tls: { mode: 'ISTIO_MUTUAL' } }, host: 'h' }, { a: '1', b: '2' });
    expect(objectsToYaml([a])).toBe(objectsToYaml([b]));
  });

  it('GIVEN an object THEN apiVersion, kind, metadata, spec come first in that order, then name, namespace, labels, annotations', () => {
    const text = objectsToYaml([object({ host: 'h' })]);
    expect(text).toBe(
      [
        '---',
        'apiVersion: networking.istio.io/v1',
        'kind: DestinationRule',
        'metadata:',
        '  name: x',
        '  namespace: demo',
        '  labels:',
        '    a: "1"',
        '    b: "2"',
        '  annotations:',
        '    meshfed.io/source: federation/peers/a/x.yaml',
        'spec:',
        '  host: h',
        '',
      ].join('\n'),
    );
  });

  it.each(['on', 'no', 'yes', 'NO', '1_000', '2024-01-01', '0755', '8080', 'true', 'null', '*'])(
    'GIVEN the string %j THEN it is quoted, so YAML 1.1 and 1.2 readers both read a string',
    (value) => {
      const text = objectsToYaml([object({ host: value })]);
      for (const schema of ['yaml-1.1', 'core'] as const) {
        const [doc] = parseAllDocuments(text, { schema });
        expect((doc?.toJS() as { spec: { host: unknown } }).spec.host, schema).toBe(value);
      }
    },
  );

  it('GIVEN the same object twice in one stream THEN no YAML anchors or aliases appear', () => {
    const shared = { mode: 'ISTIO_MUTUAL' };
    const text = objectsToYaml([object({ host: 'a', trafficPolicy: { tls: shared, portLevelSettings: [{ tls: shared }] } })]);
    expect(text).not.toMatch(/[&*][a-z0-9]+/);
  });

  it('GIVEN a long value THEN it is never folded over several lines', () => {
    const long = `spiffe://${'x'.repeat(200)}/ns/demo/sa/echo`;
    expect(objectsToYaml([object({ host: long })])).toContain(`host: ${long}\n`);
  });

  it('GIVEN the paper federation rendered twice THEN the YAML is byte-identical', () => {
    const once = [...renderFederation(paperFederation().build())].map(([p, o]) => `${p}\n${objectsToYaml(o)}`).join('');
    const twice = [...renderFederation(paperFederation().build())].map(([p, o]) => `${p}\n${objectsToYaml(o)}`).join('');
    expect(once).toBe(twice);
    expect(once).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/);
  });
});
