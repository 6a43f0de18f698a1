import { expect } from 'vitest';
import type { FederationPlan } from '../../../src/core/plan/federation-plan.js';

/**
 * THEN `plan` (plan-change.ts: peers whose render inputs did not change are left unrendered) says what `full` (two
 * full renders compared) says: the same peers in the same order, every rendered peer planned identically, and every
 * peer marked `inputsUnchanged` present on both sides without a change in `full`.
 */
export function expectSamePlan(plan: FederationPlan, full: FederationPlan): void {
  expect(plan.peers.map((p) => p.peer)).toEqual(full.peers.map((p) => p.peer));
  plan.peers.forEach((p, i) => {
    const f = full.peers[i];
    if (p.inputsUnchanged === true) {
      expect(p).toEqual({ peer: p.peer, presence: 'both', added: [], changed: [], removed: [], inputsUnchanged: true });
      expect(f).toMatchObject({ presence: 'both', added: [], changed: [], removed: [] });
    } else {
      expect(p).toEqual(f);
    }
  });
}
