import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { inventoryName } from '../../src/core/apply/inventory.js';
import { ALLOWED_KINDS } from '../../src/core/render/rendered-object.js';
import { applyPeer } from '../../src/runner/apply-peer.js';
import { driftPeer } from '../../src/runner/drift-peer.js';
import { runPreflight } from '../../src/runner/run-preflight.js';
import { peerScope } from '../../src/core/apply/peer-scope.js';
import { meshConfigMapName, ROOT_CERT_CONFIGMAP, type MeshRequirements } from '../../src/core/mesh/mesh-requirements.js';
import { SHARED_ROOT_FINGERPRINT, SHARED_ROOT_PEM } from '../core/mesh/mesh-fixtures.js';
import { meshTextFromFragment } from '../core/preflight/preflight-fixtures.js';
import { useFakeKubeApiServer, type FakeKubeApiServer } from '../kubernetes/fake-kube-api-server.js';
import { ALPHA, destinationRule, serviceEntry, testKubeApi } from '../kubernetes/helpers.js';

const DIR = fileURLToPath(new URL('../../deploy/rbac/', import.meta.url));
/** Resource (plural) of each kind meshfed renders; the test below fails when render gains a kind this does not know. */
const PLURAL: Record<string, string> = {
  DestinationRule: 'destinationrules',
  Gateway: 'gateways',
  ServiceEntry: 'serviceentries',
  VirtualService: 'virtualservices',
  WorkloadEntry: 'workloadentries',
  AuthorizationPolicy: 'authorizationpolicies',
  PeerAuthentication: 'peerauthentications',
};

interface Rule { apiGroups: string[]; resources: string[]; verbs: string[]; resourceNames?: string[] }
interface Doc { kind: string; metadata: { name: string; namespace?: string }; rules?: Rule[]; roleRef?: { kind: string; name: string }; subjects?: { kind: string; name: string; namespace: string }[] }

const FILES = ['service-accounts.yaml', 'cluster-roles.yaml', 'role-bindings.yaml', 'inventory-role.yaml', 'preflight-role.yaml'];

async function docs(peer = 'alpha', files: readonly string[] = FILES): Promise<Doc[]> {
  const out: Doc[] = [];
  for (const f of files) {
    const text = (await readFile(`${DIR}${f}`, 'utf8')).replaceAll('PEER_NAME', peer);
    for (const d of parseAllDocuments(text, { schema: 'core' })) {
      expect(d.errors).toEqual([]);
      out.push(d.toJS() as Doc);
    }
  }
  return out;
}

function grants(all: Doc[], sa: string): { namespace: string; rule: Rule }[] {
  return all
    .filter((d) => d.kind === 'RoleBinding' && d.subjects?.some((s) => s.kind === 'ServiceAccount' && s.name === sa && s.namespace === 'meshfed-system'))
    .flatMap((b) => {
      const role = all.find((d) => d.kind === b.roleRef?.kind && d.metadata.name === b.roleRef?.name && (d.kind === 'ClusterRole' || d.metadata.namespace === b.metadata.namespace));
      return (role?.rules ?? []).map((rule) => ({ namespace: b.metadata.namespace as string, rule }));
    });
}

function authorizer(all: Doc[], sa: string) {
  const g = grants(all, sa);
  return (a: { verb: string; group: string; resource: string; namespace: string; name?: string }) =>
    g.some(
      ({ namespace, rule }) =>
        namespace === a.namespace &&
        rule.apiGroups.includes(a.group) &&
        rule.resources.includes(a.resource) &&
        rule.verbs.includes(a.verb) &&
        (!rule.resourceNames || (a.name !== undefined && rule.resourceNames.includes(a.name))),
    );
}

