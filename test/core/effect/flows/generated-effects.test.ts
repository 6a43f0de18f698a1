import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateAuthorization, federationEffects } from '../../../../src/core/effect/index.js';
import { renderFederation } from '../../../../src/core/render/render-federation.js';
import { exportSnis } from '../../../../src/core/render/provider/provider-foreign-deny.js';
import { validateFederation } from '../../../../src/core/validate/validate-federation.js';
import { FederationBuilder } from '../../render/federation-builder.js';
import { expectFlowEnforcesIntent } from './flow-expectations.js';

// Effect tests on generated federations (fast-check): any valid federation an operator could write, with every
// import kind, port protocol, locality relation, limit and ejection setting, must enforce its intents when Istio
// resolves the rendered objects (flow-expectations.ts), and leave the providers' local callers untouched.

const PEERS = ['p0', 'p1', 'p2', 'p3'];
const LOCALITIES = [
  { region: 'eu-south-1', zone: 'eu-south-1a' },
  { region: 'eu-south-1', zone: 'eu-south-1b' },
  { region: 'us-east-1', zone: 'us-east-1a' },
];
const PROTOCOLS = ['HTTP', 'HTTP2', 'GRPC', 'TCP'] as const;

const ejection = fc.record(
  {
    consecutive5xxErrors: fc.integer({ min: 1, max: 10 }),
    consecutiveGatewayErrors: fc.integer({ min: 1, max: 10 }),
    interval: fc.constantFrom('1s', '5s', '10s'),
    baseEjectionTime: fc.constantFrom('30s', '1m'),
    maxEjectionPercent: fc.constantFrom(10, 50, 100),
  },
  { requiredKeys: ['consecutive5xxErrors'] },
);
const policy = fc.oneof(
  fc.record({
    burst: fc.record({
      local: fc.record(
        {
          maxConnections: fc.integer({ min: 1, max: 500 }),
          maxPendingRequests: fc.integer({ min: 1, max: 500 }),
          maxRequests: fc.integer({ min: 1, max: 500 }),
          maxRequestsPerConnection: fc.integer({ min: 1, max: 10 }),
        },
        { requiredKeys: ['maxConnections'] },
      ),
      ejection,
    }),
  }),
  fc.record({ failover: fc.record({ ejection }) }),
  fc.record({ split: fc.record({ remoteWeight: fc.constantFrom(0.2, 1, 10, 33.5, 50, 99.6) }) }),
  fc.record({
    route: fc.record({
      match: fc.constantFrom(
        [{ headers: { 'x-canary': { exact: 'yes' } } }],
        [{ uriPrefix: '/v2/' }, { headers: { 'x-model': { prefix: 'gpu' } } }],
      ),
    }),
  }),
  fc.record({ mirror: fc.record({ percent: fc.constantFrom(1, 5, 50, 100) }) }),
);

