import { edgeGatewayIntent, type EdgeGatewayIntent } from '../../../src/core/intents/edge-gateway-schema.js';
import { peerIntent, type PeerIntent } from '../../../src/core/intents/peer-schema.js';
import { serviceExportIntent, type ServiceExportIntent } from '../../../src/core/intents/service-export-schema.js';
import { serviceImportIntent, type ServiceImportIntent } from '../../../src/core/intents/service-import-schema.js';
import type { FederationModel, Located, PeerModel } from '../../../src/core/model/federation-model.js';

/**
 * Builds FederationModels for render tests without YAML: every intent goes through its real zod schema (so
 * defaults are applied exactly as the loader would) and gets a source path `federation/peers/<peer>/<name>.yaml`.
 */
type Json = Record<string, unknown>;

export interface PeerOptions {
  readonly trustDomain?: string;
  readonly network?: string;
  readonly region?: string;
  readonly zone?: string | null;
  readonly address?: string;
  readonly istioVersion?: string;
  readonly namespaces?: readonly string[];
  readonly eastWest?: Json;
  readonly ingress?: Json;
}

interface PeerDraft {
  peer: Located<PeerIntent> | undefined;
  exports: Located<ServiceExportIntent>[];
  imports: Located<ServiceImportIntent>[];
  gateways: Located<EdgeGatewayIntent>[];
}

function located<T>(value: T, file: string): Located<T> {
  return { value, source: { file, docIndex: 0, locate: () => ({ line: 1, col: 1 }) } };
}

export class FederationBuilder {
  private readonly peers = new Map<string, PeerDraft>();

  constructor(private readonly root = 'federation') {}

  private draft(peer: string): PeerDraft {
    let d = this.peers.get(peer);
    if (d === undefined) {
      d = { peer: undefined, exports: [], imports: [], gateways: [] };
      this.peers.set(peer, d);
    }
    return d;
  }

  private file(peer: string, name: string): string {
    return `${this.root}/peers/${peer}/${name}.yaml`;
  }

  peer(name: string, o: PeerOptions = {}): this {
    const locality: Json = { region: o.region ?? `${name}-region` };
    if (o.zone !== null) locality.zone = o.zone ?? `${name}-region-a`;
    const value = peerIntent.parse({
      apiVersion: 'meshfed.io/v1alpha1',
      kind: 'Peer',
      metadata: { name },
      spec: {
        owners: [`@${name}-admins`],
        trustDomain: o.trustDomain ?? `${name}.example.org`,
        network: o.network ?? `${name}-net`,
        clusterID: `${name}-cluster`,
        locality,
        eastWest: { address: o.address ?? '203.0.113.10', ...(o.eastWest ?? {}) },
        ...(o.ingress === undefined ? {} : { ingress: o.ingress }),
        istio: { version: o.istioVersion ?? '1.30.3' },
        namespaces: o.namespaces ?? ['demo'],
      },
    });
    this.draft(name).peer = located(value, this.file(name, 'peer'));
    return this;
  }

  export(peer: string, name: string, spec: Json): this {
    const value = serviceExportIntent.parse({ apiVersion: 'meshfed.io/v1alpha1', kind: 'ServiceExport', metadata: { name }, spec });
    this.draft(peer).exports.push(located(value, this.file(peer, name)));
    return this;
  }

  import(peer: string, name: string, spec: Json): this {
    const value = serviceImportIntent.parse({ apiVersion: 'meshfed.io/v1alpha1', kind: 'ServiceImport', metadata: { name }, spec });
    this.draft(peer).imports.push(located(value, this.file(peer, name)));
    return this;
  }

  gateway(peer: string, name: string, spec: Json): this {
    const value = edgeGatewayIntent.parse({ apiVersion: 'meshfed.io/v1alpha1', kind: 'EdgeGateway', metadata: { name }, spec });
    this.draft(peer).gateways.push(located(value, this.file(peer, name)));
    return this;
  }

  build(): FederationModel {
    const peers = new Map<string, PeerModel>();
    for (const name of [...this.peers.keys()].sort()) {
      const d = this.peers.get(name);
      if (d === undefined) continue;
      const files = [d.peer, ...d.exports, ...d.imports, ...d.gateways].flatMap((x) => (x === undefined ? [] : [x.source.file]));
      peers.set(name, { name, peer: d.peer, exports: d.exports, imports: d.imports, gateways: d.gateways, files: [...new Set(files)].sort() });
    }
    return { root: this.root, federation: undefined, peers };
  }
}

/** A typical export: `echo` in `demo`, one HTTP port, consumed by the given peers. */
export function echoExport(consumers: readonly (string | Json)[], extra: Json = {}): Json {
  return {
    service: { name: 'echo', namespace: 'demo' },
    ports: [{ name: 'http', number: 8080, protocol: 'HTTP' }],
    serviceAccounts: ['echo'],
    consumers: consumers.map((c) => (typeof c === 'string' ? { peer: c } : c)),
    ...extra,
  };
}

/** The paper's two peers: alpha bursts its echo into beta. */
export function paperFederation(importSpec: Json = { burst: { local: { maxConnections: 1 } } }): FederationBuilder {
  return new FederationBuilder()
    .peer('alpha', { address: '203.0.113.10', region: 'th-central', zone: 'th-central-1' })
    .peer('beta', { address: '198.51.100.20', region: 'us-west1', zone: 'us-west1-b' })
    .export('beta', 'echo', echoExport(['alpha'], { inbound: { maxConnections: 3 } }))
    .import('alpha', 'echo-burst', { from: { peer: 'beta', export: 'echo' }, ...importSpec });
}
