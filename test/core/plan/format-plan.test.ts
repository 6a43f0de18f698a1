import { describe, expect, it } from 'vitest';
import { planToGithub, planToHuman, planToJson } from '../../../src/core/plan/format-plan.js';
import { planFederation } from '../../../src/core/plan/plan-federation.js';
import { renderedFederation, renderedObject } from '../consent/model-builder.js';

const pa = (peer: string) => renderedObject(peer, 'PeerAuthentication', 'default', { mtls: { mode: 'STRICT' } });
const dr = (peer: string, host: string) => renderedObject(peer, 'DestinationRule', 'echo', { host });

const base = renderedFederation({ alpha: [pa('alpha'), dr('alpha', 'a')], beta: [pa('beta')], gamma: [pa('gamma')] });
const head = renderedFederation({
  alpha: [pa('alpha'), dr('alpha', 'b')],
  beta: [pa('beta')],
  delta: [pa('delta')],
  gamma: [pa('gamma')],
});
const plan = planFederation(base, head);

describe('planToHuman', () => {
  it('GIVEN a plan WHEN formatted without diffs THEN it prints a summary, each changed peer with its objects, and the quiet peers on one line', () => {
    expect(planToHuman(plan, { diffs: false })).toEqual([
      'Plan: 2 of 4 peers change: 1 to add, 1 to change, 0 to remove, 3 unchanged',
      '',
      'alpha: +0 ~1 -0 (1 unchanged)',
      '  ~ networking.istio.io/DestinationRule/demo/echo',
      '',
      'delta (new peer): +1 ~0 -0 (0 unchanged)',
      '  + security.istio.io/PeerAuthentication/demo/default',
      '',
      'No changes for 2 peers: beta, gamma',
    ]);
  });

  it('GIVEN a plan WHEN formatted with diffs THEN the unified diffs follow the object list', () => {
    const text = planToHuman(plan).join('\n');
    expect(text).toContain('--- a/alpha/DestinationRule/demo/echo\n+++ b/alpha/DestinationRule/demo/echo\n');
    expect(text).toContain('-  host: a\n+  host: b');
    expect(text).toContain('--- /dev/null\n+++ b/delta/PeerAuthentication/demo/default');
  });

  it('GIVEN peers left unrendered because their inputs did not change WHEN formatted THEN the summary says how many, not an object count for them', () => {
    const partial = planFederation(new Map([['alpha', base.get('alpha') ?? []]]), new Map([['alpha', head.get('alpha') ?? []]]), {
      untouched: new Set(['beta', 'gamma']),
    });
    expect(planToHuman(partial, { diffs: false })).toEqual([
      'Plan: 1 of 3 peers change: 0 to add, 1 to change, 0 to remove, 1 unchanged; 2 peers with unchanged inputs not rendered',
      '',
      'alpha: +0 ~1 -0 (1 unchanged)',
      '  ~ networking.istio.io/DestinationRule/demo/echo',
      '',
      'No changes for 2 peers: beta, gamma',
    ]);
    const json = JSON.parse(JSON.stringify(planToJson(partial))) as ReturnType<typeof planToJson>;
    expect(json.peers[1]).toEqual({ peer: 'beta', presence: 'both', added: [], changed: [], removed: [], inputsUnchanged: true });
    expect(json.totals).toMatchObject({ unchanged: 1, inputsUnchangedPeers: 2 });
  });

  it('GIVEN no change WHEN formatted THEN it says so in one line', () => {
    expect(planToHuman(planFederation(base, base))).toEqual(['Plan: no changes (3 peers, 4 objects unchanged)']);
  });
});

describe('planToGithub', () => {
  it('GIVEN a plan WHEN formatted for Actions THEN each changed peer is a log group and the summary a notice', () => {
    const lines = planToGithub(plan, { diffs: false });
    expect(lines).toEqual([
      '::group::alpha: +0 ~1 -0 (1 unchanged)',
      '  ~ networking.istio.io/DestinationRule/demo/echo',
      '::endgroup::',
      '::group::delta (new peer): +1 ~0 -0 (0 unchanged)',
      '  + security.istio.io/PeerAuthentication/demo/default',
      '::endgroup::',
      '::notice title=meshfed plan::Plan: 2 of 4 peers change: 1 to add, 1 to change, 0 to remove, 3 unchanged',
    ]);
  });

  it('GIVEN diffs WHEN formatted for Actions THEN no line inside a group can be read as a workflow command', () => {
    const inside = planToGithub(plan).filter((l) => !/^::(group|endgroup|notice)/.test(l));
    expect(inside.length).toBeGreaterThan(4);
    for (const l of inside) expect(l.startsWith('::')).toBe(false);
  });
});

describe('planToJson', () => {
  it('GIVEN a plan WHEN converted THEN totals, affected peers and the per-peer changes survive a JSON round trip', () => {
    const json = JSON.parse(JSON.stringify(planToJson(plan))) as ReturnType<typeof planToJson>;
    expect(json.totals).toEqual({ peers: 4, affectedPeers: 2, added: 1, changed: 1, removed: 0, unchanged: 3, inputsUnchangedPeers: 0 });
    expect(json.affectedPeers).toEqual(['alpha', 'delta']);
    expect(json.peers.map((p) => p.peer)).toEqual(['alpha', 'beta', 'delta', 'gamma']);
    expect(json.peers[0]?.changed[0]).toMatchObject({ type: 'changed', kind: 'DestinationRule', namespace: 'demo', name: 'echo' });
  });
});
