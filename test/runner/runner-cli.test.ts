import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyCommand, driftCommand } from '../../src/runner/runner-cli.js';
import type { RunnerIo } from '../../src/runner/run-apply.js';
import { FakeKubeApiServer } from '../kubernetes/fake-kube-api-server.js';
import { KUBECONFIG_YAML } from '../kubernetes/helpers.js';
import { deploymentEvent } from './deployment-event.js';
import { installedMeshText, makeIstioReady } from './ready-istio.js';
import { OTHER_ROOT_FINGERPRINT, OTHER_ROOT_PEM } from '../core/mesh/mesh-fixtures.js';

/**
 * End to end: real intent files (the three-peer example) -> compileFederation -> the runner -> @kubernetes/client-node
 * -> the fake API server (nock), and deployment statuses to the GitHub API (nock).
 */
const EXAMPLE = fileURLToPath(new URL('../../examples/three-peer-mesh/federation', import.meta.url));

let fake: FakeKubeApiServer;
let dir: string;
let kubeconfig: string;
let out: string[];
let err: string[];
let env: Record<string, string | undefined>;
let github: nock.Scope[];

function io(): RunnerIo {
  return { cwd: dir, env, out: (t) => void out.push(t), err: (t) => void err.push(t) };
}

beforeEach(async () => {
  fake = new FakeKubeApiServer().install();
  dir = await mkdtemp(join(tmpdir(), 'meshfed-runner-'));
  await cp(EXAMPLE, join(dir, 'federation'), { recursive: true });
  kubeconfig = join(dir, 'kubeconfig');
  await writeFile(kubeconfig, KUBECONFIG_YAML);
  await makeIstioReady(fake, dir, 'milan');
  out = [];
  err = [];
  env = {};
  github = [];
});
afterEach(async () => {
  const pending = github.flatMap((scope) => scope.pendingMocks());
  try {
    fake.verify();
  } finally {
    fake.uninstall();
    await rm(dir, { recursive: true, force: true });
  }
  expect(pending).toEqual([]);
});

const apply = (...args: string[]) => applyCommand(['--peer', 'milan', '--kubeconfig', kubeconfig, ...args], io());
const drift = (...args: string[]) => driftCommand(['--peer', 'milan', '--kubeconfig', kubeconfig, ...args], io());

async function deploymentEnv(environment = 'meshfed-milan', payload: unknown = { meshfed: 1, peer: 'milan' }) {
  const eventPath = join(dir, 'event.json');
  await writeFile(eventPath, JSON.stringify(deploymentEvent(environment, payload)));
  env = {
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: 'deployment',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: 'acme/federation',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: 'https://api.github.com',
    GITHUB_RUN_ID: '77',
    GITHUB_TOKEN: 'ghs_runner',
    GITHUB_STEP_SUMMARY: join(dir, 'summary.md'),
  };
}

function expectStatuses(...states: string[]): { state: string; description: string; log_url: string }[] {
  const seen: { state: string; description: string; log_url: string }[] = [];
  github.push(
    nock('https://api.github.com', { reqheaders: { authorization: 'token ghs_runner' } })
      .post('/repos/acme/federation/deployments/145988746/statuses', (b: { state: string; description: string; log_url: string }) => (seen.push(b), true))
      .times(states.length)
      .reply(201, {}),
  );
  return seen;
}

