import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadFederation } from '../../../src/core/load/load-federation.js';
import { formatMeshConfig, MESH_CONFIG_FORMATS } from '../../../src/core/mesh/mesh-config-fragment.js';
import { meshConfigMapName, meshRequirements } from '../../../src/core/mesh/mesh-requirements.js';
import { parsePemBundle } from '../../../src/core/mesh/root-certificate.js';
import { renderFederation } from '../../../src/core/render/render-federation.js';
import { EXAMPLES, exampleFiles, REPO_ROOT } from '../render/example-federations.js';
import { SHARED_ROOT_FINGERPRINT, SHARED_ROOT_PEM } from './mesh-fixtures.js';

/**
 * `meshfed mesh-config` for every peer of both bundled examples. Golden files in test/golden/mesh-config/<example>/
 * (<peer>.istiooperator.yaml, <peer>.helm.yaml); regenerate after an intended change with
 *   UPDATE_GOLDEN=1 npx vitest run test/core/mesh/mesh-config-fragment.test.ts
 */
const GOLDEN_DIR = path.join(REPO_ROOT, 'test', 'golden', 'mesh-config');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

type Doc = Record<string, unknown> & { spec?: Record<string, unknown> };
const yamlDocs = (text: string): Doc[] => text.split(/^---$/m).map((d) => parse(d, { schema: 'core' }) as Doc);
const get = (o: unknown, ...keys: string[]): unknown => keys.reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], o);

/**
 * Trust domains of the consumer identities the peer's rendered AuthorizationPolicies admit (what the mesh must let
 * through mTLS): meshfed's policy is a DENY whose per-consumer rules name each admitted identity (and whose first
 * rule, `principals: ["*"]`, names none).
 */
function admittedTrustDomains(objects: readonly { kind: string; spec: Readonly<Record<string, unknown>> }[]): string[] {
  const out = new Set<string>();
  for (const o of objects.filter((x) => x.kind === 'AuthorizationPolicy')) {
    for (const rule of (o.spec.rules as { from?: { source?: { principals?: string[] } }[] }[] | undefined) ?? []) {
      for (const from of rule.from ?? []) for (const p of from.source?.principals ?? []) if (p !== '*') out.add(p.split('/')[0] ?? '');
    }
  }
  return [...out].sort();
}

describe('meshfed mesh-config on the bundled examples', () => {
  for (const example of EXAMPLES) {
    const { model } = loadFederation(exampleFiles(example.repoDir));
    const rendered = renderFederation(model);
    const dir = path.join(GOLDEN_DIR, example.name);
    if (UPDATE) {
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
    }
    for (const peer of model.peers.keys()) {
      const req = meshRequirements(model, peer);
      if (req === undefined) throw new Error(`no requirements for ${peer}`);
      for (const format of MESH_CONFIG_FORMATS) {
        const text = formatMeshConfig(req, format);
        const file = path.join(dir, `${peer}.${format}.yaml`);
        if (UPDATE) writeFileSync(file, text);
        it(`GIVEN ${example.name} WHEN ${peer}'s ${format} fragment is printed THEN it equals test/golden/mesh-config/${example.name}/${peer}.${format}.yaml`, () => {
          expect(existsSync(file), `${file} is missing: run with UPDATE_GOLDEN=1`).toBe(true);
          expect(text).toBe(readFileSync(file, 'utf8'));
          expect(formatMeshConfig(req, format)).toBe(text);
        });
      }

      const [operator] = yamlDocs(formatMeshConfig(req, 'istiooperator'));
      const [istiod, gateway] = yamlDocs(formatMeshConfig(req, 'helm'));
      const own = model.peers.get(peer)?.peer?.value.spec;
      const federation = model.federation?.value.spec;

      it(`GIVEN ${example.name} WHEN ${peer}'s fragment is applied THEN its mesh accepts exactly the trust domains its AuthorizationPolicies admit, besides its own`, () => {
        const mesh = get(operator, 'spec', 'meshConfig') as { trustDomain: string; caCertificates?: { trustDomains: string[] }[]; trustDomainAliases?: unknown };
        expect(mesh.trustDomain).toBe(own?.trustDomain);
        const accepted = (mesh.caCertificates ?? []).flatMap((c) => c.trustDomains).sort();
        expect(accepted).toEqual(admittedTrustDomains(rendered.get(peer) ?? []).filter((td) => td !== own?.trustDomain));
        expect(mesh.trustDomainAliases).toBeUndefined();
      });

      it(`GIVEN ${example.name} WHEN ${peer}'s fragment is printed THEN meshID, network and cluster ID come from the intents and Helm says the same as the IstioOperator`, () => {
        expect(get(operator, 'spec', 'values', 'global')).toEqual({
          meshID: federation?.meshID,
          multiCluster: { clusterName: own?.clusterID },
          network: own?.network,
        });
        expect(get(istiod, 'global')).toEqual(get(operator, 'spec', 'values', 'global'));
        expect(get(istiod, 'meshConfig')).toEqual(get(operator, 'spec', 'meshConfig'));
      });

      it(`GIVEN ${example.name} WHEN ${peer}'s fragment is printed THEN it has an east-west gateway on the peer's port exactly when the peer exports`, () => {
        const gateways = get(operator, 'spec', 'components', 'ingressGateways') as Record<string, unknown>[] | undefined;
        const exports = model.peers.get(peer)?.exports.length ?? 0;
        if (exports === 0) {
          expect(gateways).toBeUndefined();
          expect(gateway).toBeUndefined();
          return;
        }
        expect(gateways).toHaveLength(1);
        const ew = gateways?.[0];
        expect(get(ew, 'label')).toMatchObject({ ...own?.eastWest.selector, 'topology.istio.io/network': own?.network });
        expect(get(ew, 'k8s', 'service', 'ports')).toContainEqual({ name: 'tls', port: own?.eastWest.port, targetPort: 15443 });
        expect(get(ew, 'k8s', 'env')).toEqual([{ name: 'ISTIO_META_REQUESTED_NETWORK_VIEW', value: own?.network }]);
        // Never istiod's ports (15012, 15017): meshfed's peers do not reach each other's control planes.
        expect((get(gateway, 'service', 'ports') as { port: number }[]).map((p) => p.port).sort()).toEqual([15021, own?.eastWest.port].sort());
        expect(get(gateway, 'labels')).toEqual(get(ew, 'label'));
      });
    }
  }
});

