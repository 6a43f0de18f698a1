import { describe, expect, it } from 'vitest';
import type { IstioConfig, MeshView } from '../../../src/core/effect/istio-config.js';
import { routeHttp, routeTcp, selectVirtualService } from '../../../src/core/effect/routing/virtual-service-route.js';

const vs = (name: string, namespace: string, spec: Record<string, unknown>, creationTimestamp?: string): IstioConfig => ({
  kind: 'VirtualService',
  metadata: { name, namespace, ...(creationTimestamp === undefined ? {} : { creationTimestamp }) },
  spec,
});
const to = (host: string, port = 8484) => [{ destination: { host, port: { number: port } } }];

// istio/istio pilot/pkg/networking/core/route/route_test.go "for virtual service with catch all route：port match"
// (`virtualServiceWithCatchAllPort`, bound to the mesh here): a match whose port differs from the listener's is
// dropped (TranslateRoute), routes are tried in order, a route without match catches everything.
describe('routeHttp (route.go BuildHTTPRoutesForVirtualService / TranslateRoute)', () => {
  const mesh: MeshView = {
    rootNamespace: 'istio-system',
    configs: [
      vs('acme', 'default', {
        hosts: ['app.default.svc.cluster.local'],
        http: [
          { match: [{ port: 8080 }], route: to('example1.default.svc.cluster.local') },
          { match: [{ headers: { cookie: { exact: 'canary' } } }], route: to('example2.default.svc.cluster.local') },
          { route: to('example1.default.svc.cluster.local') },
        ],
      }),
    ],
  };
  const q = (port: number) => ({ host: 'app.default.svc.cluster.local', port, clientNamespace: 'default' });
  it.each([
    ['port 8080, any request', 8080, {}, 'example1.default.svc.cluster.local', 0],
    ['port 9090 with cookie canary', 9090, { cookie: 'canary' }, 'example2.default.svc.cluster.local', 1],
    ['port 9090 without the cookie', 9090, {}, 'example1.default.svc.cluster.local', 2],
  ])('GIVEN %s WHEN routed THEN it goes to %s', (_n, port, headers, host, routeIndex) => {
    const r = routeHttp(mesh, q(port), { path: '/', headers });
    expect(r?.destinations.map((d) => d.host)).toEqual([host]);
    expect(r?.routeIndex).toBe(routeIndex);
  });

  it('GIVEN weights and a mirror WHEN routed THEN shares are relative weights and the mirror keeps its percentage', () => {
    const m: MeshView = {
      rootNamespace: 'istio-system',
      configs: [
        vs('split', 'shop', {
          hosts: ['pay.shop.svc.cluster.local'],
          http: [
            {
              route: [
                { destination: { host: 'pay.shop.svc.cluster.local' }, weight: 998 },
                { destination: { host: 'pay.peer.meshfed.internal' }, weight: 2 },
              ],
              mirror: { host: 'shadow.peer.meshfed.internal' },
              mirrorPercentage: { value: 5 },
            },
          ],
        }),
      ],
    };
    const r = routeHttp(m, { host: 'pay.shop.svc.cluster.local', port: 50051, clientNamespace: 'shop' }, { path: '/' });
    expect(r?.destinations.map((d) => [d.cluster, d.weight])).toEqual([
      ['outbound|50051||pay.shop.svc.cluster.local', 99.8],
      ['outbound|50051||pay.peer.meshfed.internal', 0.2],
    ]);
    expect(r?.mirror).toEqual({ cluster: 'outbound|50051||shadow.peer.meshfed.internal', percent: 5 });
  });

  it('GIVEN a VirtualService whose routes all name another port WHEN routed THEN no route matches (a 404)', () => {
    const m: MeshView = { rootNamespace: 'istio-system', configs: [vs('x', 'shop', { hosts: ['a.shop.svc.cluster.local'], http: [{ match: [{ port: 80 }], route: to('a.shop.svc.cluster.local') }] })] };
    expect(routeHttp(m, { host: 'a.shop.svc.cluster.local', port: 9000, clientNamespace: 'shop' }, { path: '/' })).toBeUndefined();
  });
});

// virtualservice.go `SelectVirtualServices`: private to the client's namespace first, then exported to it, then
// public, each oldest first; the first for a host wins (httproute.go dedupeDomains). Bound to a gateway only:
// not used by sidecars.
describe('selectVirtualService (virtualservice.go SelectVirtualServices)', () => {
  const host = 'catalog.shop.svc.cluster.local';
  const configs = [
    vs('public-old', 'shop', { hosts: [host] }, '2024-01-01T00:00:00Z'),
    vs('public-new', 'shop', { hosts: [host] }, '2025-01-01T00:00:00Z'),
    vs('private', 'web', { hosts: [host], exportTo: ['.'] }, '2025-06-01T00:00:00Z'),
    vs('gateway-only', 'web', { hosts: [host], gateways: ['istio-system/edge'] }, '2023-01-01T00:00:00Z'),
  ];
  const mesh: MeshView = { rootNamespace: 'istio-system', configs };
  it.each([
    ['web', 'private'],
    ['shop', 'public-old'],
    ['other', 'public-old'],
  ])('GIVEN a caller in %s WHEN it selects THEN %s is used', (ns, name) => {
    expect(selectVirtualService(mesh, host, ns)?.metadata.name).toBe(name);
  });
});

describe('routeTcp', () => {
  it('GIVEN tcp routes by port WHEN a connection arrives on another port THEN it goes to the host itself', () => {
    const m: MeshView = {
      rootNamespace: 'istio-system',
      configs: [vs('db', 'shop', { hosts: ['db.shop.svc.cluster.local'], tcp: [{ match: [{ port: 5432 }], route: to('db.peer.meshfed.internal', 5432) }] })],
    };
    expect(routeTcp(m, { host: 'db.shop.svc.cluster.local', port: 5432, clientNamespace: 'shop' })?.destinations[0]?.host).toBe('db.peer.meshfed.internal');
    expect(routeTcp(m, { host: 'db.shop.svc.cluster.local', port: 6000, clientNamespace: 'shop' })?.destinations[0]?.host).toBe('db.shop.svc.cluster.local');
  });
});