describe('deploy/rbac', () => {
  it('GIVEN the ClusterRoles THEN they cover exactly the kinds meshfed renders, nothing cluster-wide', async () => {
    const all = await docs();
    expect(all.filter((d) => d.kind === 'ClusterRoleBinding')).toEqual([]);
    const runner = all.find((d) => d.kind === 'ClusterRole' && d.metadata.name === 'meshfed-runner');
    const granted = (runner?.rules ?? []).flatMap((r) => r.apiGroups.flatMap((g) => r.resources.map((res) => `${g}/${res}`))).sort();
    const wanted = ALLOWED_KINDS.map((k) => `${k.group}/${PLURAL[k.kind] ?? `unknown plural of ${k.kind}`}`).sort();
    expect(granted).toEqual(wanted);
    for (const r of runner?.rules ?? []) expect(r.verbs).toEqual(['get', 'list', 'create', 'patch', 'delete']);
    const reader = all.find((d) => d.kind === 'ClusterRole' && d.metadata.name === 'meshfed-drift-reader');
    for (const r of reader?.rules ?? []) expect(r.verbs).toEqual(['get', 'list']);
  });

  it('GIVEN deploy/rbac/ THEN every file in it is one the tests read', async () => {
    expect((await readdir(DIR)).filter((f) => f.endsWith('.yaml')).sort()).toEqual([...FILES].sort());
  });

  it('GIVEN the preflight Role THEN it gets only istiod\'s two ConfigMaps by name and lists only DestinationRules and VirtualServices, for both identities', async () => {
    const all = await docs();
    const role = all.find((d) => d.kind === 'Role' && d.metadata.name === 'meshfed-preflight');
    expect(role?.metadata.namespace).toBe('istio-system');
    expect(role?.rules).toEqual([
      { apiGroups: [''], resources: ['configmaps'], resourceNames: [meshConfigMapName(undefined), ROOT_CERT_CONFIGMAP], verbs: ['get'] },
      { apiGroups: ['networking.istio.io'], resources: ['destinationrules', 'virtualservices'], verbs: ['list'] },
    ]);
    const binding = all.find((d) => d.kind === 'RoleBinding' && d.roleRef?.name === 'meshfed-preflight');
    expect(binding?.subjects?.map((x) => x.name)).toEqual(['meshfed-runner', 'meshfed-drift']);
  });

  it('GIVEN the inventory Role THEN it reaches only the inventory ConfigMap by name', async () => {
    const role = (await docs('alpha')).find((d) => d.kind === 'Role' && d.metadata.name === 'meshfed-runner-inventory');
    expect(role?.rules?.[0]).toEqual({ apiGroups: [''], resources: ['configmaps'], resourceNames: [inventoryName('alpha')], verbs: ['get', 'patch'] });
  });
});

