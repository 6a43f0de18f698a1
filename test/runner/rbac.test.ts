import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { inventoryName } from '../../src/core/apply/inventory.js';
import { ALLOWED_KINDS } from '../../src/core/render/rendered-object.js';
import { applyPeer } from '../../src/runner/apply-peer.js';
import { driftPeer } from '../../src/runner/drift-peer.js';
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

async function docs(peer = 'alpha'): Promise<Doc[]> {
  const out: Doc[] = [];
  for (const f of ['service-accounts.yaml', 'cluster-roles.yaml', 'role-bindings.yaml', 'inventory-role.yaml']) {
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

  it('GIVEN the inventory Role for another peer name THEN the runner cannot touch this peer\'s inventory', async () => {
    fake.authorizer = authorizer(await docs('beta'), 'meshfed-runner');
    const report = await applyPeer(testKubeApi().api, ALPHA, [a], opts);
    expect(report.errors.join()).toMatch(/cannot get resource "configmaps"/);
    expect(fake.writes).toEqual([]);
  });
});
