import type { SourceFile } from '../src/core/source-file.js';

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
