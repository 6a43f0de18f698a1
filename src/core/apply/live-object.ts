/**
 * An object as the cluster returned it, reduced to what meshfed compares: identity, ownership labels,
 * managed fields, and the body fields meshfed renders (labels, annotations, spec).
 */
export interface ManagedFieldsEntry {
  readonly manager: string;
  /** `Apply` or `Update`. */
  readonly operation: string;
  readonly apiVersion?: string;
  readonly subresource?: string;
  /** The `fieldsV1` trie, e.g. `{"f:spec": {"f:host": {}}}`. */
  readonly fieldsV1?: unknown;
}

export interface LiveMetadata {
  readonly name: string;
  readonly namespace: string;
  readonly uid?: string;
  readonly resourceVersion?: string;
  readonly generation?: number;
  /** RFC 3339, as the API server set it: Istio orders competing config by it (the preflight reads it). */
  readonly creationTimestamp?: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly managedFields: readonly ManagedFieldsEntry[];
}

export interface LiveObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: LiveMetadata;
  /** Every top-level field besides apiVersion, kind, metadata and status (for Istio objects: `spec`). */
  readonly body: Readonly<Record<string, unknown>>;
}

/** Convert whatever the API returned (JSON, or the client's deserialized form) into a LiveObject. */
export function toLiveObject(raw: unknown): LiveObject {
  const o = asRecord(raw);
  const meta = asRecord(o.metadata);
  const body: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (k !== 'apiVersion' && k !== 'kind' && k !== 'metadata' && k !== 'status') body[k] = v;
  }
  const generation = typeof meta.generation === 'number' ? meta.generation : undefined;
  return {
    apiVersion: String(o.apiVersion ?? ''),
    kind: String(o.kind ?? ''),
    metadata: {
      name: String(meta.name ?? ''),
      namespace: String(meta.namespace ?? ''),
      ...(typeof meta.uid === 'string' ? { uid: meta.uid } : {}),
      ...(typeof meta.resourceVersion === 'string' ? { resourceVersion: meta.resourceVersion } : {}),
      ...(generation !== undefined ? { generation } : {}),
      ...(timestamp(meta.creationTimestamp) === undefined ? {} : { creationTimestamp: timestamp(meta.creationTimestamp) }),
      labels: stringMap(meta.labels),
      annotations: stringMap(meta.annotations),
      managedFields: Array.isArray(meta.managedFields) ? meta.managedFields.map(toManagedFieldsEntry) : [],
    },
    body,
  };
}

function toManagedFieldsEntry(raw: unknown): ManagedFieldsEntry {
  const m = asRecord(raw);
  return {
    manager: String(m.manager ?? ''),
    operation: String(m.operation ?? ''),
    ...(typeof m.apiVersion === 'string' ? { apiVersion: m.apiVersion } : {}),
    ...(typeof m.subresource === 'string' && m.subresource !== '' ? { subresource: m.subresource } : {}),
    ...(m.fieldsV1 !== undefined ? { fieldsV1: m.fieldsV1 } : {}),
  };
}

/** The API's RFC 3339 text; @kubernetes/client-node hands a Date (whole seconds: the API keeps no more). */
function timestamp(x: unknown): string | undefined {
  if (typeof x === 'string' && x !== '') return x;
  if (x instanceof Date && !Number.isNaN(x.getTime())) return x.toISOString().replace(/\.000Z$/, 'Z');
  return undefined;
}

function asRecord(x: unknown): Record<string, unknown> {
  return x !== null && typeof x === 'object' && !Array.isArray(x) ? (x as Record<string, unknown>) : {};
}

function stringMap(x: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(asRecord(x))) out[k] = String(v);
  return out;
}
