import { describe, expect, it } from 'vitest';
import { renderFederation } from '../../../src/core/render/render-federation.js';
import type { RenderedObject } from '../../../src/core/render/rendered-object.js';
import { EXAMPLES, exampleModel } from './example-federations.js';
import { paperFederation } from './federation-builder.js';
import { allKeys } from './render-helpers.js';

/** Every `sni` value anywhere in the consumer's DestinationRules. */
function sentSnis(objects: readonly RenderedObject[]): string[] {
  const out: string[] = [];
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'sni' && typeof x === 'string') out.push(x);
        else visit(x);
      }
    }
  };
  objects.filter((o) => o.kind === 'DestinationRule').forEach((o) => visit(o.spec));
  return out;
}

/** SNIs the provider's DENY policy exempts for some consumer identity (`connection.sni` notValues). */
function admittedSnis(objects: readonly RenderedObject[]): Set<string> {
  const out = new Set<string>();
  for (const o of objects.filter((x) => x.kind === 'AuthorizationPolicy' && x.spec.action === 'DENY')) {
    for (const rule of (o.spec.rules ?? []) as { when?: { key: string; notValues?: string[] }[] }[]) {
      for (const w of rule.when ?? []) if (w.key === 'connection.sni') w.notValues?.forEach((v) => out.add(v));
    }
  }
  return out;
}

function exposedHosts(objects: readonly RenderedObject[]): Set<string> {
  const out = new Set<string>();
  for (const o of objects.filter((x) => x.kind === 'Gateway')) {
    for (const s of (o.spec.servers ?? []) as { hosts: string[]; tls?: { mode?: string } }[]) {
      if (s.tls?.mode === 'AUTO_PASSTHROUGH') s.hosts.forEach((h) => out.add(h));
    }
  }
  return out;
}

const federations = [
  ...EXAMPLES.map((e) => ({ name: e.name, model: exampleModel(e.repoDir) })),
  ...['burst', 'failover', 'split', 'route', 'mirror'].map((policy) => ({
    name: `paper ${policy}`,
    model: paperFederation({
      target: { name: 'echo-local', namespace: 'web' },
      ...{ burst: { burst: {} }, failover: { failover: {} }, split: { split: { remoteWeight: 10 } }, route: { route: { match: [{ uriPrefix: '/' }] } }, mirror: { mirror: { percent: 1 } } }[policy],
    }).build(),
  })),
];

describe('what a consumer sends is what its provider exposes and admits', () => {
  for (const { name, model } of federations) {
    it(`GIVEN ${name} THEN every SNI a consumer sends is exposed on the provider's east-west gateway and exempted by its DENY policy`, () => {
      const rendered = renderFederation(model);
      let checked = 0;
      for (const [consumer, pm] of model.peers) {
        for (const imp of pm.imports) {
          const provider = imp.value.spec.from.peer;
          const mine = (rendered.get(consumer) ?? []).filter((o) => o.metadata.name === `meshfed-import-${imp.value.metadata.name}`);
          const theirs = rendered.get(provider) ?? [];
          for (const sni of sentSnis(mine)) {
            checked++;
            expect(admittedSnis(theirs), `${consumer} -> ${provider}`).toContain(sni);
            expect(exposedHosts(theirs)).toContain(sni.replace(/^outbound_\.[0-9]+_\._\./, ''));
          }
        }
      }
      expect(checked, 'no SNI checked: the test would pass vacuously').toBeGreaterThan(0);
      expect(allKeys([...rendered.values()].flat().map((o) => o.spec)).has('consecutiveErrors')).toBe(false);
    });
  }
});
