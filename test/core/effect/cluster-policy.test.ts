import { describe, expect, it } from 'vitest';
import { inboundCluster, outboundCluster } from '../../../src/core/effect/destination-rule/cluster-policy.js';
import type { SelectedDestinationRule } from '../../../src/core/effect/destination-rule/select-destination-rule.js';
import type { DestinationRuleSpecView } from '../../../src/core/effect/istio-spec.js';
import { MAX_UINT32 } from '../../../src/core/effect/istio-config.js';

const rule = (spec: Omit<DestinationRuleSpecView, 'host'>): SelectedDestinationRule => ({
  spec: { host: 'echo.demo.svc.cluster.local', ...spec },
  from: ['demo/r'],
  trafficPolicyFrom: 'demo/r',
});
const HOST = 'echo.demo.svc.cluster.local';

// istio/istio pilot/pkg/networking/core/cluster_builder_test.go `TestShouldH2Upgrade` (same names; Istio's
// "Unsupported" protocol is a TCP port here).
describe('upstream protocol (cluster_traffic_policy.go shouldH2Upgrade)', () => {
  it.each([
    ['mesh upgrade - dr default', 'HTTP', 'UPGRADE', undefined, false, 'HTTP/2'],
    ['mesh default - dr upgrade non http port', 'TCP', 'DO_NOT_UPGRADE', 'UPGRADE', false, 'HTTP/2'],
    ['mesh no_upgrade - dr default', 'HTTP', 'DO_NOT_UPGRADE', undefined, false, 'HTTP/1.1'],
    ['mesh no_upgrade - dr upgrade', 'HTTP', 'DO_NOT_UPGRADE', 'UPGRADE', false, 'HTTP/2'],
    ['mesh upgrade - dr no_upgrade', 'HTTP', 'UPGRADE', 'DO_NOT_UPGRADE', false, 'HTTP/1.1'],
    ['mesh upgrade - dr useClientProtocol', 'HTTP', 'UPGRADE', undefined, true, 'HTTP/1.1'],
    ['non-http', 'TCP', 'UPGRADE', undefined, false, 'TCP'],
  ] as const)('%s', (_name, protocol, meshPolicy, drPolicy, useClientProtocol, expected) => {
    const r = rule({ trafficPolicy: { connectionPool: { http: { ...(drPolicy === undefined ? {} : { h2UpgradePolicy: drPolicy }), useClientProtocol } } } });
    expect(outboundCluster(r, { host: HOST, port: 8080, protocol }, { h2UpgradePolicy: meshPolicy })?.upstreamProtocol).toBe(expected);
  });
});

describe('outbound and inbound clusters of one DestinationRule', () => {
  const r = rule({
    trafficPolicy: {
      connectionPool: { tcp: { maxConnections: 1 } },
      outlierDetection: { consecutive5xxErrors: 1 },
      portLevelSettings: [{ port: { number: 80 }, tls: { mode: 'ISTIO_MUTUAL', sni: 'outbound_.80_._.other.svc' } }],
    },
    subsets: [{ name: 'meshfed-burst', trafficPolicy: { connectionPool: { tcp: { maxConnections: 9 } } } }],
  });

  it('GIVEN a port-level entry with only tls WHEN the port\'s clusters are built THEN neither limits nor ejection apply there, outbound or inbound (issue 7, item 1)', () => {
    const out = outboundCluster(r, { host: HOST, port: 80, protocol: 'HTTP' });
    expect(out?.circuitBreakers.maxConnections).toBe(MAX_UINT32);
    expect(out?.outlierDetection).toBeUndefined();
    expect(out?.loadBalancer.failoverEnabled).toBe(false);
    expect(inboundCluster(r, 80).circuitBreakers.maxConnections).toBe(MAX_UINT32);
  });

  it('GIVEN a port without an entry WHEN its clusters are built THEN the destination-level policy applies outbound and its pool inbound', () => {
    const out = outboundCluster(r, { host: HOST, port: 9090, protocol: 'HTTP' });
    expect(out?.circuitBreakers.maxConnections).toBe(1);
    expect(out?.outlierDetection).toMatchObject({ consecutive5xx: 1, maxEjectionPercent: 10, healthyPanicThreshold: 0, splitExternalLocalOriginErrors: false });
    expect(out?.tls).toEqual({ mode: 'auto', sni: 'outbound_.9090_._.echo.demo.svc.cluster.local', subjectAltNames: [] });
    expect(inboundCluster(r, 9090).circuitBreakers.maxConnections).toBe(1);
  });

  it('GIVEN a subset WHEN its cluster is built THEN the subset pool overrides, the SNI carries the subset, and an unknown subset has no cluster', () => {
    const sub = outboundCluster(r, { host: HOST, port: 9090, protocol: 'HTTP', subset: 'meshfed-burst' });
    expect(sub?.name).toBe('outbound|9090|meshfed-burst|echo.demo.svc.cluster.local');
    expect(sub?.circuitBreakers.maxConnections).toBe(9);
    expect(sub?.tls.sni).toBe('outbound_.9090_.meshfed-burst_.echo.demo.svc.cluster.local');
    expect(outboundCluster(r, { host: HOST, port: 9090, protocol: 'HTTP', subset: 'nope' })).toBeUndefined();
  });

  it('GIVEN no DestinationRule WHEN clusters are built THEN Istio\'s defaults: no limits, LEAST_REQUEST, mesh locality on but no failover, auto mTLS', () => {
    const out = outboundCluster(undefined, { host: HOST, port: 80, protocol: 'HTTP' });
    expect(out?.loadBalancer).toEqual({ algorithm: 'LEAST_REQUEST', locality: { enabled: true }, failoverEnabled: false });
    expect(out?.circuitBreakers).toEqual({ maxConnections: MAX_UINT32, maxPendingRequests: MAX_UINT32, maxRequests: MAX_UINT32, maxRetries: MAX_UINT32 });
  });
});
