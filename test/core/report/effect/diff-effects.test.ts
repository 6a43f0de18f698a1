import { describe, expect, it } from 'vitest';
import { diffEffects } from '../../../../src/core/report/effect/diff-effects.js';
import type { PortEffect } from '../../../../src/core/report/effect/flow-effect.js';
import { burstFlow, burstPort } from './flow-effect-fixtures.js';

const base = burstPort();
const callers = base.callers;

const WEAKER: readonly (readonly [string, PortEffect, string])[] = [
  ['the local pods\' limit removed', burstPort({ localPods: {} }), 'maxConnections on tein\'s pods removed (was 10)'],
  ['the gateway cap raised', burstPort({ providerGateway: { maxConnections: 500, connectTimeout: '5s' } }), 'maxConnections on gke\'s east-west gateway raised from 100 to 500'],
  ['ejection removed', burstPort({ callers: { ...callers, ejection: undefined } as PortEffect['callers'] }), 'tein\'s callers no longer eject failing endpoints'],
  ['failover removed', burstPort({ callers: { ...callers, failover: undefined } as PortEffect['callers'] }), 'local pods no longer come before the peer: no failover order'],
  ['the consumer no longer admitted', burstPort({ admission: { ...base.admission, admitted: [], consumerAdmitted: false } }), 'tein is no longer admitted by gke'],
  ['admission widened', burstPort({ admission: { ...base.admission, admitted: ['*'] } }), 'gke admits more: *'],
  ['identity pinning dropped', burstPort({ callers: { ...callers, tls: { ...callers.tls, subjectAltNames: [] } } }), 'tein accepts any identity of the mesh from gke'],
  ['mTLS made permissive', burstPort({ admission: { ...base.admission, mtls: 'PERMISSIVE' } }), 'gke\'s pods accept PERMISSIVE instead of STRICT mTLS'],
];

describe('diffEffects: before → after per flow and port', () => {
  it('GIVEN the same effects WHEN compared THEN no flow is listed', () => {
    expect(diffEffects({ flows: [burstFlow()] }, { flows: [burstFlow()] }).flows).toEqual([]);
  });

  it.each(WEAKER)('GIVEN %s WHEN compared THEN it is reported as weaker', (_name, after, weaker) => {
    const d = diffEffects({ flows: [burstFlow()] }, { flows: [burstFlow(after)] });
    expect(d.flows).toHaveLength(1);
    expect(d.flows[0]?.ports[0]?.weaker).toContain(weaker);
  });

  it('GIVEN a limit made tighter WHEN compared THEN the fact changes but nothing is weaker', () => {
    const d = diffEffects({ flows: [burstFlow()] }, { flows: [burstFlow(burstPort({ localPods: { maxConnections: 5 } }))] });
    const port = d.flows[0]?.ports[0];
    expect(port?.weaker).toEqual([]);
    expect(port?.facts.map((f) => f.topic)).toEqual(['limits']);
    expect(port?.facts[0]?.before).toContain('maxConnections 10');
    expect(port?.facts[0]?.after).toContain('maxConnections 5');
  });

  it('GIVEN the reverse of each weakening WHEN compared THEN none is reported as weaker', () => {
    for (const [, weaker] of WEAKER) {
      const d = diffEffects({ flows: [burstFlow(weaker)] }, { flows: [burstFlow()] });
      expect(d.flows.flatMap((f) => f.ports.flatMap((p) => p.weaker)).filter((w) => !w.includes('admits more'))).toEqual([]);
    }
  });

  it('GIVEN a flow only in head and one only in base WHEN compared THEN they are added and removed', () => {
    const other = burstFlow(burstPort(), { consumer: 'milan', import: 'catalog' });
    const d = diffEffects({ flows: [other] }, { flows: [burstFlow()] });
    expect(d.flows.map((f) => [f.key, f.change])).toEqual([
      ['milan/catalog → gke/echo', 'removed'],
      ['tein/echo-burst → gke/echo', 'added'],
    ]);
  });
});
