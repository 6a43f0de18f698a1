import { objectToYaml } from '../../../src/core/render/output/serialize-yaml.js';
import { describe, expect, it } from 'vitest';
import {
  ANNOTATION_SOURCE,
  LABEL_INTENT,
  LABEL_INTENT_KIND,
  LABEL_PEER,
  objectKey,
  type RenderedObject,
} from '../../../src/core/render/rendered-object.js';
import { FederationBuilder, echoExport } from './federation-builder.js';
import { kindsOf, objectsFor, only, specOf } from './render-helpers.js';

function provider(exportSpec: Record<string, unknown>, peerExtra: Parameters<FederationBuilder['peer']>[1] = {}) {
  return new FederationBuilder()
    .peer('beta', { trustDomain: 'beta.example.org', ...peerExtra })
    .peer('alpha', { trustDomain: 'alpha.example.org', namespaces: ['demo', 'web'] })
    .peer('gamma', { trustDomain: 'gamma.example.org', namespaces: ['shop'] })
    .export('beta', 'echo', exportSpec)
    .build();
}

describe('ServiceExport: provider side', () => {
  it('GIVEN an export with an inbound cap WHEN rendered THEN the provider gets Gateway, DestinationRule, PeerAuthentication and a DENY AuthorizationPolicy in its root and service namespaces', () => {
    const objects = objectsFor(provider(echoExport(['alpha'], { inbound: { maxConnections: 3, connectTimeout: '5s' } })), 'beta');
    expect(kindsOf(objects)).toEqual(['AuthorizationPolicy', 'AuthorizationPolicy', 'DestinationRule', 'Gateway', 'PeerAuthentication']);
    expect(objects.filter((o) => o.kind === 'Gateway' || o.kind === 'DestinationRule').every((o) => o.metadata.name === 'meshfed-export-echo')).toBe(true);
    expect(only(objects, 'PeerAuthentication').metadata.name).toBe('meshfed-strict');
    expect(objects.filter((o) => o.kind === 'AuthorizationPolicy').map((o) => `${o.metadata.namespace}/${o.metadata.name}`)).toEqual([
      'demo/meshfed-deny-foreign',
      'istio-system/meshfed-deny-foreign',
    ]);
  });

  it('GIVEN an export WHEN rendered THEN only the exported host is exposed on the east-west gateway with AUTO_PASSTHROUGH on 15443', () => {
    const gw = only(objectsFor(provider(echoExport(['alpha'])), 'beta'), 'Gateway');
    expect(gw.metadata.namespace).toBe('istio-system');
    expect(specOf(gw)).toEqual({
      selector: { istio: 'eastwestgateway' },
      servers: [
        {
          hosts: ['echo.demo.svc.cluster.local'],
          port: { name: 'tls', number: 15443, protocol: 'TLS' },
          tls: { mode: 'AUTO_PASSTHROUGH' },
        },
      ],
    });
    expect(JSON.stringify(gw)).not.toContain('*.local');
  });

  it('GIVEN a custom east-west gateway (namespace, selector, port) THEN Gateway and cap follow it', () => {
    const model = provider(echoExport(['alpha'], { inbound: { maxConnections: 9 } }), {
      eastWest: { namespace: 'gateways', selector: { zz: 'last', app: 'ew' }, port: 16443 },
    });
    const objects = objectsFor(model, 'beta');
    const gw = only(objects, 'Gateway');
    const dr = only(objects, 'DestinationRule');
    expect(gw.metadata.namespace).toBe('gateways');
    // Written in sorted key order whatever order the intent gave (the emitter sorts: serialize-yaml.ts).
    expect(objectToYaml(gw)).toContain('  selector:\n    app: ew\n    zz: last\n');
    expect(JSON.stringify(specOf(gw).servers)).toContain('"number":16443');
    expect(dr.metadata.namespace).toBe('gateways');
    expect(specOf(dr).workloadSelector).toEqual({ matchLabels: { app: 'ew', zz: 'last' } });
  });

  it('GIVEN inbound.maxConnections and connectTimeout THEN a DestinationRule on the gateway caps the exported host, visible only in its namespace', () => {
    const dr = only(objectsFor(provider(echoExport(['alpha'], { inbound: { maxConnections: 3, connectTimeout: '5s' } })), 'beta'), 'DestinationRule');
    expect(specOf(dr)).toEqual({
      exportTo: ['.'],
      host: 'echo.demo.svc.cluster.local',
      trafficPolicy: { connectionPool: { tcp: { connectTimeout: '5s', maxConnections: 3 } } },
      workloadSelector: { matchLabels: { istio: 'eastwestgateway' } },
    });
  });

  it('GIVEN no inbound cap THEN no DestinationRule is rendered', () => {
    expect(kindsOf(objectsFor(provider(echoExport(['alpha'])), 'beta'))).not.toContain('DestinationRule');
  });

  it('GIVEN an export THEN PeerAuthentication is STRICT for the whole service namespace', () => {
    const pa = only(objectsFor(provider(echoExport(['alpha'])), 'beta'), 'PeerAuthentication');
    expect(pa.metadata.namespace).toBe('demo');
    expect(specOf(pa)).toEqual({ mtls: { mode: 'STRICT' } });
  });

  describe('PeerAuthentication: one per namespace (Istio honours only the oldest namespace-wide policy)', () => {
    /** beta exports `names` (in this order), each a service of its own in `demo`, plus `other` in `web` when asked. */
    function exportsIn(names: readonly string[], withWeb = false) {
      const b = new FederationBuilder()
        .peer('beta', { namespaces: ['demo', 'web'] })
        .peer('alpha', { namespaces: ['demo'] });
      for (const n of names) b.export('beta', n, echoExport(['alpha'], { service: { name: n, namespace: 'demo' } }));
      if (withWeb) b.export('beta', 'other', echoExport(['alpha'], { service: { name: 'other', namespace: 'web' } }));
      return b.build();
    }
    const peerAuthentications = (model: ReturnType<typeof exportsIn>) => objectsFor(model, 'beta').filter((o) => o.kind === 'PeerAuthentication');

    it('GIVEN two exports in one namespace WHEN rendered THEN exactly one PeerAuthentication, STRICT, named meshfed-strict', () => {
      const pas = peerAuthentications(exportsIn(['echo', 'api']));
      expect(pas.map((o) => `${o.metadata.namespace}/${o.metadata.name}`)).toEqual(['demo/meshfed-strict']);
      expect(specOf(pas[0] as RenderedObject)).toEqual({ mtls: { mode: 'STRICT' } });
    });

    it('GIVEN exports in two namespaces WHEN rendered THEN one PeerAuthentication per namespace', () => {
      const pas = peerAuthentications(exportsIn(['echo', 'api'], true));
      expect(pas.map((o) => `${o.metadata.namespace}/${o.metadata.name}`)).toEqual(['demo/meshfed-strict', 'web/meshfed-strict']);
    });

    it('GIVEN several exports share the policy THEN it is attributed to the first export by name, whatever the file order', () => {
      for (const order of [['echo', 'api', 'zeta'], ['zeta', 'echo', 'api']]) {
        const pa = only(objectsFor(exportsIn(order), 'beta'), 'PeerAuthentication');
        expect(pa.metadata.labels[LABEL_INTENT]).toBe('beta.api');
        expect(pa.metadata.labels[LABEL_INTENT_KIND]).toBe('ServiceExport');
        expect(pa.metadata.labels[LABEL_PEER]).toBe('beta');
        expect(pa.metadata.annotations[ANNOTATION_SOURCE]).toBe('federation/peers/beta/api.yaml');
      }
    });

    it('GIVEN exports in one namespace WHEN one of them is removed THEN the policy stays (same name), still STRICT', () => {
      const before = only(objectsFor(exportsIn(['echo', 'api']), 'beta'), 'PeerAuthentication');
      const after = only(objectsFor(exportsIn(['echo']), 'beta'), 'PeerAuthentication');
      expect(objectKey(after)).toBe(objectKey(before));
      expect(after.metadata.labels[LABEL_INTENT]).toBe('beta.echo');
    });
  });

  // What these policies admit and deny is proven on the effect model (test/core/effect/flows/provider-admission.test.ts
  // and generated-effects.test.ts); these tests pin the rules' form.
  describe('AuthorizationPolicy (DENY only)', () => {
    const denyOf = (objects: readonly RenderedObject[], ns = 'demo') =>
      specOf(objects.find((o) => o.kind === 'AuthorizationPolicy' && o.metadata.namespace === ns) as RenderedObject);
    const SNI = 'outbound_.8080_._.echo.demo.svc.cluster.local';

    it.each([
      [
        'listed service accounts',
        [{ peer: 'alpha', serviceAccounts: [{ namespace: 'web', serviceAccount: 'frontend' }, { namespace: 'demo', serviceAccount: 'client' }] }],
        ['alpha.example.org/ns/demo/sa/client', 'alpha.example.org/ns/web/sa/frontend'],
      ],
      ['every workload of the consumer namespaces', ['alpha'], ['alpha.example.org/ns/demo/sa/*', 'alpha.example.org/ns/web/sa/*']],
      [
        'two consumers in their own trust domains',
        ['gamma', 'alpha'],
        ['alpha.example.org/ns/demo/sa/*', 'alpha.example.org/ns/web/sa/*', 'gamma.example.org/ns/shop/sa/*'],
      ],
    ])('GIVEN consumers with %s THEN other foreign identities are denied, and each consumer on any other SNI', (_what, consumers, principals) => {
      const objects = objectsFor(provider(echoExport(consumers)), 'beta');
      expect(denyOf(objects)).toEqual(denyOf(objects, 'istio-system'));
      expect(denyOf(objects)).toEqual({
        action: 'DENY',
        rules: [
          { from: [{ source: { principals: ['*'], notPrincipals: ['beta.example.org/*', ...principals] } }] },
          ...principals.map((p) => ({ from: [{ source: { principals: [p] } }], when: [{ key: 'connection.sni', notValues: [SNI] }] })),
        ],
      });
    });

    it('GIVEN several ports THEN a consumer is exempted on the SNI of each service port once, in numeric order', () => {
      const spec = echoExport(['alpha'], {
        ports: [
          { name: 'http', number: 8080, protocol: 'HTTP' },
          { name: 'grpc', number: 9090, protocol: 'GRPC' },
          { name: 'admin', number: 80, protocol: 'HTTP' },
        ],
      });
      const rules = denyOf(objectsFor(provider(spec), 'beta')).rules as { when?: unknown }[];
      expect(rules[1]?.when).toEqual([
        {
          key: 'connection.sni',
          notValues: ['outbound_.80_._.echo.demo.svc.cluster.local', 'outbound_.8080_._.echo.demo.svc.cluster.local', 'outbound_.9090_._.echo.demo.svc.cluster.local'],
        },
      ]);
    });

    it('GIVEN a namespace-wide consumer on one export and a named account of it on another THEN each rule exempts what the other admits', () => {
      const model = new FederationBuilder()
        .peer('beta', { trustDomain: 'beta.example.org' })
        .peer('alpha', { trustDomain: 'alpha.example.org', namespaces: ['web'] })
        .export('beta', 'echo', echoExport(['alpha']))
        .export('beta', 'api', { ...echoExport([{ peer: 'alpha', serviceAccounts: [{ namespace: 'web', serviceAccount: 'frontend' }] }]), service: { name: 'api', namespace: 'demo' } })
        .build();
      const rules = denyOf(objectsFor(model, 'beta')).rules as unknown[];
      expect(rules.slice(1)).toEqual([
        {
          from: [{ source: { principals: ['alpha.example.org/ns/web/sa/*'], notPrincipals: ['alpha.example.org/ns/web/sa/frontend'] } }],
          when: [{ key: 'connection.sni', notValues: [SNI] }],
        },
        {
          from: [{ source: { principals: ['alpha.example.org/ns/web/sa/frontend'] } }],
          when: [{ key: 'connection.sni', notValues: ['outbound_.8080_._.api.demo.svc.cluster.local', SNI] }],
        },
      ]);
    });

    it('GIVEN a consumer whose Peer is missing THEN every foreign identity is denied and no principal list is empty', () => {
      expect(denyOf(objectsFor(provider(echoExport(['nobody'])), 'beta')).rules).toEqual([
        { from: [{ source: { principals: ['*'], notPrincipals: ['beta.example.org/*'] } }] },
      ]);
    });

    it('GIVEN any export THEN no ALLOW policy is rendered (an ALLOW would widen or flip the operator\'s policies)', () => {
      const objects = objectsFor(provider(echoExport(['alpha'])), 'beta');
      expect(objects.filter((o) => o.kind === 'AuthorizationPolicy').map((o) => specOf(o).action)).toEqual(['DENY', 'DENY']);
    });
  });

  it('GIVEN an export THEN nothing is rendered into the consumers\' clusters by it', () => {
    const model = provider(echoExport(['alpha', 'gamma'], { inbound: { maxConnections: 1 } }));
    expect(objectsFor(model, 'alpha')).toEqual([]);
    expect(objectsFor(model, 'gamma')).toEqual([]);
  });
});
