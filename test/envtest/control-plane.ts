/**
 * The envtest model: etcd and kube-apiserver on free loopback ports, with a fresh data folder and their own
 * certificates, Istio's CRDs installed by server-side apply and Established; `stop()` ends both and removes
 * the folder. Nothing reconciles (no controller-manager): see ../shared/kube-assets/README.md.
 * Started once per vitest run by global-setup.ts; tests reach it through kube-env.ts.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { makeControlPlanePki } from './certificates.js';
import type { KubeAssets } from './kube-assets.js';
import { kubeRequest, serverSideApply, type KubeCredentials } from './kube-http.js';
import { freePort, killDaemonNow, logTail, startDaemon, startReaper, stopDaemon, type Daemon } from './processes.js';

/** What a test needs to reach the control plane (serializable: vitest hands it to the test workers). */
export interface ControlPlaneInfo {
  readonly server: string;
  readonly ca: string;
  /** An admin client certificate (O=system:masters). */
  readonly adminCert: string;
  readonly adminKey: string;
  /** How long start-up took, for the report. */
  readonly startMs: number;
}

export interface ControlPlane {
  readonly info: ControlPlaneInfo;
  readonly admin: KubeCredentials;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Limit for etcd to be healthy plus kube-apiserver to be ready plus CRDs Established. */
  readonly timeoutMs?: number;
  readonly log?: (line: string) => void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitUntil(what: string, deadline: number, daemons: readonly Daemon[], probe: () => Promise<boolean>): Promise<void> {
  for (;;) {
    const dead = daemons.find((d) => d.exited);
    if (dead) throw new Error(`${dead.name} exited (${JSON.stringify(dead.exited)}) while waiting for ${what}:\n${logTail(dead)}`);
    if (await probe().catch(() => false)) return;
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}:\n${daemons.map((d) => `--- ${d.name}\n${logTail(d)}`).join('\n')}`);
    }
    await sleep(100);
  }
}

export async function startControlPlane(assets: KubeAssets, options: StartOptions = {}): Promise<ControlPlane> {
  const started = Date.now();
  const deadline = started + (options.timeoutMs ?? 120_000);
  const dir = mkdtempSync(join(tmpdir(), 'meshfed-envtest-'));
  const daemons: Daemon[] = [];
  const onExit = () => daemons.forEach(killDaemonNow);
  process.on('exit', onExit);
  // Before any daemon: whatever happens to this process from here on, nothing it starts outlives it.
  startReaper(process.pid, dir);
  const stop = async () => {
    process.removeListener('exit', onExit);
    for (const d of [...daemons].reverse()) await stopDaemon(d);
    rmSync(dir, { recursive: true, force: true }); // the reaper exits when it sees the folder gone
  };
  try {
    const pki = makeControlPlanePki();
    const file = (name: string, text: string) => {
      const path = join(dir, name);
      writeFileSync(path, text, { mode: 0o600 });
      return path;
    };
    const [etcdClient, etcdPeer, apiPort] = [await freePort(), await freePort(), await freePort()];
    const etcdUrl = `http://127.0.0.1:${etcdClient}`;
    const peerUrl = `http://127.0.0.1:${etcdPeer}`;
    const etcd = startDaemon(
      'etcd',
      assets.etcd,
      [
        '--name', 't', '--data-dir', join(dir, 'etcd'),
        '--listen-client-urls', etcdUrl, '--advertise-client-urls', etcdUrl,
        '--listen-peer-urls', peerUrl, '--initial-advertise-peer-urls', peerUrl,
        '--initial-cluster', `t=${peerUrl}`, '--initial-cluster-state', 'new',
        '--log-level', 'warn', '--unsafe-no-fsync',
      ],
      dir,
    );
    daemons.push(etcd);
    await waitUntil('etcd /health', deadline, daemons, async () => {
      const r = await fetch(`${etcdUrl}/health`);
      return r.ok && ((await r.json()) as { health?: string }).health === 'true';
    });
    const apiserver = startDaemon(
      'kube-apiserver',
      assets.kubeApiserver,
      [
        '--etcd-servers', etcdUrl, '--bind-address', '127.0.0.1', '--advertise-address', '127.0.0.1',
        '--secure-port', String(apiPort),
        '--tls-cert-file', file('serving.crt', pki.serving.cert), '--tls-private-key-file', file('serving.key', pki.serving.key),
        '--client-ca-file', file('ca.crt', pki.ca.cert),
        '--authorization-mode', 'RBAC',
        '--service-account-issuer', 'https://kubernetes.default.svc.cluster.local',
        '--service-account-key-file', file('sa.pub', pki.serviceAccount.publicKey),
        '--service-account-signing-key-file', file('sa.key', pki.serviceAccount.privateKey),
        '--service-cluster-ip-range', '10.0.0.0/24', '--endpoint-reconciler-type', 'none',
        '--disable-admission-plugins', 'ServiceAccount', '--profiling=false',
        '--cert-dir', join(dir, 'certs'),
      ],
      dir,
    );
    daemons.push(apiserver);
    const admin: KubeCredentials = { server: `https://127.0.0.1:${apiPort}`, ca: pki.ca.cert, cert: pki.admin.cert, key: pki.admin.key };
    await waitUntil('kube-apiserver /readyz', deadline, daemons, async () => (await kubeRequest(admin, 'GET', '/readyz', undefined, undefined, 2_000)).status === 200);
    options.log?.(`kube-apiserver ready at ${admin.server} after ${Date.now() - started} ms`);
    await installCrds(admin, assets.istioCrds, deadline, daemons);
    const info: ControlPlaneInfo = { server: admin.server, ca: pki.ca.cert, adminCert: pki.admin.cert, adminKey: pki.admin.key, startMs: Date.now() - started };
    options.log?.(`Istio CRDs Established after ${info.startMs} ms`);
    return { info, admin, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

interface Crd {
  readonly metadata: { readonly name: string };
  readonly status?: { readonly conditions?: readonly { type: string; status: string }[] };
}

/** Server-side apply every CRD in the file, then wait for each to be Established (served). */
async function installCrds(admin: KubeCredentials, file: string, deadline: number, daemons: readonly Daemon[]): Promise<void> {
  const docs = parseAllDocuments(readFileSync(file, 'utf8'), { schema: 'core' })
    .map((d) => d.toJS() as Crd | null)
    .filter((d): d is Crd => d !== null && typeof d === 'object');
  const path = (name: string) => `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${name}`;
  await Promise.all(docs.map((crd) => serverSideApply(admin, path(crd.metadata.name), crd, 'meshfed-envtest')));
  await Promise.all(
    docs.map((crd) =>
      waitUntil(`CRD ${crd.metadata.name} Established`, deadline, daemons, async () => {
        const r = await kubeRequest(admin, 'GET', path(crd.metadata.name));
        return (r.body as Crd).status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True') === true;
      }),
    ),
  );
}