describe('formatMeshConfig: options', () => {
  const files = exampleFiles(EXAMPLES[1]?.repoDir ?? '');
  const withTurin = (extra: string) =>
    files.map((f) => (f.path.endsWith('turin/peer.yaml') ? { ...f, content: f.content.replace('version: "1.29.2"', `version: "1.29.2"\n    ${extra}`) } : f));

  it('GIVEN a peer with an istiod revision in its own namespace WHEN printed THEN both formats install that revision there and the preflight reads istio-<revision>', () => {
    const { model, diagnostics } = loadFederation(withTurin('namespace: mesh-control\n    revision: canary'));
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const req = meshRequirements(model, 'turin');
    if (!req) throw new Error('no turin');
    const [op] = yamlDocs(formatMeshConfig(req, 'istiooperator'));
    expect(get(op, 'metadata', 'namespace')).toBe('mesh-control');
    expect(get(op, 'spec', 'revision')).toBe('canary');
    expect(get(op, 'spec', 'values', 'global', 'istioNamespace')).toBe('mesh-control');
    const helm = formatMeshConfig(req, 'helm');
    expect(helm).toContain('helm upgrade --install istiod-canary istio/istiod -n mesh-control');
    expect(get(yamlDocs(helm)[0], 'revision')).toBe('canary');
    expect(meshConfigMapName(req.istio.revision)).toBe('istio-canary');
  });

  it.each([[undefined, 'istio'], ['default', 'istio'], ['1-30-3', 'istio-1-30-3']])(
    'GIVEN revision %s WHEN the mesh ConfigMap is named THEN it is %s (getMeshConfigMapName)',
    (rev, name) => expect(meshConfigMapName(rev)).toBe(name),
  );

  it('GIVEN the shared root PEM WHEN printed THEN caCertificates[].pem holds exactly that certificate, in both formats', () => {
    const { model } = loadFederation(files);
    const req = meshRequirements(model, 'turin');
    if (!req) throw new Error('no turin');
    for (const format of MESH_CONFIG_FORMATS) {
      const doc = yamlDocs(formatMeshConfig(req, format, SHARED_ROOT_PEM))[0];
      const mesh = (format === 'helm' ? get(doc, 'meshConfig') : get(doc, 'spec', 'meshConfig')) as { caCertificates: { pem: string; trustDomains: string[] }[] };
      const bundle = parsePemBundle(mesh.caCertificates[0]?.pem ?? '');
      expect(bundle.ok && bundle.certificates.map((c) => c.fingerprint)).toEqual([SHARED_ROOT_FINGERPRINT.replace(/:/g, '').toLowerCase()]);
      expect(mesh.caCertificates[0]?.trustDomains.length).toBeGreaterThan(0);
    }
  });
});
