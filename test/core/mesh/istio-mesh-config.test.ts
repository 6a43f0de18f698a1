import { describe, expect, it } from 'vitest';
import { parseIstioMeshConfig, trustDomainsForValidation } from '../../../src/core/mesh/istio-mesh-config.js';

type Mesh = Parameters<typeof trustDomainsForValidation>[0];
const mesh = (trustDomain: string, trustDomainAliases: string[] = [], ca: string[][] = []): Mesh => ({
  trustDomain,
  trustDomainAliases,
  caCertificates: ca.map((trustDomains) => ({ trustDomains, hasPem: false, certSigners: [] })),
});

describe('trustDomainsForValidation: the cases of Istio\'s TestTrustDomainsForValidation (pilot/pkg/networking/plugin/authn/util_test.go)', () => {
  it.each([
    ['No duplicated trust domain in mesh config', mesh('cluster.local', ['alias-1.domain', 'some-other-alias-1.domain', 'alias-2.domain']), ['cluster.local', 'alias-1.domain', 'some-other-alias-1.domain', 'alias-2.domain']],
    ['Empty mesh config', mesh(''), []],
    ['Sequential duplicated trust domains in mesh config', mesh('cluster.local', ['alias-1.domain', 'alias-1.domain', 'some-other-alias-1.domain', 'alias-2.domain', 'alias-2.domain']), ['cluster.local', 'alias-1.domain', 'some-other-alias-1.domain', 'alias-2.domain']],
    ['Mixed duplicated trust domains in mesh config', mesh('cluster.local', ['alias-1.domain', 'cluster.local', 'alias-2.domain', 'some-other-alias-1.domain', 'alias-2.domain', 'alias-1.domain']), ['cluster.local', 'alias-1.domain', 'alias-2.domain', 'some-other-alias-1.domain']],
    ['Extra trust domains in mesh config caCertificates', mesh('cluster.local', [], [['external-1.domain'], ['external-2.domain', 'external-3.domain']]), ['cluster.local', 'external-1.domain', 'external-2.domain', 'external-3.domain']],
  ])('%s', (_name, config, want) => {
    expect(trustDomainsForValidation(config)).toEqual(want);
  });
});

describe('parseIstioMeshConfig: the mesh key as istiod reads it', () => {
  it('GIVEN no mesh text WHEN parsed THEN it is Istio\'s default mesh config (trust domain cluster.local, root namespace istio-system)', () => {
    for (const text of [undefined, '', '  \n']) {
      expect(parseIstioMeshConfig(text)).toEqual({
        ok: true,
        config: { trustDomain: 'cluster.local', trustDomainAliases: [], caCertificates: [], meshId: undefined, rootNamespace: 'istio-system' },
      });
    }
  });

  it('GIVEN the istiod chart\'s layout with caCertificates and meshId WHEN parsed THEN every field the preflight needs is read', () => {
    const parsed = parseIstioMeshConfig(
      [
        'accessLogFile: /dev/stdout',
        'defaultConfig:',
        '  discoveryAddress: istiod.istio-system.svc:15012',
        '  meshId: boutique',
        'rootNamespace: istio-system',
        'trustDomain: milan.boutique.example',
        'caCertificates:',
        '  - pem: |',
        '      -----BEGIN CERTIFICATE-----',
        '      MIIB',
        '      -----END CERTIFICATE-----',
        '    trustDomains: [turin.boutique.example]',
        '  - trustDomains: [virginia.boutique.example]',
        '    certSigners: [clusterissuers.cert-manager.io/istio-ca]',
      ].join('\n'),
    );
    expect(parsed).toEqual({
      ok: true,
      config: {
        trustDomain: 'milan.boutique.example',
        trustDomainAliases: [],
        caCertificates: [
          { trustDomains: ['turin.boutique.example'], hasPem: true, certSigners: [] },
          { trustDomains: ['virginia.boutique.example'], hasPem: false, certSigners: ['clusterissuers.cert-manager.io/istio-ca'] },
        ],
        meshId: 'boutique',
        rootNamespace: 'istio-system',
      },
    });
  });

  it('GIVEN proto field names (protojson accepts them too) WHEN parsed THEN they mean the same', () => {
    const parsed = parseIstioMeshConfig('trust_domain: a.example\ntrust_domain_aliases: [b.example]\nca_certificates:\n  - trust_domains: [c.example]\ndefault_config: {mesh_id: m}\nroot_namespace: mesh-root\n');
    expect(parsed.ok && parsed.config).toEqual({
      trustDomain: 'a.example',
      trustDomainAliases: ['b.example'],
      caCertificates: [{ trustDomains: ['c.example'], hasPem: false, certSigners: [] }],
      meshId: 'm',
      rootNamespace: 'mesh-root',
    });
  });

  it.each([
    ['broken YAML', 'trustDomain: [a', 'not valid YAML'],
    ['a list', '- a', 'not a YAML mapping'],
    ['trustDomain a number', 'trustDomain: 5', 'trustDomain is not a string'],
    ['caCertificates a mapping', 'caCertificates: {pem: x}', 'caCertificates is not a list'],
    ['trustDomains a string', 'caCertificates:\n  - trustDomains: a.example', 'caCertificates[0].trustDomains is not a list of strings'],
  ])('GIVEN %s WHEN parsed THEN it is unreadable and says why', (_name, text, why) => {
    const parsed = parseIstioMeshConfig(text);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error).toContain(why);
  });
});
