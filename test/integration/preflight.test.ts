import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { kubeEnv } from '../envtest/kube-env.js';
import { kubeCall, serverSideApply, type KubeCredentials } from '../envtest/kube-http.js';
import { OTHER_ROOT_FINGERPRINT, OTHER_ROOT_PEM, SHARED_ROOT_PEM } from '../core/mesh/mesh-fixtures.js';
import { istioObjects, meshfed, objectPath, resourceVersions } from './cluster.js';
import { isolatedFederation, REPO, type IsolatedFederation } from './isolated-federation.js';
import { installRbac, token } from './runner-identity.js';

const env = kubeEnv();

/**
 * The runner's preflight (docs/runners.md, "The preflight") against a real kube-apiserver, run by the production
 * CLI as the meshfed-runner and meshfed-drift ServiceAccounts with exactly deploy/rbac. The paper example: gke
 * exports echo to tein (so gke's mesh must accept tein's trust domain), tein bursts echo into gke (so tein holds a
 * DestinationRule and a VirtualService for echo.<ns>.svc.cluster.local). Each peer has its own copy of the
 * federation (its own namespaces: one cluster per peer, as in a real federation) and its own istiod namespace,
 * prepared as `meshfed mesh-config` says (isolated-federation.ts).
 */
describe.skipIf(env.skip)(env.title('the runner\'s preflight against a real kube-apiserver, as the runner\'s own identity'), () => {
  let gke: IsolatedFederation;
  let tein: IsolatedFederation;
  let runner: KubeCredentials;
  let drift: KubeCredentials;
  const as = (fed: IsolatedFederation, creds: KubeCredentials, ...argv: string[]) => meshfed([...argv, '--kubeconfig', env.kubeconfig(creds)], fed.cwd);
  const written = async (fed: IsolatedFederation) => resourceVersions(await istioObjects(env.admin(), fed.namespaces.values()));
  /** A copy of the federation for `peer`'s cluster, with deploy/rbac installed there (all of it, or without `skip`). */
  const clusterOf = async (peer: string, skip: readonly string[] = []) => {
    const fed = await isolatedFederation(env, join(REPO, 'federation'), ['echo', 'istio-system']);
    const ns = (n: string) => fed.namespaces.get(n) ?? '';
    await installRbac(env.admin(), peer, { gateways: ns('istio-system'), istiod: fed.istioNamespaces.get(peer) ?? '', app: [ns('echo')] }, skip);
    return fed;
  };

  beforeAll(async () => {
    gke = await clusterOf('gke');
    tein = await clusterOf('tein');
    runner = await token(env.admin(), 'meshfed-runner');
    drift = await token(env.admin(), 'meshfed-drift');
  });

  it('GIVEN gke\'s cluster installed with what mesh-config prints THEN the runner\'s apply passes the preflight and applies; drift agrees', async () => {
    const r = await as(gke, runner, 'apply', '--peer', 'gke', '--prune');
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('preflight: passed');
    expect(r.stdout).toMatch(/summary: [1-9]\d* created, 0 configured, 0 unchanged, 0 pruned, 0 failed, 0 skipped/);
    expect(r.code).toBe(0);
    const d = await as(gke, drift, 'drift', '--peer', 'gke');
    expect(d.stdout).toContain('preflight: passed');
    expect(d.code).toBe(0);
  });

  it('GIVEN gke\'s mesh config without tein\'s trust domain THEN apply exits 1 naming tein and the fragment, nothing is written, and drift reports it (exit 2)', async () => {
    const ns = gke.istioNamespaces.get('gke') ?? '';
    const cm = await kubeCall(env.admin(), 'GET', objectPath('v1', 'ConfigMap', ns, 'istio'));
    const mesh = String((cm.data as { mesh: string }).mesh);
    await gke.setIstioConfigMap('gke', 'istio', { mesh: mesh.replace(/caCertificates:\n(?:\s+.*\n?)*?\s+- tein\.iotcloudserve\.net\n?/, '') });
    try {
      const before = await written(gke);
      const r = await as(gke, runner, 'apply', '--peer', 'gke', '--prune');
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('refused [preflight/consumer-trust-domain-rejected]: the cluster would reject the client certificates of tein.iotcloudserve.net (peer tein, consumer of echo)');
      expect(r.stdout).toContain('- trustDomains:\n              - tein.iotcloudserve.net');
      expect(await written(gke)).toEqual(before);
      const d = await as(gke, drift, 'drift', '--peer', 'gke');
      expect(d.code).toBe(2);
      expect(d.stdout).toContain('preflight/consumer-trust-domain-rejected');
    } finally {
      await gke.setIstioConfigMap('gke', 'istio', { mesh });
    }
  });

  it('GIVEN istiod publishing another root CA THEN apply exits 1 with both fingerprints', async () => {
    await gke.setIstioConfigMap('gke', 'istio-ca-root-cert', { 'root-cert.pem': OTHER_ROOT_PEM });
    try {
      const r = await as(gke, runner, 'apply', '--peer', 'gke');
      expect(r.code).toBe(1);
      expect(r.stdout).toContain(`refused [preflight/root-ca-mismatch]: istiod's root CA is not the federation's`);
      expect(r.stdout).toContain(OTHER_ROOT_FINGERPRINT);
    } finally {
      await gke.setIstioConfigMap('gke', 'istio-ca-root-cert', { 'root-cert.pem': SHARED_ROOT_PEM });
    }
  });

  it('GIVEN an operator\'s DestinationRule for the host tein bursts THEN tein\'s apply exits 1 saying it would win and why; without it tein applies', async () => {
    const echo = tein.namespaces.get('echo') ?? '';
    const host = `echo.${echo}.svc.cluster.local`;
    const path = objectPath('networking.istio.io/v1', 'DestinationRule', echo, 'echo-policy');
    await serverSideApply(env.admin(), path, { apiVersion: 'networking.istio.io/v1', kind: 'DestinationRule', metadata: { name: 'echo-policy', namespace: echo }, spec: { host: 'echo', trafficPolicy: { loadBalancer: { simple: 'RANDOM' } } } }, 'kubectl');
    try {
      const before = await written(tein);
      const r = await as(tein, runner, 'apply', '--peer', 'tein');
      expect(r.code).toBe(1);
      expect(r.stdout).toContain(`refused [preflight/foreign-destination-rule]: DestinationRule ${echo}/echo-policy (not written by meshfed) configures host ${host}`);
      expect(r.stdout).toContain(`For every caller, ${echo}/echo-policy would win: ${echo}/echo-policy exists and meshfed's ${echo}/meshfed-import-echo-burst does not yet`);
      expect(await written(tein)).toEqual(before);
    } finally {
      await kubeCall(env.admin(), 'DELETE', path);
    }
    const ok = await as(tein, runner, 'apply', '--peer', 'tein');
    expect(ok.stdout).toContain('preflight: passed');
    expect(ok.code).toBe(0);
  });

  it('GIVEN deploy/rbac without preflight-role.yaml THEN the runner may not read istiod\'s ConfigMaps: apply exits 1 naming the file, and writes nothing', async () => {
    const bare = await clusterOf('gke', ['preflight-role.yaml']);
    const r = await as(bare, runner, 'apply', '--peer', 'gke');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot read ConfigMap istio-gke-[0-9a-f]+\/istio: forbidden: .*deploy\/rbac\/: preflight-role\.yaml/);
    expect((await written(bare)).size).toBe(0);
  });
});
