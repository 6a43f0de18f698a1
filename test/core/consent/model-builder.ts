/**
 * Builds FederationModel and RenderedFederation values in code, so plan / consent / report tests do not depend on
 * the loader and renderer. Intents go through the real zod schemas (defaults applied, typos rejected).
 */
import { federationIntent } from '../../../src/core/intents/federation-schema.js';
import { peerIntent } from '../../../src/core/intents/peer-schema.js';
import { serviceExportIntent } from '../../../src/core/intents/service-export-schema.js';
import { serviceImportIntent } from '../../../src/core/intents/service-import-schema.js';
import type { FederationModel, Located, PeerModel } from '../../../src/core/model/federation-model.js';
import {
  ANNOTATION_SOURCE,
  LABEL_MANAGED_BY,
  LABEL_PEER,
  MANAGED_BY_VALUE,
  compareObjects,
  type RenderedFederation,
  type RenderedObject,
} from '../../../src/core/render/rendered-object.js';

export interface ExportSketch {
  readonly name: string;
  readonly consumers: readonly string[];
}

export interface ImportSketch {
  readonly name: string;
  readonly from: string;
  readonly export: string;
  /** Default `{ burst: {} }`. */
  readonly policy?: Record<string, unknown>;
}

export interface PeerSketch {
  /** Omit the Peer document entirely (a folder without peer.yaml). */
  readonly noPeerDocument?: boolean;
  readonly owners?: readonly string[];
  readonly region?: string;
  readonly zone?: string;
  readonly network?: string;
  readonly exports?: readonly ExportSketch[];
  readonly imports?: readonly ImportSketch[];
}

export interface FederationSketch {
  readonly root?: string;
  /** `null`: no federation.yaml at all. Default `all` (the schema default). */
  readonly admission?: 'all' | 'majority' | 'any' | null;
  readonly peers: Readonly<Record<string, PeerSketch>>;
}

function located<T>(value: T, file: string, docIndex = 0): Located<T> {
  return { value, source: { file, docIndex, locate: () => ({ line: 1, col: 1 }) } };
}

export function federationModel(sketch: FederationSketch): FederationModel {
  const root = sketch.root ?? 'federation';
  const federation =
    sketch.admission === null
      ? undefined
      : located(
          federationIntent.parse({
            apiVersion: 'meshfed.io/v1alpha1',
            kind: 'Federation',
            metadata: { name: 'mesh' },
            spec: {
              meshID: 'mesh1',
              rootCA: { fingerprint: `SHA256:${Array.from({ length: 32 }, () => 'AB').join(':')}` },
              ...(sketch.admission === undefined ? {} : { admission: { newPeer: sketch.admission } }),
            },
          }),
          `${root}/federation.yaml`,
        );
  const peers = new Map<string, PeerModel>();
  for (const name of Object.keys(sketch.peers).sort()) {
    peers.set(name, peerModel(root, name, sketch.peers[name] ?? {}));
  }
  return { root, federation, peers };
}

function peerModel(root: string, name: string, p: PeerSketch): PeerModel {
  const dir = `${root}/peers/${name}`;
  const peer = p.noPeerDocument
    ? undefined
    : located(
        peerIntent.parse({
          apiVersion: 'meshfed.io/v1alpha1',
          kind: 'Peer',
          metadata: { name },
          spec: {
            owners: p.owners ?? [`@${name}-admin`],
            trustDomain: `${name}.example.org`,
            network: p.network ?? `net-${name}`,
            clusterID: `cluster-${name}`,
            locality: { region: p.region ?? 'europe-west1', ...(p.zone === undefined ? {} : { zone: p.zone }) },
            eastWest: { address: `eastwest.${name}.example.org` },
            istio: { version: '1.30.3' },
            namespaces: ['demo'],
          },
        }),
        `${dir}/peer.yaml`,
      );
  const exports = (p.exports ?? []).map((e) =>
    located(
      serviceExportIntent.parse({
        apiVersion: 'meshfed.io/v1alpha1',
        kind: 'ServiceExport',
        metadata: { name: e.name },
        spec: {
          service: { name: e.name, namespace: 'demo' },
          ports: [{ name: 'http', number: 8080, protocol: 'HTTP' }],
          serviceAccounts: [e.name],
          consumers: e.consumers.map((c) => ({ peer: c })),
        },
      }),
      `${dir}/exports.yaml`,
    ),
  );
  const imports = (p.imports ?? []).map((i, idx) =>
    located(
      serviceImportIntent.parse({
        apiVersion: 'meshfed.io/v1alpha1',
        kind: 'ServiceImport',
        metadata: { name: i.name },
        spec: { from: { peer: i.from, export: i.export }, ...(i.policy ?? { burst: {} }) },
      }),
      `${dir}/imports.yaml`,
      idx,
    ),
  );
  const files = [
    ...(peer === undefined ? [] : [`${dir}/peer.yaml`]),
    ...(exports.length > 0 ? [`${dir}/exports.yaml`] : []),
    ...(imports.length > 0 ? [`${dir}/imports.yaml`] : []),
  ].sort();
  return { name, peer, exports, imports, gateways: [], files };
}

/** A rendered object the way render emits them: labels, source annotation, a spec. */
export function renderedObject(
  peer: string,
  kind: string,
  name: string,
  spec: Record<string, unknown> = {},
  options: { namespace?: string; apiVersion?: string } = {},
): RenderedObject {
  const group = kind === 'AuthorizationPolicy' || kind === 'PeerAuthentication' ? 'security.istio.io' : 'networking.istio.io';
  return {
    apiVersion: options.apiVersion ?? `${group}/v1`,
    kind,
    metadata: {
      name,
      namespace: options.namespace ?? 'demo',
      labels: { [LABEL_MANAGED_BY]: MANAGED_BY_VALUE, [LABEL_PEER]: peer },
      annotations: { [ANNOTATION_SOURCE]: `federation/peers/${peer}/intents.yaml` },
    },
    spec,
  };
}

export function renderedFederation(objects: Readonly<Record<string, readonly RenderedObject[]>>): RenderedFederation {
  return new Map(
    Object.keys(objects)
      .sort()
      .map((peer) => [peer, [...(objects[peer] ?? [])].sort(compareObjects)] as const),
  );
}

/** Every peer of `model` with one object that depends only on that peer's own settings. */
export function renderedFor(model: FederationModel, overrides: Readonly<Record<string, readonly RenderedObject[]>> = {}): RenderedFederation {
  const out: Record<string, readonly RenderedObject[]> = {};
  for (const name of model.peers.keys()) {
    out[name] = overrides[name] ?? [renderedObject(name, 'PeerAuthentication', 'default', { mtls: { mode: 'STRICT' } })];
  }
  return renderedFederation(out);
}
