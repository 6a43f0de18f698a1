// Bench row "apply": `meshfed apply` of 1,000 desired objects, 10 of which differ from the live state, against
// a local HTTP Kubernetes API (the tests' fake server: real server-side-apply semantics) that answers every
// request after a fixed latency. Prints figures; asserts nothing.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';
import { FIELD_MANAGER, peerScope, type PeerScope } from '../src/core/apply/peer-scope.js';
import { entryOf } from '../src/core/apply/inventory.js';
import { toManifest } from '../src/core/apply/to-manifest.js';
import {
  ANNOTATION_SOURCE,
  LABEL_INTENT,
  LABEL_INTENT_KIND,
  LABEL_MANAGED_BY,
  LABEL_PEER,
  MANAGED_BY_VALUE,
  type RenderedObject,
} from '../src/core/render/rendered-object.js';
import { inventoryManifest } from '../src/adapters/kubernetes/inventory-configmap.js';
import { createKubeApi } from '../src/adapters/kubernetes/kube-client.js';
import { applyPeer, DEFAULT_CONCURRENCY } from '../src/runner/apply-peer.js';
import { FAKE_TOKEN, FakeKubeApi } from '../test/kubernetes/fake-kube-api.js';

export const APPLY_BENCH = { objects: 1000, changed: 10, latencyMs: 5 } as const;

const SCOPE: PeerScope = peerScope('alpha', ['demo', 'edge', 'payments'], 'istio-system');

function desiredObjects(n: number, changed: number): { live: RenderedObject[]; desired: RenderedObject[] } {
  const namespaces = ['demo', 'edge', 'payments'];
  const live: RenderedObject[] = [];
  for (let i = 0; i < n; i++) {
    const namespace = namespaces[i % namespaces.length] as string;
    const name = `svc-${String(i).padStart(4, '0')}`;
    const labels = { [LABEL_MANAGED_BY]: MANAGED_BY_VALUE, [LABEL_PEER]: 'alpha', [LABEL_INTENT_KIND]: 'ServiceImport', [LABEL_INTENT]: `alpha.${name}` };
    const annotations = { [ANNOTATION_SOURCE]: `federation/peers/alpha/${name}.yaml` };
    const host = `${name}.${namespace}.svc.cluster.local`;
    live.push(
      i % 2 === 0
        ? {
            apiVersion: 'networking.istio.io/v1',
            kind: 'DestinationRule',
            metadata: { name, namespace, labels, annotations },
            spec: { host, trafficPolicy: { connectionPool: { tcp: { maxConnections: 100 } }, outlierDetection: { consecutive5xxErrors: 5, interval: '10s' }, tls: { mode: 'ISTIO_MUTUAL' } } },
          }
        : {
            apiVersion: 'networking.istio.io/v1',
            kind: 'ServiceEntry',
            metadata: { name, namespace, labels, annotations },
            spec: { hosts: [`${name}.beta.global`], location: 'MESH_INTERNAL', ports: [{ number: 8080, name: 'http', protocol: 'HTTP' }], resolution: 'STATIC', endpoints: [{ address: '203.0.113.10', network: 'net-beta', locality: 'eu-west1/eu-west1-b', ports: { http: 15443 } }] },
          },
    );
  }
  const step = Math.floor(n / changed);
  const desired = live.map((o, i) =>
    i % step === 0 && i / step < changed ? { ...o, metadata: { ...o.metadata, annotations: { ...o.metadata.annotations, 'meshfed.io/revision': 'next' } } } : o,
  );
  return { live, desired };
}

function seeded(live: readonly RenderedObject[]): FakeKubeApi {
  const fake = new FakeKubeApi();
  for (const o of live) fake.seed(toManifest(o) as unknown as Record<string, unknown>);
  fake.seed(inventoryManifest(SCOPE, live.map(entryOf)) as unknown as Record<string, unknown>);
  return fake;
}

async function serve(fake: FakeKubeApi, latencyMs: number): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      setTimeout(() => {
        const reply = fake.handle(req.method ?? 'GET', req.url ?? '/', body, req.headers as Record<string, string | undefined>);
        if (reply === 'reset') return void req.socket.destroy();
        res.writeHead(reply.status, { 'content-type': 'application/json', ...(reply.headers ?? {}) });
        res.end(JSON.stringify(reply.body));
      }, latencyMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function timedApply(live: readonly RenderedObject[], desired: readonly RenderedObject[], concurrency: number) {
  const fake = seeded(live);
  const { server, url } = await serve(fake, APPLY_BENCH.latencyMs);
  try {
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [{ name: 'bench', server: url, skipTLSVerify: true }],
      users: [{ name: 'bench', token: FAKE_TOKEN }],
      contexts: [{ name: 'bench', cluster: 'bench', user: 'bench' }],
      currentContext: 'bench',
    });
    const api = createKubeApi(kc, { fieldManager: FIELD_MANAGER });
    const t0 = performance.now();
    const report = await applyPeer(api, SCOPE, desired, { dryRun: false, prune: true, allowMassPrune: false, forceConflicts: false, concurrency });
    const seconds = (performance.now() - t0) / 1000;
    return { report, seconds, stats: { ...api.stats }, persisted: fake.writes.length };
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

export async function applyBench(concurrency: number = DEFAULT_CONCURRENCY): Promise<Record<string, unknown>[]> {
  const { live, desired } = desiredObjects(APPLY_BENCH.objects, APPLY_BENCH.changed);
  const parallel = await timedApply(live, desired, concurrency);
  const sequential = await timedApply(live, desired, 1);
  const outcomes = (r: typeof parallel) => r.report.objects.filter((o) => o.outcome !== 'unchanged').length;
  if (parallel.report.errors.length > 0) throw new Error(`apply failed: ${parallel.report.errors.join('; ')}`);
  return [
    {
      name: 'apply',
      objects: desired.length,
      changed: outcomes(parallel),
      writes: parallel.stats.writes,
      reads: parallel.stats.reads,
      dry_runs: parallel.stats.dryRuns,
      seconds: round(parallel.seconds),
      sequential_seconds: round(sequential.seconds),
      concurrency,
      latency_ms: APPLY_BENCH.latencyMs,
      speedup: round(sequential.seconds / parallel.seconds, 2),
    },
  ];
}

function round(x: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
