import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderFederation } from '../../../src/core/render/render-federation.js';
import {
  ALLOWED_KINDS,
  ANNOTATION_SOURCE,
  apiGroup,
  compareObjects,
  LABEL_INTENT,
  LABEL_INTENT_KIND,
  LABEL_MANAGED_BY,
  LABEL_PEER,
} from '../../../src/core/render/rendered-object.js';
import { objectsToYaml } from '../../../src/core/render/output/serialize-yaml.js';
import { FederationBuilder, echoExport, paperFederation } from './federation-builder.js';

function threePeers(order: 'forward' | 'reverse'): FederationBuilder {
  const b = new FederationBuilder();
  const steps: ((x: FederationBuilder) => void)[] = [
    (x) => x.peer('alpha', { address: '192.0.2.1' }),
    (x) => x.peer('beta', { address: '192.0.2.2' }),
    (x) => x.peer('gamma', { address: 'eastwest.gamma.example.org' }),
    (x) => x.export('beta', 'echo', echoExport(['alpha', 'gamma'], { inbound: { maxConnections: 4 } })),
    (x) => x.export('alpha', 'shop', { ...echoExport(['beta']), service: { name: 'shop', namespace: 'demo' } }),
    (x) => x.import('alpha', 'echo-burst', { from: { peer: 'beta', export: 'echo' }, burst: { local: { maxRequests: 5 } } }),
    (x) => x.import('gamma', 'echo-mirror', { from: { peer: 'beta', export: 'echo' }, mirror: { percent: 10 } }),
    (x) => x.import('beta', 'shop-split', { from: { peer: 'alpha', export: 'shop' }, split: { remoteWeight: 30 } }),
    (x) => x.gateway('alpha', 'public', { hosts: ['echo.alpha.example.org'], tls: { mode: 'SIMPLE', credentialName: 'c' }, routes: [{ to: { service: 'echo', namespace: 'demo', port: 8080 } }] }),
  ];
  // Peers first either way (the builder needs the Peer before nothing else), intents in the given order.
  const peers = steps.slice(0, 3);
  const intents = steps.slice(3);
  for (const s of [...peers, ...(order === 'forward' ? intents : [...intents].reverse())]) s(b);
  return b;
}

function yamlOf(model: ReturnType<FederationBuilder['build']>): string {
  return [...renderFederation(model)].map(([peer, objects]) => `# ${peer}\n${objectsToYaml(objects)}`).join('');
}

