import { diagnostic, type Diagnostic, type Position, type Severity } from '../diagnostics.js';
import type { PeerIntent } from '../intents/peer-schema.js';
import type { ServiceExportIntent } from '../intents/service-export-schema.js';
import type { FederationModel, Located, PeerModel } from '../model/federation-model.js';
import { compareStrings } from '../compare-strings.js';
import { NameIndex } from '../load/closest-name.js';
import type { RejectedIntent } from '../model/federation-model.js';
import { peerFolderRename } from './peer-folder-rename.js';

export type Path = readonly (string | number)[];

/** What every rule gets: the model, indexes over it, and a way to report at a field. */
export class ValidationContext {
  readonly diagnostics: Diagnostic[] = [];
  /** Peers in name order. */
  readonly peers: readonly PeerModel[];
  private readonly exportIndex = new Map<string, Map<string, Located<ServiceExportIntent>>>();
  private peerNameIndex: NameIndex | undefined;
  private rejectedByPeer: Map<string | undefined, RejectedIntent[]> | undefined;
  /** Peer folders whose name is not a DNS-1123 label, by the name they should be renamed to. */
  private readonly folderRenames = new Map<string, string>();

  constructor(readonly model: FederationModel) {
    this.peers = [...model.peers.values()].sort((a, b) => compareStrings(a.name, b.name));
    for (const p of this.peers) {
      const byName = new Map<string, Located<ServiceExportIntent>>();
      for (const e of p.exports) if (!byName.has(e.value.metadata.name)) byName.set(e.value.metadata.name, e);
      this.exportIndex.set(p.name, byName);
    }
    const folders = new Set(this.peers.map((p) => p.name));
    for (const p of this.peers) {
      const rename = peerFolderRename(p, folders);
      if (rename !== undefined) this.folderRenames.set(rename, p.name);
    }
  }

  /** The name peer folder `folder` should be renamed to, when it is not a DNS-1123 label (peer/folder-name-invalid). */
  folderRename(folder: string): string | undefined {
    for (const [to, from] of this.folderRenames) if (from === folder) return to;
    return undefined;
  }

  /** Every pending rename as [folder, new name], in folder order (part of every validation key, validation-keys.ts). */
  pendingRenames(): [string, string][] {
    return [...this.folderRenames].map(([to, from]): [string, string] => [from, to]).sort((a, b) => compareStrings(a[0], b[0]));
  }

  /**
   * Whether `name` is what an invalid peer folder is to be renamed to: a reference to it is then not a second
   * error ("peer does not exist"), since peer/folder-name-invalid already says to rename the folder to it.
   */
  isPendingRename(name: string): boolean {
    return this.folderRenames.has(name);
  }

  /** The federation root as a path prefix (`federation/`, or `` for the repository root). */
  get prefix(): string {
    return this.model.root === '' ? '' : `${this.model.root}/`;
  }

  /** Reports a problem at the value of `path` inside an intent. */
  at(intent: Located<unknown>, path: Path, code: string, message: string, hint: string, severity: Severity = 'error'): void {
    this.atPosition(intent.source.file, intent.source.locate(path), code, message, hint, severity);
  }

  /** Reports a problem at the key of the last segment of `path` (e.g. the `split:` of an import). */
  atKey(intent: Located<unknown>, path: Path, code: string, message: string, hint: string, severity: Severity = 'error'): void {
    const at = intent.source.locateKey?.(path) ?? intent.source.locate(path);
    this.atPosition(intent.source.file, at, code, message, hint, severity);
  }

  atPosition(file: string, position: Position, code: string, message: string, hint: string, severity: Severity = 'error'): void {
    this.diagnostics.push(diagnostic(file, position, code, message, hint, severity));
  }

  /** `file:line` of a field (its key), to point from one diagnostic to the other intent involved. */
  where(intent: Located<unknown>, path: Path = []): string {
    const p = intent.source.locateKey?.(path) ?? intent.source.locate(path);
    return `${intent.source.file}:${p.line}`;
  }

  /** "Did you mean" over the peers' names, built on first use. */
  get peerNames(): NameIndex {
    this.peerNameIndex ??= new NameIndex(this.peers.map((p) => p.name));
    return this.peerNameIndex;
  }

  peer(name: string): PeerModel | undefined {
    return this.model.peers.get(name);
  }

  peerSpec(name: string): PeerIntent['spec'] | undefined {
    return this.model.peers.get(name)?.peer?.value.spec;
  }

  exportOf(peer: string, name: string): Located<ServiceExportIntent> | undefined {
    return this.exportIndex.get(peer)?.get(name);
  }

  exportNames(peer: string): string[] {
    return [...(this.exportIndex.get(peer)?.keys() ?? [])].sort();
  }

  /**
   * Whether the loader left out a document that may be the one a rule is looking for (a broken file in that
   * peer, or a document of that kind and name that failed its schema). Rules then stay silent instead of
   * reporting a follow-on error: the loader has already said what is wrong. `unparsedFile` narrows which
   * unreadable files (kind unknown) could have held it; by default any file of that peer could.
   */
  mayBeRejected(peer: string | undefined, kind: string, name?: string, unparsedFile?: (file: string) => boolean): boolean {
    if (this.rejectedByPeer === undefined) {
      this.rejectedByPeer = new Map();
      for (const r of this.model.rejected ?? []) {
        const list = this.rejectedByPeer.get(r.peer);
        if (list === undefined) this.rejectedByPeer.set(r.peer, [r]);
        else list.push(r);
      }
    }
    return (this.rejectedByPeer.get(peer) ?? []).some(
      (r) =>
        (r.kind === undefined ? (unparsedFile?.(r.file) ?? true) : r.kind.toLowerCase() === kind.toLowerCase()) &&
        (name === undefined || r.name === undefined || r.name === name),
    );
  }
}
