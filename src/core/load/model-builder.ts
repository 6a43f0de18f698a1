import type { EdgeGatewayIntent } from '../intents/edge-gateway-schema.js';
import type { FederationIntent } from '../intents/federation-schema.js';
import type { PeerIntent } from '../intents/peer-schema.js';
import type { ServiceExportIntent } from '../intents/service-export-schema.js';
import type { ServiceImportIntent } from '../intents/service-import-schema.js';
import type { FederationModel, Located, PeerModel, RejectedIntent } from '../model/federation-model.js';
import { compareStrings } from '../compare-strings.js';

interface PeerDraft {
  peer: Located<PeerIntent> | undefined;
  readonly exports: Located<ServiceExportIntent>[];
  readonly imports: Located<ServiceImportIntent>[];
  readonly gateways: Located<EdgeGatewayIntent>[];
  readonly files: string[];
  /** Whether the folder holds any YAML file (folders with only a README are not peers). */
  hasYaml: boolean;
}

/** Collects intents as the loader accepts them and produces a FederationModel in deterministic order. */
export class ModelBuilder {
  private federation: Located<FederationIntent> | undefined;
  private readonly peers = new Map<string, PeerDraft>();
  /** Peer folders complete before `build`: their PeerModel (undefined: no YAML, not a peer), used as it is. */
  private readonly sealed = new Map<string, PeerModel | undefined>();
  private readonly rejected: RejectedIntent[] = [];

  constructor(private readonly root: string) {}

  /** Records a file of a peer folder (any type); YAML files make the folder a peer. */
  addPeerFile(peer: string, file: string, isYaml: boolean): void {
    const draft = this.draft(peer);
    draft.files.push(file);
    draft.hasYaml ||= isYaml;
  }

  setFederation(f: Located<FederationIntent>): void {
    this.federation ??= f;
  }

  setPeer(peer: string, p: Located<PeerIntent>): void {
    const draft = this.draft(peer);
    draft.peer ??= p;
  }

  addExport(peer: string, e: Located<ServiceExportIntent>): void {
    this.draft(peer).exports.push(e);
  }

  addImport(peer: string, i: Located<ServiceImportIntent>): void {
    this.draft(peer).imports.push(i);
  }

  addGateway(peer: string, g: Located<EdgeGatewayIntent>): void {
    this.draft(peer).gateways.push(g);
  }

  reject(r: RejectedIntent): void {
    this.rejected.push(r);
  }

  /** How many documents were rejected so far (with `rejectedSince`: what one folder's files added). */
  get rejectedCount(): number {
    return this.rejected.length;
  }

  rejectedSince(count: number): RejectedIntent[] {
    return this.rejected.slice(count);
  }

  /**
   * Ends peer folder `peer` (every one of its files was added): its PeerModel now, the very object `build` puts in
   * the model, or undefined when the folder holds no YAML file.
   */
  sealPeer(peer: string): PeerModel | undefined {
    const d = this.peers.get(peer);
    const model = d === undefined || !d.hasYaml ? undefined : peerModel(peer, d);
    this.peers.delete(peer);
    this.sealed.set(peer, model);
    return model;
  }

  /** A peer folder loaded before from the same files (loaded-folder.ts): its PeerModel and rejected documents. */
  addSealedPeer(peer: string, model: PeerModel | undefined, rejected: readonly RejectedIntent[]): void {
    this.sealed.set(peer, model);
    this.rejected.push(...rejected);
  }

  build(): FederationModel {
    const peers = new Map<string, PeerModel>();
    for (const name of [...new Set([...this.peers.keys(), ...this.sealed.keys()])].sort(compareStrings)) {
      const d = this.peers.get(name);
      const model = d === undefined ? this.sealed.get(name) : d.hasYaml ? peerModel(name, d) : undefined;
      if (model !== undefined) peers.set(name, model);
    }
    const model: FederationModel = { root: this.root, federation: this.federation, peers };
    if (this.rejected.length === 0) return model;
    const rejected = [...this.rejected].sort(
      (a, b) => compareStrings(a.file, b.file) || compareStrings(a.kind ?? '', b.kind ?? '') || compareStrings(a.name ?? '', b.name ?? ''),
    );
    return { ...model, rejected };
  }

  private draft(peer: string): PeerDraft {
    let d = this.peers.get(peer);
    if (!d) {
      d = { peer: undefined, exports: [], imports: [], gateways: [], files: [], hasYaml: false };
      this.peers.set(peer, d);
    }
    return d;
  }
}

function peerModel(name: string, d: PeerDraft): PeerModel {
  return {
    name,
    peer: d.peer,
    exports: [...d.exports].sort(bySource),
    imports: [...d.imports].sort(bySource),
    gateways: [...d.gateways].sort(bySource),
    files: [...d.files].sort(compareStrings),
  };
}

function bySource(a: Located<unknown>, b: Located<unknown>): number {
  return compareStrings(a.source.file, b.source.file) || a.source.docIndex - b.source.docIndex;
}