describe('meshfed apply (CLI)', () => {
  it('GIVEN a deployment for milan THEN it applies milan\'s objects, posts in_progress then success with the log URL, and writes the job summary', async () => {
    await deploymentEnv();
    const statuses = expectStatuses('in_progress', 'success');
    expect(await apply('federation')).toBe(0);
    expect(statuses.map((s) => s.state)).toEqual(['in_progress', 'success']);
    expect(statuses[1]).toMatchObject({ log_url: 'https://github.com/acme/federation/actions/runs/77', description: 'milan: 11 created, 0 configured, 0 unchanged, 0 pruned, 0 failed' });
    expect(out.join('')).toContain('created     networking.istio.io/DestinationRule/shop/meshfed-import-payments-canary');
    const summary = await readFile(join(dir, 'summary.md'), 'utf8');
    expect(summary).toContain('| created | configured | unchanged | pruned | failed | skipped | refused |');
    expect(summary).toContain('| 11 | 0 | 0 | 0 | 0 | 0 | 0 |');
    expect([...fake.objects.values()].every((o) => o.namespace === 'shop' || o.namespace === 'istio-system')).toBe(true);
  });

  it('GIVEN the same commit again THEN nothing is written and no resourceVersion changes', async () => {
    expect(await apply()).toBe(0);
    const rvs = fake.resourceVersions();
    const writes = fake.writes.length;
    expect(await apply()).toBe(0);
    expect(fake.writes.length).toBe(writes);
    expect(fake.resourceVersions()).toEqual(rvs);
    expect(out.at(-1)).toContain('summary: 0 created, 0 configured, 11 unchanged');
  });

  it('GIVEN an import removed from git WHEN applied with --prune THEN exactly its objects are pruned', async () => {
    expect(await apply('--prune')).toBe(0);
    const imports = join(dir, 'federation/peers/milan/imports.yaml');
    const text = await readFile(imports, 'utf8');
    await writeFile(imports, text.slice(0, text.indexOf('---')));
    expect(await apply('--prune')).toBe(0);
    const pruned = out.at(-1)?.split('\n').filter((l) => l.trimStart().startsWith('pruned')) ?? [];
    expect(pruned.map((l) => l.trim().split(/\s+/)[1])).toEqual([
      'networking.istio.io/DestinationRule/shop/meshfed-import-recommender-gpu:',
      'networking.istio.io/ServiceEntry/shop/meshfed-import-recommender-gpu:',
      'networking.istio.io/VirtualService/shop/meshfed-import-recommender-gpu:',
    ]);
    expect(fake.find('ServiceEntry', 'shop', 'meshfed-import-recommender-gpu')).toBeUndefined();
  });

  it('GIVEN --dry-run THEN nothing is written', async () => {
    expect(await apply('--dry-run', '--prune')).toBe(0);
    expect(fake.writes).toEqual([]);
    expect(out.join('')).toContain('(dry run: nothing was written)');
  });

  it('GIVEN a deployment for another peer THEN the runner refuses it: error status, no request to the cluster', async () => {
    await deploymentEnv('meshfed-turin', { meshfed: 1, peer: 'turin' });
    const statuses = expectStatuses('error');
    expect(await apply()).toBe(1);
    expect(statuses[0]?.description).toMatch(/environment "meshfed-turin", but this runner applies peer "milan"/);
    expect(fake.requests).toEqual([]);
  });

  it('GIVEN an invalid federation THEN nothing touches the cluster and the deployment fails with the diagnostic', async () => {
    await deploymentEnv();
    await writeFile(join(dir, 'federation/peers/milan/imports.yaml'), 'apiVersion: meshfed.io/v1alpha1\nkind: ServiceImport\nmetadata:\n  name: Bad_Name\nspec: {}\n');
    const statuses = expectStatuses('in_progress', 'failure');
    expect(await apply()).toBe(1);
    expect(err.join('\n')).toMatch(/federation\/peers\/milan\/imports\.yaml:\d+:\d+: /);
    expect(statuses.map((s) => s.state)).toEqual(['in_progress', 'failure']);
    expect(fake.requests).toEqual([]);
  });

  it('GIVEN a peer that is not in the federation THEN it stops before the cluster, never treating it as "nothing desired"', async () => {
    expect(await applyCommand(['--peer', 'oslo', '--kubeconfig', kubeconfig, '--prune'], io())).toBe(1);
    expect(err.join('\n')).toMatch(/peer "oslo" is not in federation\/peers\/ at this commit \(peers: milan, turin, virginia\)/);
    expect(fake.requests).toEqual([]);
  });

  it.each([
    [[] as string[], /--peer is required/],
    [['--peer', 'Milan'], /not a peer name/],
    [['--peer', 'milan', 'a', 'b'], /unexpected argument "b" \(apply takes at most 1: DIR/],
    [['--peer', 'milan', '--frobnicate'], /unknown option --frobnicate/],
  ])('GIVEN bad arguments %j THEN usage error (exit 2) and no cluster contact', async (args, message) => {
    expect(await applyCommand(args, io())).toBe(2);
    expect(err.join('\n')).toMatch(message);
  });

  it('GIVEN an unknown --context THEN it fails with the known contexts', async () => {
    expect(await apply('--context', 'prod')).toBe(1);
    expect(err.join('\n')).toMatch(/context "prod" is not in the kubeconfig \(known: alpha\)/);
  });
});

describe('meshfed apply: the preflight (CLI)', () => {
  /** milan's cluster with the mesh config meshfed prints, minus virginia's trust domain (a consumer of milan's catalog). */
  const withoutVirginia = async () => {
    const mesh = (await installedMeshText(dir, 'milan')).replace(/\n\s+- virginia\.boutique\.example/, '');
    fake.seed({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'istio', namespace: 'istio-system' }, data: { mesh } }, 'pilot-discovery', 'Update');
  };

  it('GIVEN a cluster that would reject a consumer\'s trust domain THEN exit 1 before any write or dry run, with the fragment to add on the terminal, in the job summary and the deployment status', async () => {
    await withoutVirginia();
    await deploymentEnv();
    const statuses = expectStatuses('in_progress', 'failure');
    expect(await apply('--prune')).toBe(1);
    expect(fake.writes).toEqual([]);
    expect(fake.dryRuns).toEqual([]);
    const text = out.join('');
    expect(text).toContain('refused [preflight/consumer-trust-domain-rejected]: the cluster would reject the client certificates of virginia.boutique.example (peer virginia, consumer of catalog)');
    expect(text).toContain('    add:\n      meshConfig:\n        caCertificates:\n          - trustDomains:\n              - virginia.boutique.example');
    expect(err.join('\n')).toContain('error: the preflight refused this cluster (1 problem(s), above); nothing was applied');
    expect(statuses[1]?.description).toBe('milan: preflight: REFUSED, 1 problem(s): preflight/consumer-trust-domain-rejected');
    const summary = await readFile(join(dir, 'summary.md'), 'utf8');
    expect(summary).toContain('**`preflight/consumer-trust-domain-rejected`**');
    expect(summary).toContain('    ```yaml\n    meshConfig:\n');
  });

  it('GIVEN the runner may not read istiod\'s mesh config THEN exit 1 before any write: a preflight that cannot look never passes', async () => {
    fake.inject({ method: 'GET', path: '/api/v1/namespaces/istio-system/configmaps/istio', reply: { status: 403, body: { kind: 'Status', reason: 'Forbidden', message: 'configmaps "istio" is forbidden', code: 403 } } });
    expect(await apply()).toBe(1);
    expect(err.join('\n')).toMatch(/error: cannot read ConfigMap istio-system\/istio: forbidden: .*preflight-role\.yaml.*; nothing was applied/);
    expect(fake.writes).toEqual([]);
  });

  it('GIVEN --dry-run on that cluster THEN it is refused too: a dry run shows what a real run would do', async () => {
    await withoutVirginia();
    expect(await apply('--dry-run')).toBe(1);
    expect(fake.dryRuns).toEqual([]);
  });

  it('GIVEN istiod publishing another root CA THEN exit 1 naming both fingerprints', async () => {
    fake.seed({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'istio-ca-root-cert', namespace: 'istio-system' }, data: { 'root-cert.pem': OTHER_ROOT_PEM } }, 'pilot-discovery', 'Update');
    expect(await apply()).toBe(1);
    expect(out.join('')).toContain(`refused [preflight/root-ca-mismatch]: istiod's root CA is not the federation's: ConfigMap istio-system/istio-ca-root-cert (key root-cert.pem) holds ${OTHER_ROOT_FINGERPRINT}`);
    expect(fake.writes).toEqual([]);
  });

  it('GIVEN an operator\'s older VirtualService for a host meshfed routes THEN exit 1 saying it would win and why', async () => {
    fake.seed({ apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name: 'payments', namespace: 'shop' }, spec: { hosts: ['payments'], http: [{ route: [{ destination: { host: 'payments' } }] }] } }, 'kubectl-client-side-apply', 'Update');
    expect(await apply()).toBe(1);
    expect(out.join('')).toContain('refused [preflight/foreign-virtual-service]: VirtualService shop/payments (not written by meshfed) configures host payments.shop.svc.cluster.local, as meshfed\'s VirtualService shop/meshfed-import-payments-canary does.');
    expect(out.join('')).toContain('For every caller, shop/payments would win: shop/payments exists and meshfed\'s shop/meshfed-import-payments-canary does not yet');
  });

  it('GIVEN --skip-preflight on a refusing cluster THEN it applies, and says so on stderr, in the report, the job summary and the deployment status', async () => {
    await withoutVirginia();
    await deploymentEnv();
    const statuses = expectStatuses('in_progress', 'success');
    expect(await apply('--skip-preflight')).toBe(0);
    expect(err.join('\n')).toContain('warning: --skip-preflight: the mesh config, the root CA and foreign DestinationRules/VirtualServices were NOT checked; applying regardless');
    expect(out.at(-1)).toBe('preflight: SKIPPED (--skip-preflight): the mesh config, the root CA and foreign DestinationRules/VirtualServices were NOT checked');
    expect(statuses[1]?.description).toMatch(/^PREFLIGHT SKIPPED; milan: [1-9]\d* created, 0 configured, 0 unchanged, 0 pruned, 0 failed$/);
    expect(await readFile(join(dir, 'summary.md'), 'utf8')).toContain('#### ⚠️ preflight: SKIPPED (--skip-preflight)');
  });

  it('GIVEN drift on a cluster the preflight refuses THEN drift exits 2 and reports the same problem, reading only', async () => {
    expect(await apply()).toBe(0);
    await withoutVirginia();
    const writes = fake.writes.length;
    expect(await drift()).toBe(2);
    expect(out.join('')).toContain('refused [preflight/consumer-trust-domain-rejected]');
    expect(out.at(-1)).toContain('no drift');
    expect(fake.writes.length).toBe(writes);
  });
});

