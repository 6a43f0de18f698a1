import { describe, expect, it } from 'vitest';
import { renderFederation } from '../../../src/core/render/render-federation.js';
import type { RenderedObject } from '../../../src/core/render/rendered-object.js';
import { EXAMPLES, exampleModel } from './example-federations.js';
import { FederationBuilder, echoExport } from './federation-builder.js';
import { modelValidationErrors, strictChecker, type CheckableObject } from './istio-schema-checker.js';
import { allKeys } from './render-helpers.js';

/** Federations that between them reach every branch of every renderer, on current and older Istio. */
function coverageFederation(istioVersion: string) {
  const ports = [
    { name: 'http', number: 8080, protocol: 'HTTP' },
    { name: 'grpc', number: 9090, protocol: 'GRPC' },
    { name: 'sql', number: 5432, protocol: 'TCP' },
    { name: 'tls', number: 8443, protocol: 'TLS' },
  ];
  const edge = {
    hosts: ['shop.alpha.example.org', '*.api.alpha.example.org'],
    tls: { mode: 'MUTUAL', credentialName: 'shop-tls', minProtocolVersion: 'TLSV1_2', maxProtocolVersion: 'TLSV1_3', cipherSuites: ['ECDHE-RSA-AES128-GCM-SHA256'] },
    routes: [
      { match: { uriPrefix: '/api', headers: { 'x-a': { regex: '^v[0-9]+$' } } }, to: { service: 'shop', namespace: 'demo', port: 8080 } },
      { to: { service: 'admin', namespace: 'demo', port: 9000 } },
    ],
  };
  const b = new FederationBuilder()
    .peer('alpha', { istioVersion, address: '192.0.2.10', zone: null })
    .peer('beta', { istioVersion, address: '2001:db8::20', eastWest: { namespace: 'ew', selector: { app: 'ew' } } })
    .peer('gamma', { istioVersion, address: 'eastwest.gamma.example.org' })
    .export('beta', 'shop', { ...echoExport(['alpha', { peer: 'gamma', serviceAccounts: [{ namespace: 'demo', serviceAccount: 'web' }] }], { inbound: { maxConnections: 50, connectTimeout: '2s' } }), service: { name: 'shop', namespace: 'demo' }, ports })
    .export('gamma', 'shop', { ...echoExport(['alpha']), service: { name: 'shop', namespace: 'demo' }, ports })
    .import('alpha', 'shop-burst', {
      from: { peer: 'beta', export: 'shop' },
      target: { name: 'shop', namespace: 'demo' },
      burst: { local: { maxConnections: 1, maxPendingRequests: 1, maxRequests: 1, maxRequestsPerConnection: 1 }, ejection: { consecutive5xxErrors: 1, consecutiveGatewayErrors: 1, interval: '1s', baseEjectionTime: '1m', maxEjectionPercent: 100 } },
      loadBalancer: 'LEAST_REQUEST',
    })
    .import('alpha', 'shop-failover', { from: { peer: 'beta', export: 'shop' }, target: { name: 'shop2', namespace: 'demo' }, failover: {} })
    .import('alpha', 'shop-split', { from: { peer: 'gamma', export: 'shop' }, target: { name: 'shop3', namespace: 'demo' }, split: { remoteWeight: 33.3 }, loadBalancer: 'RANDOM' })
    .import('alpha', 'shop-route', { from: { peer: 'gamma', export: 'shop' }, target: { name: 'shop4', namespace: 'demo' }, route: { match: [{ headers: { 'x-b': { prefix: 'p' } } }, { uriPrefix: '/v2' }] } })
    .import('alpha', 'shop-mirror', { from: { peer: 'gamma', export: 'shop' }, target: { name: 'shop5', namespace: 'demo' }, mirror: { percent: 12.5 } })
    .gateway('alpha', 'shop', edge)
    .gateway('alpha', 'plain', { ...edge, httpsRedirect: false, tls: { mode: 'SIMPLE', credentialName: 'c' } });
  return b.build();
}

const corpus: { name: string; objects: RenderedObject[] }[] = [
  ...EXAMPLES.map((e) => ({ name: `example ${e.name}`, objects: [...renderFederation(exampleModel(e.repoDir)).values()].flat() })),
  ...['1.30.3', '1.22.0', '1.21.4', '1.16.2'].map((v) => ({ name: `coverage on Istio ${v}`, objects: [...renderFederation(coverageFederation(v)).values()].flat() })),
];