const scenario = fc.record({
  peers: fc.integer({ min: 2, max: 4 }),
  localities: fc.array(fc.integer({ min: 0, max: LOCALITIES.length - 1 }), { minLength: 4, maxLength: 4 }),
  exports: fc.array(
    fc.record({
      provider: fc.integer({ min: 0, max: 3 }),
      namespace: fc.constantFrom('demo', 'shop'),
      protocols: fc.array(fc.constantFrom(...PROTOCOLS), { minLength: 1, maxLength: 3 }),
      consumers: fc.array(fc.record({ peer: fc.integer({ min: 0, max: 3 }), accounts: fc.boolean() }), { minLength: 1, maxLength: 3 }),
      inbound: fc.option(fc.integer({ min: 1, max: 200 }), { nil: undefined }),
      imports: fc.array(fc.record({ consumer: fc.integer({ min: 0, max: 3 }), policy, lb: fc.option(fc.constantFrom('ROUND_ROBIN', 'LEAST_REQUEST', 'RANDOM'), { nil: undefined }) }), { maxLength: 3 }),
    }),
    { minLength: 1, maxLength: 3 },
  ),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

const KIND_POLICIES: Scenario['exports'][number]['imports'][number]['policy'][] = [
  { burst: { local: { maxConnections: 10 }, ejection: { consecutive5xxErrors: 3 } } },
  { failover: { ejection: { consecutive5xxErrors: 3, maxEjectionPercent: 100 } } },
  { split: { remoteWeight: 33.5 } },
  { route: { match: [{ headers: { 'x-canary': { exact: 'yes' } } }] } },
  { mirror: { percent: 5 } },
];
/** One two-peer federation per import kind, its export serving an HTTP and a TCP port. */
const KIND_EXAMPLES: Scenario[] = KIND_POLICIES.map((policy) => ({
  peers: 2,
  localities: [0, 1, 0, 0],
  exports: [{ provider: 0, namespace: 'demo', protocols: ['HTTP', 'TCP'], consumers: [{ peer: 1, accounts: false }], inbound: undefined, imports: [{ consumer: 1, policy, lb: undefined }] }],
}));

/** Valid apart from the Federation document, which the builder does not write and render does not read. */
function valid(model: ReturnType<typeof build>): boolean {
  return !validateFederation(model).some((d) => d.severity === 'error' && d.code !== 'federation/missing');
}

function build(s: Scenario) {
  const names = PEERS.slice(0, s.peers);
  const b = new FederationBuilder();
  names.forEach((n, i) => {
    const loc = LOCALITIES[s.localities[i] ?? 0] ?? LOCALITIES[0];
    b.peer(n, { region: loc?.region, zone: loc?.zone, address: `192.0.2.${10 + i}`, namespaces: ['demo', 'shop'] });
  });
  const targets = new Set<string>();
  s.exports.forEach((e, k) => {
    const provider = names[e.provider % names.length] as string;
    const consumers = new Map<string, boolean>();
    for (const c of e.consumers) {
      const peer = names[c.peer % names.length] as string;
      if (peer !== provider) consumers.set(peer, c.accounts);
    }
    if (consumers.size === 0) return;
    const name = `svc${k}`;
    b.export(provider, name, {
      service: { name, namespace: e.namespace },
      ports: e.protocols.map((protocol, j) => ({ name: `${protocol.toLowerCase()}-${j}`, number: 8000 + j, protocol })),
      serviceAccounts: [name],
      consumers: [...consumers].map(([peer, accounts]) => (accounts ? { peer, serviceAccounts: [{ namespace: 'shop', serviceAccount: 'frontend' }] } : { peer })),
      ...(e.inbound === undefined ? {} : { inbound: { maxConnections: e.inbound } }),
    });
    e.imports.forEach((imp, j) => {
      const consumer = names[imp.consumer % names.length] as string;
      if (!consumers.has(consumer)) return;
      const target = `local-${k}-${j}`;
      if (targets.has(`${consumer}/${target}`)) return;
      targets.add(`${consumer}/${target}`);
      b.import(consumer, `imp-${k}-${j}`, {
        from: { peer: provider, export: name },
        target: { name: target, namespace: 'shop' },
        ...imp.policy,
        ...(imp.lb === undefined ? {} : { loadBalancer: imp.lb }),
      });
    });
  });
  return b.build();
}

describe('effects of generated federations', () => {
  it('GIVEN any valid federation WHEN rendered and resolved as Istio does THEN every flow enforces its intent on every port', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(scenario, (s) => {
        const model = build(s);
        fc.pre(valid(model));
        const rendered = renderFederation(model);
        for (const flow of federationEffects(model, rendered)) {
          for (const p of flow.ports) seen.add(`${flow.policy}/${p.port.protocol}`);
          expectFlowEnforcesIntent(model, flow, { rootNamespace: 'istio-system', configs: rendered.get(flow.consumer) ?? [] });
        }
      }),
      // Random runs plus one fixed example per import kind on an HTTP and a TCP port: the coverage check below is
      // then met on every seed (a random seed alone once missed split on TCP), while the random runs still explore.
      { numRuns: 80, examples: KIND_EXAMPLES.map((s) => [s] as [Scenario]) },
    );
    // The generator must reach every import kind on HTTP and TCP ports, or the property proves little.
    for (const kind of ['burst', 'failover', 'split', 'route', 'mirror']) for (const proto of ['HTTP', 'TCP']) expect(seen, `${kind} on ${proto}`).toContain(`${kind}/${proto}`);
  });

  it('GIVEN any valid federation WHEN a provider\'s own callers or strangers call its workloads THEN local decisions are unchanged and strangers are denied', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const model = build(s);
        fc.pre(valid(model));
        const rendered = renderFederation(model);
        for (const pm of model.peers.values()) {
          const peer = pm.peer?.value;
          if (peer === undefined || pm.exports.length === 0) continue;
          const td = { trustDomain: peer.spec.trustDomain };
          const mesh = { rootNamespace: peer.spec.eastWest.namespace, configs: rendered.get(pm.name) ?? [] };
          const snis = [...pm.exports.flatMap((e) => exportSnis(e.value)), 'outbound_.1_._.other.demo.svc.cluster.local'];
          for (const ns of ['demo', 'shop', 'istio-system', 'unrelated']) {
            for (const sni of snis) {
              const req = (principal: string | undefined) => ({ workloadNamespace: ns, principal, sni, port: 8000, protocol: 'http' as const });
              for (const local of [undefined, `${td.trustDomain}/ns/${ns}/sa/default`, `${td.trustDomain}/ns/other/sa/x`]) {
                expect(evaluateAuthorization(mesh, req(local), td).allowed, `${local ?? 'plaintext'} at ${ns}`).toBe(true);
              }
              expect(evaluateAuthorization(mesh, req('stranger.example/ns/shop/sa/frontend'), td).allowed).toBe(false);
            }
          }
        }
      }),
      { numRuns: 40 },
    );
  });
});
