import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import type { SourceFile } from '../src/core/source-file.js';
import { scratchDir } from './bench-process.js';

const run = promisify(execFile);

/**
 * A synthetic but valid federation: N peers, each exporting 10 services and importing 20.
 * Peer i's export j is consumed by peers i+1+j and i+11+j (mod N), so every peer imports export j
 * from peers k-1-j and k-11-j: 20 imports, spread over all five policies. Needs N >= 22.
 */
export const EXPORTS_PER_PEER = 10;
export const IMPORTS_PER_PEER = 20;

const POLICIES = [
  'burst:\n    local:\n      maxConnections: 50\n      maxPendingRequests: 20\n',
  'failover:\n    ejection:\n      consecutive5xxErrors: 3\n',
  'split:\n    remoteWeight: 25\n',
  'route:\n    match:\n      - headers:\n          x-peer:\n            exact: remote\n',
  'mirror:\n    percent: 5\n',
];

export function peerName(i: number): string {
  return `p${String(i).padStart(4, '0')}`;
}

export function syntheticFederation(n: number): SourceFile[] {
  if (n < 22) throw new Error('syntheticFederation needs at least 22 peers');
  const mod = (x: number) => ((x % n) + n) % n;
  const files: SourceFile[] = [
    {
      path: 'federation/federation.yaml',
      content: `apiVersion: meshfed.io/v1alpha1
kind: Federation
metadata:
  name: synthetic
spec:
  meshID: synthetic
  rootCA:
    fingerprint: "SHA256:${Array.from({ length: 32 }, (_, b) => ((b * 37 + 11) % 256).toString(16).toUpperCase().padStart(2, '0')).join(':')}"
  admission:
    newPeer: majority
`,
    },
  ];
  for (let i = 0; i < n; i++) {
    const p = peerName(i);
    const dir = `federation/peers/${p}`;
    files.push({
      path: `${dir}/peer.yaml`,
      content: `apiVersion: meshfed.io/v1alpha1
kind: Peer
metadata:
  name: ${p}
spec:
  owners: ["@org-${p}/mesh-admins"]
  trustDomain: ${p}.mesh.example
  network: net-${p}
  clusterID: cluster-${p}
  locality:
    region: region-${i % 7}
    zone: zone-${i % 7}-${i % 3}
  eastWest:
    address: 10.${(i >> 8) & 255}.${i & 255}.1
    port: 15443
  istio:
    version: "1.30.3"
  namespaces: [apps]
`,
    });
    const exportsDocs: string[] = [];
    for (let j = 0; j < EXPORTS_PER_PEER; j++) {
      exportsDocs.push(`apiVersion: meshfed.io/v1alpha1
kind: ServiceExport
metadata:
  name: svc${j}
spec:
  service:
    name: ${p}-svc${j}
    namespace: apps
  ports:
    - name: http
      number: 8080
      protocol: HTTP
  serviceAccounts: [${p}-svc${j}]
  consumers:
    - peer: ${peerName(mod(i + 1 + j))}
    - peer: ${peerName(mod(i + 11 + j))}
  inbound:
    maxConnections: 100
`);
    }
    files.push({ path: `${dir}/exports.yaml`, content: exportsDocs.join('---\n') });
    const importDocs: string[] = [];
    for (let j = 0; j < EXPORTS_PER_PEER; j++) {
      for (const offset of [1, 11]) {
        const provider = peerName(mod(i - offset - j));
        importDocs.push(`apiVersion: meshfed.io/v1alpha1
kind: ServiceImport
metadata:
  name: ${provider}-svc${j}
spec:
  from:
    peer: ${provider}
    export: svc${j}
  ${POLICIES[(i + j + offset) % POLICIES.length]}`);
      }
    }
    files.push({ path: `${dir}/imports.yaml`, content: importDocs.join('---\n') });
  }
  return files;
}

/** The bench's one-peer change: one split weight in one import of p0003 (only p0003's output changes). */
export const ONE_PEER_CHANGE = {
  peer: peerName(3),
  path: `federation/peers/${peerName(3)}/imports.yaml`,
  apply: (content: string): string => content.replace('remoteWeight: 25', 'remoteWeight: 40'),
} as const;

/** A later head of the same pull request: the same import with another weight. */
export const NEXT_HEAD_CHANGE = { ...ONE_PEER_CHANGE, apply: (content: string): string => content.replace('remoteWeight: 25', 'remoteWeight: 45') } as const;

const dirs = new Map<number, Promise<string>>();

/** The synthetic federation of `n` peers written to a scratch folder (`<dir>/federation/...`), once per bench run. */
export function syntheticFederationDir(n: number): Promise<string> {
  let p = dirs.get(n);
  if (p === undefined) {
    p = (async () => {
      const dir = scratchDir(`federation-${n}`);
      const folders = new Set<string>();
      const files = syntheticFederation(n);
      for (const f of files) folders.add(dirname(join(dir, f.path)));
      for (const d of folders) await mkdir(d, { recursive: true });
      for (let i = 0; i < files.length; i += 64) {
        await Promise.all(files.slice(i, i + 64).map((f) => writeFile(join(dir, f.path), f.content)));
      }
      return dir;
    })();
    dirs.set(n, p);
  }
  return p;
}

const repos = new Map<number, Promise<string>>();

/** `syntheticFederationDir(n)` committed to a fresh git repository (the base of `meshfed plan --base HEAD`). */
export function syntheticFederationRepo(n: number): Promise<string> {
  let p = repos.get(n);
  if (p === undefined) {
    p = commitAll(n);
    repos.set(n, p);
  }
  return p;
}

async function commitAll(n: number): Promise<string> {
  const dir = await syntheticFederationDir(n);
  const git = (...args: string[]) => run('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.org', '-c', 'commit.gpgsign=false', ...args], { cwd: dir, maxBuffer: 64 * 1024 * 1024 });
  await git('init', '-q');
  await git('add', '-A');
  await git('commit', '-q', '-m', 'synthetic federation');
  return dir;
}
