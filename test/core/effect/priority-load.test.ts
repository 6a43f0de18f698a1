import { describe, expect, it } from 'vitest';
import { priorityLoad, spillThreshold } from '../../../src/core/effect/load-balancing/priority-load.js';
import { maxEjectedHosts, firstPodCountNotFullyEjectable } from '../../../src/core/effect/load-balancing/outlier-ejection.js';

const lv = (total: number, healthy: number) => ({ total, healthy });

// envoyproxy/envoy test/extensions/load_balancing_policies/common/load_balancer_impl_base_test.cc (LoadBalancerBaseTest):
// `GentleFailover`, `GentleFailoverWithExtraLevels`, `OverProvisioningFactor`, `PrioritySelection`, with Envoy's
// default panic threshold of 50 %.
describe('priorityLoad (load_balancer_impl.cc recalculatePerPriorityState/Panic)', () => {
  const cases: [string, { total: number; healthy: number }[], number[], boolean[]][] = [
    ['GentleFailover: all healthy', [lv(1, 1), lv(1, 1)], [100, 0], [false, false]],
    ['GentleFailover: P0 50 % healthy = 70', [lv(2, 1), lv(2, 1)], [70, 30], [false, false]],
    ['GentleFailover: P0 25 % = 35, P1 takes the spillover', [lv(4, 1), lv(2, 2)], [35, 65], [false, false]],
    ['GentleFailover: 35 + 35 < 100, panic per priority', [lv(4, 1), lv(4, 1)], [50, 50], [true, true]],
    ['OverProvisioningFactor: 4 hosts, 2 healthy each', [lv(4, 2), lv(4, 2)], [70, 30], [false, false]],
    ['PrioritySelection: both unhealthy, total panic by host count', [lv(1, 0), lv(1, 0)], [50, 50], [true, true]],
    ['PrioritySelection: 1 and 2 hosts unhealthy', [lv(1, 0), lv(2, 0)], [34, 66], [true, true]],
    ['GentleFailoverWithExtraLevels: 35/35/35', [lv(4, 1), lv(4, 1), lv(4, 1)], [35, 35, 30], [false, false, false]],
    ['GentleFailoverWithExtraLevels: 28 x 3, P0 takes rounding', [lv(5, 1), lv(5, 1), lv(5, 1)], [34, 33, 33], [true, true, true]],
    ['GentleFailoverWithExtraLevels: P0, P1 down, P2 healthy', [lv(5, 0), lv(5, 0), lv(5, 5)], [0, 0, 100], [false, false, false]],
  ];
  it.each(cases)('GIVEN %s WHEN load is computed THEN it is as in Envoy\'s test', (_name, levels, load, panic) => {
    const got = priorityLoad(levels, 50);
    expect(got.load).toEqual(load);
    expect(got.panic).toEqual(panic);
  });

  it('GIVEN Istio\'s panic threshold 0 and nothing healthy WHEN load is computed THEN requests find no healthy upstream', () => {
    expect(priorityLoad([lv(2, 0), lv(1, 0)], 0)).toEqual({ load: [100, 0], panic: [false, false], noHealthyUpstream: true });
  });
});

describe('spillThreshold (overprovisioning factor 1.4)', () => {
  it.each([
    [1, 1],
    [2, 1],
    [3, 1],
    [4, 2],
    [7, 3],
    [10, 3],
  ])('GIVEN %i local pods WHEN pods are ejected THEN the peer gets traffic from the %i-th ejection on', (pods, ejected) => {
    expect(spillThreshold(pods)).toEqual({ ejected, healthyPercentBelow: 71.4 });
  });
});

describe('maxEjectedHosts (outlier_detection_impl.cc ejectHost)', () => {
  it.each([
    [100, 4, 4],
    [50, 4, 2],
    [50, 3, 1],
    [10, 5, 0],
    [10, 10, 1],
  ])('GIVEN maxEjectionPercent %i and %i hosts WHEN hosts fail THEN at most %i are ejected', (percent, hosts, max) => {
    expect(maxEjectedHosts(percent, hosts)).toBe(max);
  });
  it('GIVEN maxEjectionPercent 50 and the peer counted WHEN local pods fail THEN two pods can no longer all be ejected', () => {
    expect(firstPodCountNotFullyEjectable(50)).toBe(2);
    expect(firstPodCountNotFullyEjectable(100)).toBeUndefined();
  });
});
