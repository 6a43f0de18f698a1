import type { FieldPath } from '../../core/apply/field-paths.js';
import type { LiveObject } from '../../core/apply/live-object.js';

/** What the runner needs from a cluster. The real implementation is `createKubeApi` (kube-client.ts). */
export interface ObjectRef {
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
}

export interface ResourceInfo {
  /** Plural resource name, e.g. `destinationrules`. */
  readonly plural: string;
  readonly namespaced: boolean;
}

/** Requests sent (each attempt counts, retries included). */
export interface KubeRequestStats {
  /** Discovery, GET and LIST requests. */
  reads: number;
  /** Apply (PATCH) and DELETE requests that may persist. */
  writes: number;
  /** Apply and DELETE requests with dryRun=All. */
  dryRuns: number;
  /** Attempts repeated after a retryable failure. */
  retries: number;
}

/** A full manifest to apply: apiVersion, kind, metadata {name, namespace, labels, annotations}, and body. */
export type Manifest = {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace: string } & Record<string, unknown>;
} & Record<string, unknown>;

export interface KubeApi {
  /** Discovery: how the API server serves this kind, or undefined when it does not (CRD not installed). */
  resource(apiVersion: string, kind: string): Promise<ResourceInfo | undefined>;
  /** Every object of the kind in the namespace matching the label selector. */
  list(apiVersion: string, kind: string, namespace: string, labelSelector: string): Promise<LiveObject[]>;
  /** The object, or undefined on 404. */
  get(ref: ObjectRef): Promise<LiveObject | undefined>;
  /** Server-side apply (PATCH application/apply-patch+yaml, fieldManager=meshfed). Returns the server's result. */
  apply(manifest: Manifest, options: { readonly dryRun: boolean; readonly force: boolean }): Promise<LiveObject>;
  /**
   * Remove fields another manager added (JSON Patch: `test` of the resourceVersion read, then `remove` of each
   * path): server-side apply never removes a field another manager holds. Fails when the object changed since.
   */
  removeFields(ref: ObjectRef, paths: readonly FieldPath[], resourceVersion: string, options: { readonly dryRun: boolean }): Promise<LiveObject>;
  /** Delete with a uid precondition; `not-found` when it is already gone. */
  delete(ref: ObjectRef, options: { readonly dryRun: boolean; readonly uid: string | undefined }): Promise<'deleted' | 'not-found'>;
  readonly stats: KubeRequestStats;
}
