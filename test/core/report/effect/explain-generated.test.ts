import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasErrors } from '../../../../src/core/diagnostics.js';
import { renderFederation } from '../../../../src/core/render/render-federation.js';
import { diffEffects } from '../../../../src/core/report/effect/diff-effects.js';
import { explainFederation } from '../../../../src/core/report/effect/explain-report.js';
import { explainJson, formatExplain } from '../../../../src/core/report/effect/format-explain.js';
import { validateFederation } from '../../../../src/core/validate/validate-federation.js';
import { FederationBuilder } from '../../render/federation-builder.js';

const NAMES = ['alpha', 'beta', 'gamma', 'delta', 'epsilon'] as const;
const PROTOCOLS = ['HTTP', 'HTTP2', 'GRPC', 'TCP'] as const;
const HTTP = new Set(['HTTP', 'HTTP2', 'GRPC']);

const policy = fc.oneof(
  fc.record({ burst: fc.record({ local: fc.record({ maxConnections: fc.integer({ min: 1, max: 50 }), maxRequests: fc.integer({ min: 1, max: 50 }) }) }) }),
  fc.record({ failover: fc.record({ ejection: fc.record({ consecutive5xxErrors: fc.integer({ min: 1, max: 9 }), maxEjectionPercent: fc.integer({ min: 1, max: 100 }) }) }) }),
  fc.record({ split: fc.record({ remoteWeight: fc.integer({ min: 1, max: 999 }).map((n) => n / 10) }) }),
  fc.constant({ route: { match: [{ headers: { 'x-canary': { exact: 'yes' } } }, { uriPrefix: '/v2/' }] } }),
  fc.record({ mirror: fc.record({ percent: fc.integer({ min: 1, max: 100 }) }) }),
);

/**
 * A ring of 2-5 peers: each exports one service with 1-3 ports to the next, which imports it with some policy
 * (route and mirror only when an HTTP port is there, as validation requires).
 */
const ring = fc
  .record({
    size: fc.integer({ min: 2, max: 5 }),
    links: fc.array(
      fc.record({ protocols: fc.uniqueArray(fc.constantFrom(...PROTOCOLS), { minLength: 1, maxLength: 3 }), policy, inbound: fc.option(fc.integer({ min: 1, max: 500 }), { nil: undefined }) }),
      { minLength: 5, maxLength: 5 },
    ),
  })
  .map(({ size, links }) => {
    const b = new FederationBuilder();
    NAMES.slice(0, size).forEach((n, i) => b.peer(n, { address: `203.0.113.${10 + i}`, region: i % 2 === 0 ? 'eu-west1' : 'us-east1' }));
    for (let i = 0; i < size; i++) {
      const provider = NAMES[i] as string;
      const consumer = NAMES[(i + 1) % size] as string;
      const link = links[i] as (typeof links)[number];
      const httpOnly = 'route' in link.policy || 'mirror' in link.policy;
      const protocols = httpOnly && !link.protocols.some((p) => HTTP.has(p)) ? ['HTTP', ...link.protocols] : link.protocols;
      b.export(provider, `svc-${provider}`, {
        service: { name: `svc-${provider}`, namespace: 'demo' },
        ports: protocols.map((p, j) => ({ name: `${p.toLowerCase()}-${j}`, number: 8000 + j, protocol: p })),
        serviceAccounts: [`svc-${provider}`],
        consumers: [{ peer: consumer }],
        ...(link.inbound === undefined ? {} : { inbound: { maxConnections: link.inbound } }),
      });
      b.import(consumer, `from-${provider}`, {
        from: { peer: provider, export: `svc-${provider}` },
        target: { name: `front-${consumer}`, namespace: 'demo' },
        ...link.policy,
      });
    }
    return b.build();
  });

describe('meshfed explain on generated federations', () => {
  it('GIVEN any valid ring federation WHEN explained THEN one flow per import, every imported port, the same bytes each time, and nothing changed against itself', () => {
    fc.assert(
      fc.property(ring, (model) => {
        // The builder makes peers only (no federation.yaml): every other rule must pass.
        const problems = validateFederation(model).filter((d) => d.code !== 'federation/missing');
        expect(hasErrors(problems) ? problems.map((d) => d.message) : []).toEqual([]);
        const rendered = renderFederation(model);
        const report = explainFederation(model, rendered);
        const imports = [...model.peers.values()].flatMap((p) => p.imports.map((i) => ({ consumer: p.name, imp: i.value })));
        expect(report.flows).toHaveLength(imports.length);
        for (const { consumer, imp } of imports) {
          const flow = report.flows.find((f) => f.consumer === consumer && f.importName === imp.metadata.name);
          const exp = model.peers.get(imp.spec.from.peer)?.exports.find((e) => e.value.metadata.name === imp.spec.from.export)?.value;
          expect(flow?.ports.map((p) => p.port.name)).toEqual(exp?.spec.ports.map((p) => p.name));
        }
        const text = formatExplain(report);
        for (const f of report.flows) for (const p of f.ports) expect(text).toContain(`port ${p.port.name} (${p.port.number}/${p.port.protocol})`);
        expect(explainJson(explainFederation(model, renderFederation(model)))).toBe(explainJson(report));
        expect(diffEffects(report, report).flows).toEqual([]);
        expect(diffEffects({ flows: [] }, report).flows.every((f) => f.change === 'added')).toBe(true);
      }),
      { numRuns: 60, seed: 20261130 },
    );
  });
});