describe('the shipped RBAC is enough, and no more (enforced by the fake API server)', () => {
  let fake: FakeKubeApiServer;
  useFakeKubeApiServer((f) => (fake = f));
  const opts = { dryRun: false, prune: true, allowMassPrune: false, forceConflicts: false, concurrency: 4 };
  const a = destinationRule('echo-a', 'a.demo.svc.cluster.local');
  const b = destinationRule('echo-b', 'b.demo.svc.cluster.local');
  const se = serviceEntry('echo-beta', ['echo.demo.beta.global']);

  it('GIVEN meshfed-runner bound in demo and istio-system THEN apply, prune and drift all work', async () => {
    fake.authorizer = authorizer(await docs('alpha'), 'meshfed-runner');
    const first = await applyPeer(testKubeApi().api, ALPHA, [a, b, se], opts);
    expect(first.errors).toEqual([]);
    const second = await applyPeer(testKubeApi().api, ALPHA, [a, se], opts);
    expect(second.objects.filter((o) => o.outcome === 'pruned')).toHaveLength(1);
    expect(fake.requests.filter((r) => r.status === 403)).toEqual([]);
  });

  it('GIVEN only the read-only meshfed-drift binding THEN drift works and apply is forbidden', async () => {
    fake.authorizer = authorizer(await docs('alpha'), 'meshfed-runner');
    await applyPeer(testKubeApi().api, ALPHA, [a, se], opts);
    fake.authorizer = authorizer(await docs('alpha'), 'meshfed-drift');
    const drift = await driftPeer(testKubeApi().api, ALPHA, [a, se], 4);
    expect(drift.ok && drift.report.hasDrift).toBe(false);
    const apply = await applyPeer(testKubeApi().api, ALPHA, [a, se], opts);
    expect(apply.errors.join()).toMatch(/forbidden: .*cannot get resource "configmaps".*meshfed-runner role/);
  });

  /** alpha's requirements in the helpers' scope: istiod in istio-system, beta consuming alpha's export. */
  const requirements: MeshRequirements = {
    peer: 'alpha',
    federation: 'demo',
    meshID: 'demo-mesh',
    rootFingerprint: SHARED_ROOT_FINGERPRINT.replace(/:/g, '').toLowerCase(),
    trustDomain: 'alpha.example.org',
    acceptedTrustDomains: [{ trustDomain: 'beta.example.org', peers: ['beta'], exports: ['echo'] }],
    federationTrustDomains: [{ trustDomain: 'beta.example.org', peer: 'beta' }],
    exports: ['echo'],
    network: 'alpha-net',
    clusterID: 'alpha-1',
    istio: { namespace: 'istio-system', revision: undefined },
    eastWest: { namespace: 'istio-system', port: 15443, selector: { istio: 'eastwestgateway' }, address: '203.0.113.10' },
  };
  const seedIstiod = () => {
    const cm = (name: string, data: Record<string, string>) => fake.seed({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'istio-system' }, data }, 'pilot-discovery', 'Update');
    cm('istio', { mesh: meshTextFromFragment(requirements) });
    cm('istio-ca-root-cert', { 'root-cert.pem': SHARED_ROOT_PEM });
  };

  it.each(['meshfed-runner', 'meshfed-drift'])('GIVEN %s with the shipped RBAC THEN the preflight reads everything it needs and passes, without a 403', async (sa) => {
    seedIstiod();
    fake.authorizer = authorizer(await docs('alpha'), sa);
    const report = await runPreflight(testKubeApi().api, ALPHA, requirements, [a, se], 4);
    expect(report).toMatchObject({ status: 'passed', problems: [] });
    expect(fake.requests.filter((r) => r.status === 403)).toEqual([]);
    expect(fake.writes).toEqual([]);
  });

  it('GIVEN the RBAC without preflight-role.yaml THEN the preflight fails (never passes), naming the file that grants the read', async () => {
    seedIstiod();
    fake.authorizer = authorizer(await docs('alpha', FILES.filter((f) => f !== 'preflight-role.yaml')), 'meshfed-runner');
    const report = await runPreflight(testKubeApi().api, peerScope('alpha', ['demo'], 'demo'), requirements, [a, se], 4);
    expect(report.status).toBe('failed');
    expect(report.error).toMatch(/^cannot read ConfigMap istio-system\/istio: forbidden: .*deploy\/rbac\/: preflight-role\.yaml grants these reads in namespace istio-system/);
    expect(fake.writes).toEqual([]);
  });

  it('GIVEN the preflight Role for the default revision WHEN istiod runs as revision canary THEN reading istio-canary is forbidden: the Role must name it', async () => {
    seedIstiod();
    fake.authorizer = authorizer(await docs('alpha'), 'meshfed-runner');
    const report = await runPreflight(testKubeApi().api, ALPHA, { ...requirements, istio: { namespace: 'istio-system', revision: 'canary' } }, [a, se], 4);
    expect(report.status).toBe('failed');
    expect(report.error).toMatch(/cannot read ConfigMap istio-system\/istio-canary: forbidden/);
  });

  it('GIVEN the inventory Role for another peer name THEN the runner cannot touch this peer\'s inventory', async () => {
    fake.authorizer = authorizer(await docs('beta'), 'meshfed-runner');
    const report = await applyPeer(testKubeApi().api, ALPHA, [a], opts);
    expect(report.errors.join()).toMatch(/cannot get resource "configmaps"/);
    expect(fake.writes).toEqual([]);
  });
});