describe('meshfed drift (CLI)', () => {
  it('GIVEN no drift THEN exit 0; GIVEN an edited field THEN exit 2 with the field, and the Markdown report', async () => {
    expect(await apply()).toBe(0);
    expect(await drift()).toBe(0);
    fake.edit('VirtualService', 'shop', 'meshfed-import-payments-canary', (v) => {
      (v.spec as Record<string, unknown>).hosts = ['payments.example.org'];
    });
    const md = join(dir, 'drift.md');
    expect(await drift('--markdown', md)).toBe(2);
    expect(out.at(-1)).toMatch(/differs\s+networking\.istio\.io\/VirtualService\/shop\/meshfed-import-payments-canary/);
    expect(out.at(-1)).toContain('.spec.hosts: live ["payments.example.org"]');
    expect(await readFile(md, 'utf8')).toContain('`.spec.hosts`');
  });

  it('GIVEN nothing applied yet THEN every object is missing: exit 2', async () => {
    expect(await drift()).toBe(2);
    expect(out.at(-1)).toContain('drift: 11 missing, 0 differ, 0 extra');
  });

  it('GIVEN the cluster cannot be read THEN exit 1, not 0 or 2', async () => {
    fake.inject({ method: 'GET', path: '/apis/networking.istio.io/v1/namespaces', reply: { status: 403, body: { kind: 'Status', reason: 'Forbidden', message: 'forbidden', code: 403 } } });
    expect(await drift()).toBe(1);
    expect(err.join('\n')).toMatch(/cannot read the cluster state: forbidden/);
  });

  it('GIVEN a usage error THEN exit 1, so that 2 always means drift', async () => {
    expect(await driftCommand([], io())).toBe(1);
  });
});
