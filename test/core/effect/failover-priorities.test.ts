import { describe, expect, it } from 'vitest';
import { failoverPriorities, type PrioritizedEndpoint } from '../../../src/core/effect/load-balancing/failover-priorities.js';

// The endpoints of istio/istio pilot/pkg/networking/core/loadbalancer/loadbalancer_test.go
// `buildWrappedLocalityLbEndpoints`, and the cases of `TestApplyLocalitySetting` / "FailoverPriority".
const CLUSTER = 'topology.istio.io/cluster';
const ep = (id: string, network: string, cluster: string, region: string, key = true): PrioritizedEndpoint => ({
  id,
  network,
  locality: { region, zone: region.replace('region', 'zone'), subzone: region.replace('region', 'subzone') },
  labels: { [CLUSTER]: cluster, ...(key ? { key: 'value' } : {}) },
});
const ENDPOINTS = [
  ep('1.1.1.1', 'n1', 'c1', 'region1', false),
  ep('2.2.2.2', 'n2', 'c2', 'region1'),
  ep('3.3.3.3', 'n1', 'c3', 'region2'),
  ep('4.4.4.4', 'n2', 'c4', 'region2'),
  ep('1.2.3.4', 'n1', 'c1', 'region3'),
  ep('2.3.4.5', 'n2', 'c2', 'region3'),
];

describe('failoverPriorities (loadbalancer.go applyFailoverPriorities)', () => {
  const cases = [
    { name: 'match none label', priority: ['topology.istio.io/network', CLUSTER], network: 'test', cluster: 'test', expected: [0, 0, 0, 0, 0, 0] },
    { name: 'match network label', priority: ['topology.istio.io/network', CLUSTER], network: 'n1', cluster: 'test', expected: [0, 1, 0, 1, 0, 1] },
    { name: 'not match the first n label', priority: ['topology.istio.io/network', CLUSTER], network: 'test', cluster: 'c1', expected: [0, 1, 1, 1, 0, 1] },
    { name: 'match all labels', priority: ['key', 'topology.istio.io/network', CLUSTER], network: 'n2', cluster: 'c2', expected: [3, 0, 2, 1, 2, 0] },
    { name: 'priority assignment as per the overridden value', priority: ['topology.istio.io/network=n1'], network: 'n2', cluster: 'test', expected: [0, 1, 0, 1, 0, 1] },
  ];
  it.each(cases)('GIVEN "$name" WHEN priorities are assigned THEN they are as in Istio\'s test', ({ priority, network, cluster, expected }) => {
    const proxy = { network, locality: { region: 'region1', zone: 'zone1', subzone: 'subzone1' }, labels: { [CLUSTER]: cluster, key: 'value' } };
    const got = failoverPriorities(proxy, ENDPOINTS, { enabled: true, failoverPriority: priority }, true);
    expect(ENDPOINTS.map((e) => got.get(e.id))).toEqual(expected);
  });

  it('GIVEN no outlier detection WHEN priorities are assigned THEN every endpoint is at priority 0 (failover needs outlier detection)', () => {
    const proxy = { network: 'n1', locality: { region: 'region1' } };
    const got = failoverPriorities(proxy, ENDPOINTS, { enabled: true, failoverPriority: ['topology.istio.io/network'] }, false);
    expect([...got.values()]).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('GIVEN network first and a same-region, same-zone peer on another network WHEN ranked THEN the peer is after every local endpoint, even local ones in other regions', () => {
    const proxy = { network: 'milan-net', locality: { region: 'eu-south-1', zone: 'eu-south-1a' } };
    const endpoints: PrioritizedEndpoint[] = [
      { id: 'local-other-region', network: 'milan-net', locality: { region: 'us-east-1', zone: 'us-east-1a' } },
      { id: 'peer-same-zone', network: 'turin-net', locality: { region: 'eu-south-1', zone: 'eu-south-1a' } },
    ];
    const got = failoverPriorities(proxy, endpoints, { enabled: true, failoverPriority: ['topology.istio.io/network', 'topology.kubernetes.io/region', 'topology.kubernetes.io/zone'] }, true);
    expect(got.get('local-other-region')).toBeLessThan(got.get('peer-same-zone') as number);
  });

  // TestApplyLocalitySetting "Failover: all priorities": region/zone/subzone distances 0..3.
  it('GIVEN no failoverPriority WHEN priorities are assigned THEN they follow region/zone/subzone (Failover: all priorities)', () => {
    const proxy = { network: '', locality: { region: 'region1', zone: 'zone1', subzone: 'subzone1' } };
    const endpoints: PrioritizedEndpoint[] = [
      { id: 'same', network: '', locality: { region: 'region1', zone: 'zone1', subzone: 'subzone1' } },
      { id: 'subzone', network: '', locality: { region: 'region1', zone: 'zone1', subzone: 'subzone2' } },
      { id: 'zone', network: '', locality: { region: 'region1', zone: 'zone2', subzone: 'subzone1' } },
      { id: 'region', network: '', locality: { region: 'region2', zone: 'zone1', subzone: 'subzone1' } },
    ];
    const got = failoverPriorities(proxy, endpoints, { enabled: true }, true);
    expect(endpoints.map((e) => got.get(e.id))).toEqual([0, 1, 2, 3]);
  });
});
