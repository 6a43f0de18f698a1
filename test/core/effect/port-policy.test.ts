import { describe, expect, it } from 'vitest';
import { mergeSubsetPolicy, portLevelPolicy } from '../../../src/core/effect/destination-rule/port-policy.js';
import type { TrafficPolicySettings } from '../../../src/core/effect/istio-spec.js';

// Cases from istio/istio pilot/pkg/networking/util/util_test.go `TestMergeSubsetTrafficPolicy` (same names),
// with the deprecated `consecutiveErrors` of the Istio test written as `consecutive5xxErrors`.
const rr = { simple: 'ROUND_ROBIN' };
const lr = { simple: 'LEAST_REQUEST' };
const retries10 = { http: { maxRetries: 10 } };

describe('mergeSubsetPolicy (util.go MergeSubsetTrafficPolicy)', () => {
  const cases: { name: string; original?: TrafficPolicySettings; subset?: TrafficPolicySettings; port?: number; expected: TrafficPolicySettings | undefined }[] = [
    { name: 'all nil policies', expected: undefined },
    { name: 'no subset policy', original: { connectionPool: retries10 }, expected: { connectionPool: retries10 } },
    { name: 'no parent policy', subset: { connectionPool: retries10 }, expected: { connectionPool: retries10 } },
    {
      name: 'merge non-conflicting fields',
      original: { tls: { mode: 'ISTIO_MUTUAL' } },
      subset: { connectionPool: retries10, tunnel: { targetHost: 'example.com', targetPort: 8443 } },
      expected: { connectionPool: retries10, tls: { mode: 'ISTIO_MUTUAL' }, tunnel: { targetHost: 'example.com', targetPort: 8443 } },
    },
    {
      name: 'subset overwrite top-level fields',
      original: { tls: { mode: 'ISTIO_MUTUAL' }, connectionPool: retries10 },
      subset: { tls: { mode: 'SIMPLE' } },
      expected: { tls: { mode: 'SIMPLE' }, connectionPool: retries10 },
    },
    {
      name: 'merge port level policy, and do not inherit top-level fields (no parent)',
      subset: { loadBalancer: rr, connectionPool: retries10, portLevelSettings: [{ port: { number: 8080 }, loadBalancer: lr }] },
      port: 8080,
      expected: { loadBalancer: lr },
    },
    {
      name: 'merge port level policy, and do not inherit top-level fields',
      original: { loadBalancer: rr, outlierDetection: { consecutive5xxErrors: 20 }, portLevelSettings: [{ port: { number: 8080 }, outlierDetection: { consecutive5xxErrors: 15 } }] },
      subset: { loadBalancer: rr, connectionPool: retries10, portLevelSettings: [{ port: { number: 8080 }, outlierDetection: { consecutive5xxErrors: 13 } }] },
      port: 8080,
      expected: { outlierDetection: { consecutive5xxErrors: 13 } },
    },
    {
      name: 'top-level retryBudget is preserved when subset has a traffic policy',
      original: { connectionPool: retries10, retryBudget: { minRetryConcurrency: 5 } },
      subset: { connectionPool: { http: { http2MaxRequests: 1000 } } },
      expected: { connectionPool: { http: { http2MaxRequests: 1000 } }, retryBudget: { minRetryConcurrency: 5 } },
    },
    {
      name: 'subset-level retryBudget overrides top-level retryBudget',
      original: { retryBudget: { minRetryConcurrency: 3 } },
      subset: { retryBudget: { minRetryConcurrency: 10 } },
      expected: { retryBudget: { minRetryConcurrency: 10 } },
    },
    {
      name: 'default cluster, non-matching port selector',
      original: { loadBalancer: rr, outlierDetection: { consecutive5xxErrors: 20 }, portLevelSettings: [{ port: { number: 8080 }, outlierDetection: { consecutive5xxErrors: 15 } }] },
      subset: { loadBalancer: rr, connectionPool: retries10, portLevelSettings: [{ port: { number: 8080 }, outlierDetection: { consecutive5xxErrors: 13 } }] },
      port: 9090,
      expected: { loadBalancer: rr, connectionPool: retries10, outlierDetection: { consecutive5xxErrors: 20 } },
    },
  ];
  it.each(cases)('GIVEN $name WHEN merged THEN Istio resolves the expected policy', ({ original, subset, port, expected }) => {
    expect(mergeSubsetPolicy(original, subset, port)).toEqual(expected);
  });
});

describe('portLevelPolicy (util.go GetPortLevelTrafficPolicy)', () => {
  const policy: TrafficPolicySettings = {
    connectionPool: { tcp: { maxConnections: 1 } },
    outlierDetection: { consecutive5xxErrors: 1 },
    loadBalancer: rr,
    tls: { mode: 'ISTIO_MUTUAL' },
    portLevelSettings: [{ port: { number: 80 }, tls: { mode: 'ISTIO_MUTUAL', sni: 'outbound_.80_._.x' } }],
  };
  it('GIVEN a port-level entry with only tls WHEN the port is resolved THEN nothing else of the destination policy is inherited', () => {
    expect(portLevelPolicy(policy, 80)).toEqual({ policy: { tls: { mode: 'ISTIO_MUTUAL', sni: 'outbound_.80_._.x' } }, hasPortLevel: true });
  });
  it('GIVEN no entry for the port WHEN the port is resolved THEN the destination-level policy applies whole', () => {
    expect(portLevelPolicy(policy, 8080)).toEqual({ policy, hasPortLevel: false });
  });
});