describe('renderFederation', () => {
  const rendered = renderFederation(threePeers('forward').build());

  it('GIVEN several peers THEN the map has every peer with a Peer document, in sorted order', () => {
    expect([...rendered.keys()]).toEqual(['alpha', 'beta', 'gamma']);
  });

  it('GIVEN the output THEN objects of each peer are sorted by group/Kind/namespace/name', () => {
    for (const objects of rendered.values()) expect([...objects].sort(compareObjects)).toEqual(objects);
  });

  it('GIVEN the output THEN every object carries the managed-by, peer, intent-kind and intent labels and the source annotation', () => {
    for (const [peer, objects] of rendered) {
      for (const o of objects) {
        expect(o.metadata.labels[LABEL_MANAGED_BY]).toBe('meshfed');
        expect(o.metadata.labels[LABEL_PEER]).toBe(peer);
        expect(o.metadata.labels[LABEL_INTENT_KIND]).toMatch(/^(ServiceExport|ServiceImport|EdgeGateway)$/);
        expect(o.metadata.labels[LABEL_INTENT]).toMatch(/^[a-z]+\.[a-z-]+$/);
        expect(o.metadata.annotations[ANNOTATION_SOURCE]).toMatch(/^federation\/peers\/[a-z]+\/[a-z-]+\.yaml$/);
      }
    }
  });

  it('GIVEN the output THEN only allowed kinds are rendered, and each object name is a DNS-1123 label', () => {
    const allowed = new Set(ALLOWED_KINDS.map((k) => `${k.group}/${k.kind}`));
    for (const objects of rendered.values()) {
      for (const o of objects) {
        expect(allowed.has(`${apiGroup(o.apiVersion)}/${o.kind}`)).toBe(true);
        expect(o.metadata.name).toMatch(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/);
      }
    }
  });

  it('GIVEN an intent\'s owner THEN its objects are labelled with that owner, even in another cluster\'s map entry', () => {
    const beta = rendered.get('beta') ?? [];
    const labels = new Set(beta.map((o) => o.metadata.labels[LABEL_INTENT]));
    expect(labels).toEqual(new Set(['beta.echo', 'beta.shop-split']));
  });

  it('GIVEN the same federation with intents added in the opposite order THEN the YAML is byte-identical', () => {
    expect(yamlOf(threePeers('reverse').build())).toBe(yamlOf(threePeers('forward').build()));
  });

  it('GIVEN a peer folder without a Peer document THEN it is skipped and nothing throws', () => {
    const model = paperFederation().import('ghost', 'x', { from: { peer: 'beta', export: 'echo' }, failover: {} }).build();
    expect([...renderFederation(model).keys()]).toEqual(['alpha', 'beta']);
  });

  it('GIVEN a peer with nothing to render THEN it still has an (empty) entry', () => {
    expect(renderFederation(new FederationBuilder().peer('lonely').build()).get('lonely')).toEqual([]);
  });

  it('GIVEN arbitrary cross-references between schema-valid intents THEN render never throws and stays deterministic', () => {
    const names = ['alpha', 'beta', 'gamma'] as const;
    const policy = fc.oneof(
      fc.record({ burst: fc.record({ local: fc.record({ maxConnections: fc.integer({ min: 1, max: 9 }) }) }) }),
      fc.constant({ failover: {} }),
      fc.record({ split: fc.record({ remoteWeight: fc.double({ min: 0, max: 100, noNaN: true }) }) }),
      fc.constant({ route: { match: [{ uriPrefix: '/x' }] } }),
      fc.record({ mirror: fc.record({ percent: fc.double({ min: 0, max: 100, noNaN: true }) }) }),
      fc.constant({}),
    );
    const scenario = fc.record({
      addresses: fc.array(fc.constantFrom('192.0.2.7', '2001:db8::7', 'eastwest.example.org'), { minLength: 3, maxLength: 3 }),
      exports: fc.array(fc.record({ peer: fc.constantFrom(...names), consumers: fc.subarray([...names, 'nobody'], { minLength: 1 }), tcp: fc.boolean() }), { maxLength: 4 }),
      imports: fc.array(
        fc.record({ peer: fc.constantFrom(...names), from: fc.constantFrom(...names, 'nobody'), exp: fc.integer({ min: 0, max: 4 }), policy, target: fc.boolean() }),
        { maxLength: 5 },
      ),
      withPeer: fc.subarray([...names], { minLength: 1 }),
    });
    fc.assert(
      fc.property(scenario, (s) => {
        const b = new FederationBuilder();
        names.forEach((n, i) => {
          if (s.withPeer.includes(n)) b.peer(n, { address: s.addresses[i] ?? '192.0.2.1' });
        });
        s.exports.forEach((e, i) =>
          b.export(e.peer, `svc${i}`, {
            ...echoExport(e.consumers),
            ports: [{ name: 'p', number: 8000 + i, protocol: e.tcp ? 'TCP' : 'HTTP' }],
          }),
        );
        s.imports.forEach((imp, i) =>
          b.import(imp.peer, `imp${i}`, {
            from: { peer: imp.from, export: `svc${imp.exp}` },
            ...(imp.target ? { target: { name: 'local', namespace: 'demo' } } : {}),
            ...imp.policy,
          }),
        );
        const model = b.build();
        expect(yamlOf(model)).toBe(yamlOf(model));
      }),
      { numRuns: 150, seed: 20240513 },
    );
  });
});
