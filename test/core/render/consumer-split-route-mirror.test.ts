import { describe, expect, it } from 'vitest';
import { FederationBuilder, echoExport, paperFederation } from './federation-builder.js';
import { kindsOf, objectsFor, only, specOf } from './render-helpers.js';

const REMOTE = 'echo-burst.beta.meshfed.internal';
const LOCAL = 'echo.demo.svc.cluster.local';
/** Last route of every VirtualService meshfed writes: other ports of the target keep their own port (no 404). */
const CATCH_ALL = { route: [{ destination: { host: LOCAL } }] };

describe('the provider as a host of its own (split, route, mirror)', () => {
  const objects = objectsFor(paperFederation({ split: { remoteWeight: 25 } }).build(), 'alpha');

  it('GIVEN a split import WHEN rendered THEN a ServiceEntry registers the provider gateway under <import>.<provider>.meshfed.internal', () => {
    expect(kindsOf(objects)).toEqual(['DestinationRule', 'ServiceEntry', 'VirtualService']);
    expect(specOf(only(objects, 'ServiceEntry'))).toEqual({
      endpoints: [
        {
          address: '198.51.100.20',
          labels: { 'security.istio.io/tlsMode': 'istio' },
          locality: 'us-west1/us-west1-b',
          network: 'beta-net',
          ports: { http: 15443 },
        },
      ],
      hosts: [REMOTE],
      location: 'MESH_INTERNAL',
      ports: [{ name: 'http', number: 8080, protocol: 'HTTP' }],
      resolution: 'STATIC',
      subjectAltNames: ['spiffe://beta.example.org/ns/demo/sa/echo'],
    });
  });

  it('THEN its DestinationRule gives each routed port a complete entry: HTTP/2 towards the peer, pinned identities, the provider host SNI', () => {
    expect(specOf(only(objects, 'DestinationRule'))).toEqual({
      host: REMOTE,
      trafficPolicy: {
        portLevelSettings: [
          {
            port: { number: 8080 },
            connectionPool: { http: { h2UpgradePolicy: 'UPGRADE' } },
            tls: {
              mode: 'ISTIO_MUTUAL',
              sni: 'outbound_.8080_._.echo.demo.svc.cluster.local',
              subjectAltNames: ['spiffe://beta.example.org/ns/demo/sa/echo'],
            },
          },
        ],
      },
    });
  });

  it('GIVEN a provider gateway known by DNS name THEN the ServiceEntry resolves it by DNS', () => {
    const model = new FederationBuilder()
      .peer('alpha')
      .peer('beta', { address: 'eastwest.beta.example.org' })
      .export('beta', 'echo', echoExport(['alpha']))
      .import('alpha', 'echo-split', { from: { peer: 'beta', export: 'echo' }, split: { remoteWeight: 10 } })
      .build();
    const se = specOf(only(objectsFor(model, 'alpha'), 'ServiceEntry'));
    expect(se.resolution).toBe('DNS');
    expect(JSON.stringify(se.endpoints)).toContain('eastwest.beta.example.org');
  });

  it('GIVEN loadBalancer THEN it applies to the provider host', () => {
    const objs = objectsFor(paperFederation({ split: { remoteWeight: 5 }, loadBalancer: 'RANDOM' }).build(), 'alpha');
    const tp = specOf(only(objs, 'DestinationRule')).trafficPolicy as { portLevelSettings: Record<string, unknown>[] };
    expect(tp.portLevelSettings[0]?.loadBalancer).toEqual({ simple: 'RANDOM' });
  });
});

describe('split', () => {
  it.each([
    [25, [{ destination: { host: LOCAL, port: { number: 8080 } }, weight: 75 }, { destination: { host: REMOTE, port: { number: 8080 } }, weight: 25 }]],
    // Decimals are kept exactly as relative weights (Istio >= 1.15 sends weight/sum), never rounded.
    [12.6, [{ destination: { host: LOCAL, port: { number: 8080 } }, weight: 874 }, { destination: { host: REMOTE, port: { number: 8080 } }, weight: 126 }]],
    [0.2, [{ destination: { host: LOCAL, port: { number: 8080 } }, weight: 998 }, { destination: { host: REMOTE, port: { number: 8080 } }, weight: 2 }]],
    [99.6, [{ destination: { host: LOCAL, port: { number: 8080 } }, weight: 4 }, { destination: { host: REMOTE, port: { number: 8080 } }, weight: 996 }]],
    [0.0000001, [{ destination: { host: LOCAL, port: { number: 8080 } }, weight: 999999999 }, { destination: { host: REMOTE, port: { number: 8080 } }, weight: 1 }]],
    [0, [{ destination: { host: LOCAL, port: { number: 8080 } } }]],
    [100, [{ destination: { host: REMOTE, port: { number: 8080 } } }]],
  ])('GIVEN remoteWeight %s THEN the route weights are %j', (remoteWeight, route) => {
    const vs = only(objectsFor(paperFederation({ split: { remoteWeight } }).build(), 'alpha'), 'VirtualService');
    expect(specOf(vs)).toEqual({ hosts: [LOCAL], http: [{ match: [{ port: 8080 }], route }, CATCH_ALL] });
  });

  it('GIVEN a TCP port THEN connections are weighted with a tcp route, and the peer\'s host declares the port TLS (no port-only capture)', () => {
    const model = new FederationBuilder()
      .peer('alpha')
      .peer('beta')
      .export('beta', 'db', { service: { name: 'db', namespace: 'demo' }, ports: [{ name: 'sql', number: 5432, protocol: 'TCP' }], serviceAccounts: ['db'], consumers: [{ peer: 'alpha' }] })
      .import('alpha', 'db', { from: { peer: 'beta', export: 'db' }, split: { remoteWeight: 50 } })
      .build();
    const vs = specOf(only(objectsFor(model, 'alpha'), 'VirtualService'));
    expect(vs).not.toHaveProperty('http');
    expect(vs.tcp).toEqual([
      {
        match: [{ port: 5432 }],
        route: [
          { destination: { host: 'db.demo.svc.cluster.local', port: { number: 5432 } }, weight: 50 },
          { destination: { host: 'db.beta.meshfed.internal', port: { number: 5432 } }, weight: 50 },
        ],
      },
    ]);
    expect(specOf(only(objectsFor(model, 'alpha'), 'ServiceEntry')).ports).toEqual([{ name: 'sql', number: 5432, protocol: 'TLS' }]);
  });

  it('GIVEN route or mirror on an export with HTTP and TCP ports THEN only the HTTP ports are registered for the peer', () => {
    for (const policy of [{ route: { match: [{ uriPrefix: '/' }] } }, { mirror: { percent: 5 } }]) {
      const model = new FederationBuilder()
        .peer('alpha')
        .peer('beta')
        .export('beta', 'db', {
          service: { name: 'db', namespace: 'demo' },
          ports: [{ name: 'http', number: 8080, protocol: 'HTTP' }, { name: 'sql', number: 5432, protocol: 'TCP' }],
          serviceAccounts: ['db'],
          consumers: [{ peer: 'alpha' }],
        })
        .import('alpha', 'db', { from: { peer: 'beta', export: 'db' }, ...policy })
        .build();
      const se = specOf(only(objectsFor(model, 'alpha'), 'ServiceEntry'));
      expect(se.ports).toEqual([{ name: 'http', number: 8080, protocol: 'HTTP' }]);
      expect(se.endpoints).toMatchObject([{ ports: { http: 15443 } }]);
    }
  });
});

