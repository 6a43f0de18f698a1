import type { Position } from '../diagnostics.js';
import type { EdgeGatewayIntent } from '../intents/edge-gateway-schema.js';
import type { FederationIntent } from '../intents/federation-schema.js';
import type { PeerIntent } from '../intents/peer-schema.js';
import type { ServiceExportIntent } from '../intents/service-export-schema.js';
import type { ServiceImportIntent } from '../intents/service-import-schema.js';

/** Where an intent came from, and how to point at any field inside it. */
export interface IntentSource {
  /** Repository-relative POSIX path. */
  readonly file: string;
  /** 0-based index of the YAML document within the file. */
  readonly docIndex: number;
  /** Position of a field path inside the document (falls back to the nearest existing ancestor). */
  locate(path: readonly (string | number)[]): Position;
  /** Position of the key of the last path segment (e.g. `split:` rather than its value); falls back to `locate`. */
  locateKey?(path: readonly (string | number)[]): Position;
}

export interface Located<T> {
  readonly value: T;
  readonly source: IntentSource;
}

export interface PeerModel {
  /** The folder name, equal to the Peer's metadata.name once validated. */
  readonly name: string;
  /** Absent when the folder has no Peer document (a validation error). */
  readonly peer: Located<PeerIntent> | undefined;
  readonly exports: readonly Located<ServiceExportIntent>[];
  readonly imports: readonly Located<ServiceImportIntent>[];
  readonly gateways: readonly Located<EdgeGatewayIntent>[];
  /** Every file in the peer's folder, sorted. */
  readonly files: readonly string[];
}

/**
 * A federation after parsing and schema checks, before cross-intent validation.
 * Peers are keyed by folder name and iterate in sorted order.
 */
export interface FederationModel {
  /** Repository-relative folder holding federation.yaml, e.g. `federation`. */
  readonly root: string;
  readonly federation: Located<FederationIntent> | undefined;
  readonly peers: ReadonlyMap<string, PeerModel>;
  /**
   * Documents the loader found but left out because they failed to parse, their schema or their placement
   * (the loader already reported why). Validation uses this to avoid follow-on errors such as "peer has no
   * Peer" when the Peer is there but broken. Absent means nothing was left out.
   */
  readonly rejected?: readonly RejectedIntent[];
}

export interface RejectedIntent {
  readonly file: string;
  /** Peer folder the file is in; undefined for files outside peer folders. */
  readonly peer: string | undefined;
  /** The document's `kind`, when it could be read; undefined when the whole file failed to parse. */
  readonly kind: string | undefined;
  /** The document's `metadata.name`, when it could be read. */
  readonly name: string | undefined;
}
