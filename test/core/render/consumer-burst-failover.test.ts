import { describe, expect, it } from 'vitest';
import { BURST_SUBSET, UNLIMITED } from '../../../src/core/render/consumer/consumer-burst.js';
import { allKeys, kindsOf, objectsFor, only, specOf } from './render-helpers.js';
import { FederationBuilder, echoExport, paperFederation } from './federation-builder.js';

const PAPER_BURST = {
  burst: {
    local: { maxConnections: 1, maxPendingRequests: 1, maxRequests: 1, maxRequestsPerConnection: 1 },
    ejection: { consecutive5xxErrors: 1, interval: '1s', baseEjectionTime: '1m', maxEjectionPercent: 100 },
  },
  loadBalancer: 'ROUND_ROBIN',
};

describe('ServiceImport burst: consumer side', () => {
  const objects = objectsFor(paperFederation(PAPER_BURST).build(), 'alpha');

  it('GIVEN the paper scenario WHEN rendered THEN the consumer gets a ServiceEntry, a DestinationRule and a VirtualService in the target namespace', () => {
    expect(kindsOf(objects)).toEqual(['DestinationRule', 'ServiceEntry', 'VirtualService']);
    for (const o of objects) {
      expect(o.metadata.namespace).toBe('demo');
      expect(o.metadata.name).toBe('meshfed-import-echo-burst');
    }
  });

  it('THEN the provider gateway becomes an endpoint of the local service host, with the provider network and locality', () => {
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
      hosts: ['echo.demo.svc.cluster.local'],
      location: 'MESH_INTERNAL',
      ports: [{ name: 'http', number: 8080, protocol: 'HTTP' }],
      resolution: 'STATIC',
      subjectAltNames: ['spiffe://beta.example.org/ns/demo/sa/echo'],
    });
  });

  const LOCAL_FIRST = {
    localityLbSetting: {
      enabled: true,
      failoverPriority: ['topology.istio.io/network', 'topology.kubernetes.io/region', 'topology.kubernetes.io/zone'],
    },
    simple: 'ROUND_ROBIN',
  };
  const OUTLIER = {
    baseEjectionTime: '1m',
    consecutive5xxErrors: 1,
    consecutiveLocalOriginFailures: 5,
    interval: '1s',
    maxEjectionPercent: 100,
    splitExternalLocalOriginErrors: true,
  };
  const TLS = { mode: 'ISTIO_MUTUAL', sni: 'outbound_.8080_._.echo.demo.svc.cluster.local' };

  it('THEN the DestinationRule gives each imported port a complete entry (port-level entries do not inherit): limits, priorities, ejection, mTLS', () => {
    const dr = specOf(only(objects, 'DestinationRule'));
    expect(dr.host).toBe('echo.demo.svc.cluster.local');
    expect(dr).not.toHaveProperty('tls');
    expect(dr.trafficPolicy).toEqual({
      portLevelSettings: [
        {
          port: { number: 8080 },
          connectionPool: { http: { http1MaxPendingRequests: 1, http2MaxRequests: 1, maxRequestsPerConnection: 1 }, tcp: { maxConnections: 1 } },
          loadBalancer: LOCAL_FIRST,
          outlierDetection: OUTLIER,
          tls: TLS,
        },
      ],
    });
  });

  it('THEN callers are routed to a subset whose port entry repeats the policy without limits and with HTTP/2 towards the peer', () => {
    const dr = specOf(only(objects, 'DestinationRule'));
    expect(dr.subsets).toEqual([
      {
        name: BURST_SUBSET,
        trafficPolicy: {
          portLevelSettings: [
            {
              port: { number: 8080 },
              connectionPool: {
                http: { h2UpgradePolicy: 'UPGRADE', http1MaxPendingRequests: UNLIMITED, http2MaxRequests: UNLIMITED },
                tcp: { maxConnections: UNLIMITED },
              },
              loadBalancer: LOCAL_FIRST,
              outlierDetection: OUTLIER,
              tls: TLS,
            },
          ],
        },
      },
    ]);
    expect(specOf(only(objects, 'VirtualService'))).toEqual({
      hosts: ['echo.demo.svc.cluster.local'],
      http: [
        {
          match: [{ port: 8080 }],
          retries: { attempts: 2, retryOn: 'connect-failure,refused-stream,unavailable,cancelled,503', retryRemoteLocalities: true },
          route: [{ destination: { host: 'echo.demo.svc.cluster.local', port: { number: 8080 }, subset: BURST_SUBSET } }],
        },
        { route: [{ destination: { host: 'echo.demo.svc.cluster.local' } }] },
      ],
    });
  });

  it('THEN the deprecated consecutiveErrors is never emitted, nor tls at spec level', () => {
    const keys = allKeys(objects.map((o) => o.spec));
    expect(keys.has('consecutiveErrors')).toBe(false);
    for (const o of objects.filter((x) => x.kind === 'DestinationRule')) expect(Object.keys(o.spec)).not.toContain('tls');
  });

  it('GIVEN a target with another name WHEN rendered THEN the SNI still names the provider host, so the provider gateway can route it', () => {
    const model = paperFederation({ ...PAPER_BURST, target: { name: 'echo-local', namespace: 'web' } }).build();
    const objs = objectsFor(model, 'alpha');
    expect(specOf(only(objs, 'ServiceEntry')).hosts).toEqual(['echo-local.web.svc.cluster.local']);
    const dr = specOf(only(objs, 'DestinationRule'));
    expect(dr.host).toBe('echo-local.web.svc.cluster.local');
    expect(JSON.stringify(dr)).toContain('"sni":"outbound_.8080_._.echo.demo.svc.cluster.local"');
  });

  it('GIVEN a provider gateway known only by DNS name WHEN bursting THEN nothing is rendered (EDS endpoints must be IPs)', () => {
    const model = new FederationBuilder()
      .peer('alpha')
      .peer('beta', { address: 'eastwest.beta.example.org' })
      .export('beta', 'echo', echoExport(['alpha']))
      .import('alpha', 'echo-burst', { from: { peer: 'beta', export: 'echo' }, ...PAPER_BURST })
      .build();
    expect(objectsFor(model, 'alpha')).toEqual([]);
  });

  it('GIVEN burst without local limits THEN no connectionPool is set on the service\'s port', () => {
    const objs = objectsFor(paperFederation({ burst: {} }).build(), 'alpha');
    const tp = specOf(only(objs, 'DestinationRule')).trafficPolicy as { portLevelSettings: Record<string, unknown>[] };
    expect(tp.portLevelSettings[0]).not.toHaveProperty('connectionPool');
  });

  it('GIVEN HTTP, TCP and TLS ports THEN HTTP ports get retries, TCP ports a tcp route, TLS ports are left to the default route', () => {
    const model = new FederationBuilder()
      .peer('alpha')
      .peer('beta', { address: '192.0.2.9' })
      .export('beta', 'db', {
        service: { name: 'db', namespace: 'demo' },
        ports: [
          { name: 'http', number: 8080, protocol: 'HTTP' },
          { name: 'sql', number: 5432, protocol: 'TCP' },
          { name: 'tls', number: 8443, protocol: 'TLS' },
        ],
        serviceAccounts: ['db'],
        consumers: [{ peer: 'alpha' }],
      })
      .import('alpha', 'db', { from: { peer: 'beta', export: 'db' }, burst: { local: { maxConnections: 10 } } })
      .build();
    const vs = specOf(only(objectsFor(model, 'alpha'), 'VirtualService'));
    expect((vs.http as unknown[]).length).toBe(2);
    expect(vs.tcp).toEqual([
      { match: [{ port: 5432 }], route: [{ destination: { host: 'db.demo.svc.cluster.local', port: { number: 5432 }, subset: BURST_SUBSET } }] },
    ]);
    expect(JSON.stringify(vs)).not.toContain('8443');
  });
});

