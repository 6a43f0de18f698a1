import { describe, expect, it } from 'vitest';
import { BURST_SUBSET } from '../../../src/core/render/consumer/consumer-burst.js';
import { FederationBuilder, paperFederation } from './federation-builder.js';
import { kindsOf, objectsFor, only, specOf } from './render-helpers.js';

const EDGE = {
  hosts: ['echo.alpha.example.org'],
  tls: {
    mode: 'SIMPLE',
    credentialName: 'echo-tls',
    minProtocolVersion: 'TLSV1_2',
    maxProtocolVersion: 'TLSV1_3',
    cipherSuites: ['ECDHE-RSA-AES256-GCM-SHA384', 'ECDHE-ECDSA-AES256-GCM-SHA384'],
  },
  routes: [
    { match: { uriPrefix: '/admin', headers: { 'x-team': { exact: 'ops' } } }, to: { service: 'admin', namespace: 'demo', port: 9000 } },
    { to: { service: 'echo', namespace: 'demo', port: 8080 } },
  ],
};

describe('EdgeGateway', () => {
  const objects = objectsFor(new FederationBuilder().peer('alpha').gateway('alpha', 'public', EDGE).build(), 'alpha');

  it('GIVEN an EdgeGateway WHEN rendered THEN a Gateway and its VirtualService land in the ingress namespace', () => {
    expect(kindsOf(objects)).toEqual(['Gateway', 'VirtualService']);
    expect(objects.map((o) => `${o.metadata.namespace}/${o.metadata.name}`)).toEqual([
      'istio-system/meshfed-edge-public',
      'istio-system/meshfed-edge-public',
    ]);
  });

  it('THEN the Gateway has an HTTPS server with every TLS setting and an HTTP server that redirects (httpsRedirect defaults to true)', () => {
    expect(specOf(only(objects, 'Gateway'))).toEqual({
      selector: { istio: 'ingressgateway' },
      servers: [
        {
          hosts: ['echo.alpha.example.org'],
          port: { name: 'https', number: 443, protocol: 'HTTPS' },
          tls: {
            cipherSuites: ['ECDHE-RSA-AES256-GCM-SHA384', 'ECDHE-ECDSA-AES256-GCM-SHA384'],
            credentialName: 'echo-tls',
            maxProtocolVersion: 'TLSV1_3',
            minProtocolVersion: 'TLSV1_2',
            mode: 'SIMPLE',
          },
        },
        { hosts: ['echo.alpha.example.org'], port: { name: 'http', number: 80, protocol: 'HTTP' }, tls: { httpsRedirect: true } },
      ],
    });
  });

  it('THEN the VirtualService references the Gateway as <namespace>/<name> and keeps the routes in order', () => {
    expect(specOf(only(objects, 'VirtualService'))).toEqual({
      gateways: ['istio-system/meshfed-edge-public'],
      hosts: ['echo.alpha.example.org'],
      http: [
        {
          match: [{ headers: { 'x-team': { exact: 'ops' } }, uri: { prefix: '/admin' } }],
          route: [{ destination: { host: 'admin.demo.svc.cluster.local', port: { number: 9000 } } }],
        },
        { route: [{ destination: { host: 'echo.demo.svc.cluster.local', port: { number: 8080 } } }] },
      ],
    });
  });

  it('GIVEN httpsRedirect false, MUTUAL TLS, port 8443 and a custom ingress THEN only the HTTPS server is rendered there', () => {
    const model = new FederationBuilder()
      .peer('alpha', { ingress: { namespace: 'edge', selector: { app: 'edge-gw' } } })
      .gateway('alpha', 'partners', { ...EDGE, port: 8443, httpsRedirect: false, tls: { mode: 'MUTUAL', credentialName: 'partners-tls' } })
      .build();
    const objs = objectsFor(model, 'alpha');
    const gw = only(objs, 'Gateway');
    expect(gw.metadata.namespace).toBe('edge');
    expect(specOf(gw)).toEqual({
      selector: { app: 'edge-gw' },
      servers: [{ hosts: ['echo.alpha.example.org'], port: { name: 'https', number: 8443, protocol: 'HTTPS' }, tls: { credentialName: 'partners-tls', mode: 'MUTUAL' } }],
    });
    expect(specOf(only(objs, 'VirtualService')).gateways).toEqual(['edge/meshfed-edge-partners']);
  });

  it('GIVEN the same peer bursts the routed service THEN the edge route uses the burst subset and spill-over retries', () => {
    const model = paperFederation().gateway('alpha', 'public', { ...EDGE, routes: [{ to: { service: 'echo', namespace: 'demo', port: 8080 } }] }).build();
    const vs = only(objectsFor(model, 'alpha'), 'VirtualService', 'meshfed-edge-public');
    const http = specOf(vs).http as Record<string, unknown>[];
    expect(http[0]?.route).toEqual([{ destination: { host: 'echo.demo.svc.cluster.local', port: { number: 8080 }, subset: BURST_SUBSET } }]);
    expect(http[0]?.retries).toMatchObject({ retryRemoteLocalities: true });
  });

  it('GIVEN a burst import in ANOTHER peer for the routed service THEN this peer\'s edge route is unchanged', () => {
    const model = paperFederation({ split: { remoteWeight: 10 } })
      .peer('gamma')
      .export('beta', 'echo2', { service: { name: 'echo', namespace: 'demo' }, ports: [{ name: 'http', number: 8080, protocol: 'HTTP' }], serviceAccounts: ['echo'], consumers: [{ peer: 'gamma' }] })
      .import('gamma', 'echo-burst', { from: { peer: 'beta', export: 'echo2' }, burst: {} })
      .gateway('alpha', 'public', { ...EDGE, routes: [{ to: { service: 'echo', namespace: 'demo', port: 8080 } }] })
      .build();
    expect(JSON.stringify(objectsFor(model, 'gamma'))).toContain(BURST_SUBSET);
    const vs = only(objectsFor(model, 'alpha'), 'VirtualService', 'meshfed-edge-public');
    expect(JSON.stringify(vs.spec)).not.toContain(BURST_SUBSET);
  });
});