describe('route', () => {
  it('GIVEN header and URI matches THEN matching requests go to the provider and the rest stays local, per port', () => {
    const model = paperFederation({
      route: { match: [{ headers: { 'x-model': { exact: 'gpu' }, 'x-beta': { prefix: 'yes' } } }, { uriPrefix: '/v2/' }] },
    }).build();
    const vs = specOf(only(objectsFor(model, 'alpha'), 'VirtualService'));
    expect(vs).toEqual({
      hosts: [LOCAL],
      http: [
        {
          match: [
            { headers: { 'x-beta': { prefix: 'yes' }, 'x-model': { exact: 'gpu' } }, port: 8080 },
            { port: 8080, uri: { prefix: '/v2/' } },
          ],
          route: [{ destination: { host: REMOTE, port: { number: 8080 } } }],
        },
        { match: [{ port: 8080 }], route: [{ destination: { host: LOCAL, port: { number: 8080 } } }] },
        CATCH_ALL,
      ],
    });
  });

  it('GIVEN only TCP ports THEN route renders nothing (HTTP matches cannot apply)', () => {
    const model = new FederationBuilder()
      .peer('alpha')
      .peer('beta')
      .export('beta', 'db', { service: { name: 'db', namespace: 'demo' }, ports: [{ name: 'sql', number: 5432, protocol: 'TCP' }], serviceAccounts: ['db'], consumers: [{ peer: 'alpha' }] })
      .import('alpha', 'db', { from: { peer: 'beta', export: 'db' }, route: { match: [{ uriPrefix: '/' }] } })
      .build();
    expect(objectsFor(model, 'alpha')).toEqual([]);
  });
});

describe('mirror', () => {
  it('GIVEN mirror 5% THEN requests are served locally and 5% are copied to the provider host', () => {
    const vs = specOf(only(objectsFor(paperFederation({ mirror: { percent: 5 } }).build(), 'alpha'), 'VirtualService'));
    expect(vs).toEqual({
      hosts: [LOCAL],
      http: [
        {
          match: [{ port: 8080 }],
          mirror: { host: REMOTE, port: { number: 8080 } },
          mirrorPercentage: { value: 5 },
          route: [{ destination: { host: LOCAL, port: { number: 8080 } } }],
        },
        CATCH_ALL,
      ],
    });
  });
});

describe('resolving an import', () => {
  it.each([
    ['an unknown provider peer', { from: { peer: 'nobody', export: 'echo' }, split: { remoteWeight: 1 } }],
    ['an unknown export', { from: { peer: 'beta', export: 'nothing' }, split: { remoteWeight: 1 } }],
    ['ports the export does not have', { from: { peer: 'beta', export: 'echo' }, ports: ['grpc'], split: { remoteWeight: 1 } }],
    ['no policy', { from: { peer: 'beta', export: 'echo' } }],
  ])('GIVEN an import with %s WHEN rendered THEN it is skipped without an error', (_what, spec) => {
    const model = new FederationBuilder().peer('alpha').peer('beta').export('beta', 'echo', echoExport(['alpha'])).import('alpha', 'x', spec).build();
    expect(objectsFor(model, 'alpha')).toEqual([]);
  });

  it('GIVEN import.ports names a subset of the export ports THEN only those ports are imported', () => {
    const model = new FederationBuilder()
      .peer('alpha')
      .peer('beta')
      .export('beta', 'echo', echoExport(['alpha'], { ports: [{ name: 'http', number: 8080, protocol: 'HTTP' }, { name: 'admin', number: 9000, protocol: 'HTTP' }] }))
      .import('alpha', 'echo', { from: { peer: 'beta', export: 'echo' }, ports: ['admin'], mirror: { percent: 1 } })
      .build();
    const se = specOf(only(objectsFor(model, 'alpha'), 'ServiceEntry'));
    expect(se.ports).toEqual([{ name: 'admin', number: 9000, protocol: 'HTTP' }]);
  });
});
