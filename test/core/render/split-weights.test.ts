import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nearestExpressiblePercent, splitWeights } from '../../../src/core/render/consumer/split-weights.js';

describe('splitWeights: split.remoteWeight as exact VirtualService weights', () => {
  it.each([
    [25, { local: 75, remote: 25 }],
    [0.2, { local: 998, remote: 2 }],
    [99.6, { local: 4, remote: 996 }],
    [0, { local: 100, remote: 0 }],
    [100, { local: 0, remote: 100 }],
    [33.3333333, { local: 666666667, remote: 333333333 }],
  ])('GIVEN %s percent THEN the weights are %j', (percent, weights) => {
    expect(splitWeights(percent)).toEqual(weights);
  });

  it.each([33.333333333, 0.1 + 0.2, 1e-8, -1, 101, Number.NaN])('GIVEN %s THEN no whole-number weights express it', (percent) => {
    expect(splitWeights(percent)).toBeUndefined();
  });

  it('GIVEN any percentage with at most 7 decimal places WHEN weighted THEN remote/(local+remote) is exactly that percentage, within int32', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000 }), fc.integer({ min: 0, max: 7 }), (units, d) => {
        // units / 10^7 percent, written with d decimals: the decimal a user would type.
        const text = (Math.floor(units / 10 ** (7 - d)) / 10 ** d).toFixed(d);
        const percent = Number(text);
        const w = splitWeights(percent);
        expect(w).toBeDefined();
        if (!w) return;
        const total = w.local + w.remote;
        expect(total).toBeLessThan(2 ** 31);
        expect(Number.isInteger(w.local) && Number.isInteger(w.remote)).toBe(true);
        // remote / total == percent / 100, compared as integers: remote·10^(d+2) == p·10^d · total.
        const scaled = BigInt(text.replace('.', ''));
        expect(BigInt(w.remote) * 100n * 10n ** BigInt(d)).toBe(scaled * BigInt(total));
      }),
    );
  });

  it('GIVEN a percentage with too many decimals WHEN the nearest expressible one is taken THEN it has weights', () => {
    for (const p of [33.333333333, 0.1 + 0.2, 1e-8, 99.999999999]) {
      const nearest = nearestExpressiblePercent(p);
      expect(nearest).not.toMatch(/e/);
      expect(splitWeights(Number(nearest))).toBeDefined();
    }
  });
});