describe('ServiceImport failover: consumer side', () => {
  const model = paperFederation({
    failover: { ejection: { consecutive5xxErrors: 3, consecutiveGatewayErrors: 2, interval: '5s', baseEjectionTime: '30s', maxEjectionPercent: 100 } },
    loadBalancer: 'LEAST_REQUEST',
  }).build();
  const objects = objectsFor(model, 'alpha');

  it('GIVEN a failover import WHEN rendered THEN the consumer gets the merged ServiceEntry and a DestinationRule, no VirtualService', () => {
    expect(kindsOf(objects)).toEqual(['DestinationRule', 'ServiceEntry']);
  });

  it('THEN each port entry has outlier detection (consecutive5xxErrors, consecutiveGatewayErrors, resets apart), priorities, mTLS and HTTP/2, no limits', () => {
    const tp = specOf(only(objects, 'DestinationRule')).trafficPolicy as { portLevelSettings: Record<string, unknown>[] };
    expect(Object.keys(tp)).toEqual(['portLevelSettings']);
    const entry = tp.portLevelSettings[0] as Record<string, unknown>;
    expect(entry.outlierDetection).toEqual({
      baseEjectionTime: '30s',
      consecutive5xxErrors: 3,
      consecutiveGatewayErrors: 2,
      consecutiveLocalOriginFailures: 5,
      interval: '5s',
      maxEjectionPercent: 100,
      splitExternalLocalOriginErrors: true,
    });
    expect(entry.connectionPool).toEqual({ http: { h2UpgradePolicy: 'UPGRADE' } });
    expect(entry.loadBalancer).toMatchObject({ simple: 'LEAST_REQUEST', localityLbSetting: { enabled: true } });
    expect(entry.tls).toEqual({ mode: 'ISTIO_MUTUAL', sni: 'outbound_.8080_._.echo.demo.svc.cluster.local' });
  });

  it('GIVEN failover defaults from the schema THEN 5 consecutive 5xx, 10s interval, 30s ejection, 100%', () => {
    const objs = objectsFor(paperFederation({ failover: {} }).build(), 'alpha');
    const tp = specOf(only(objs, 'DestinationRule')).trafficPolicy as { portLevelSettings: Record<string, unknown>[] };
    expect(tp.portLevelSettings[0]?.outlierDetection).toEqual({
      baseEjectionTime: '30s',
      consecutive5xxErrors: 5,
      consecutiveLocalOriginFailures: 5,
      interval: '10s',
      maxEjectionPercent: 100,
      splitExternalLocalOriginErrors: true,
    });
  });
});