describe('every rendered object against the Istio schemas of @kubernetes-models/istio', () => {
  const checker = strictChecker();

  it('GIVEN the corpus THEN it exercises every rendered kind in both v1 and v1beta1', () => {
    const seen = new Set(corpus.flatMap((c) => c.objects.map((o) => `${o.apiVersion}/${o.kind}`)));
    for (const kind of ['DestinationRule', 'Gateway', 'ServiceEntry', 'VirtualService']) {
      expect(seen).toContain(`networking.istio.io/v1/${kind}`);
      expect(seen).toContain(`networking.istio.io/v1beta1/${kind}`);
    }
    for (const kind of ['AuthorizationPolicy', 'PeerAuthentication']) {
      expect(seen).toContain(`security.istio.io/v1/${kind}`);
      expect(seen).toContain(`security.istio.io/v1beta1/${kind}`);
    }
  });

  for (const { name, objects } of corpus) {
    it(`GIVEN ${name} (${objects.length} objects) THEN each passes the model's validate() and has no unknown or mistyped field`, () => {
      expect(objects.length).toBeGreaterThan(0);
      const problems = objects.flatMap((o) =>
        [...modelValidationErrors(o), ...checker.unknownFields(o)].map((p) => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}: ${p}`),
      );
      expect(problems).toEqual([]);
    });

    it(`GIVEN ${name} THEN no object uses the deprecated outlierDetection.consecutiveErrors`, () => {
      expect(allKeys(objects.map((o) => o.spec)).has('consecutiveErrors')).toBe(false);
    });
  }
});

describe('the strict checker itself', () => {
  const checker = strictChecker();

  /** The paper's Fig. 4, verbatim apart from the API version: `tls` sits at spec level. */
  const FIG4: CheckableObject = {
    apiVersion: 'networking.istio.io/v1',
    kind: 'DestinationRule',
    metadata: { name: 'a' },
    spec: {
      host: 'a.istio.svc.cluster.local',
      trafficPolicy: {
        connectionPool: { tcp: { maxConnections: 1 }, http: { http2MaxRequests: 1, maxRequestsPerConnection: 1, http1MaxPendingRequests: 1 } },
        outlierDetection: { consecutiveErrors: 1, interval: '1s', baseEjectionTime: '1m', maxEjectionPercent: 100 },
      },
      tls: { mode: 'ISTIO_MUTUAL' },
    },
  };

  it('GIVEN the paper\'s Fig. 4 DestinationRule THEN validate() alone lets it through (the API server would prune spec.tls)', () => {
    expect(modelValidationErrors(FIG4)).toEqual([]);
  });

  it('GIVEN the paper\'s Fig. 4 DestinationRule THEN the strict check rejects spec.tls', () => {
    expect(checker.unknownFields(FIG4)).toEqual(['spec.tls: unknown field']);
  });

  it.each([
    ['retries at VirtualService spec level', { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', spec: { hosts: ['h'], retries: { attempts: 1 } } }, 'spec.retries: unknown field'],
    ['a misspelled field deep inside', { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', spec: { hosts: ['h'], http: [{ route: [{ destination: { host: 'h', prot: { number: 1 } } }] }] } }, 'spec.http[0].route[0].destination.prot: unknown field'],
    ['an enum value Istio does not know', { apiVersion: 'networking.istio.io/v1', kind: 'Gateway', spec: { servers: [{ port: { number: 1, name: 'a', protocol: 'TLS' }, hosts: ['x'], tls: { mode: 'PASSTHRU' } }] } }, 'spec.servers[0].tls.mode: "PASSTHRU" is not'],
    ['a string where a number belongs', { apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', spec: { mtls: { mode: 'STRICT' }, selector: { matchLabels: { app: 1 } } } }, 'spec.selector.matchLabels.app: 1 is not string'],
  ])('GIVEN %s THEN the strict check reports it', (_what, object, expected) => {
    expect(checker.unknownFields(object).join('\n')).toContain(expected);
  });

  it('GIVEN maps with arbitrary keys (labels, selectors, endpoint ports) THEN they are not reported', () => {
    const se: CheckableObject = {
      apiVersion: 'networking.istio.io/v1',
      kind: 'ServiceEntry',
      spec: { hosts: ['h'], endpoints: [{ address: '192.0.2.1', ports: { anything: 15443 }, labels: { 'any.key/x': 'v' } }] },
    };
    expect(checker.unknownFields(se)).toEqual([]);
  });
});
