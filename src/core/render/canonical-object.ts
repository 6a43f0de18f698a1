import type { RenderedObject } from './rendered-object.js';

/**
 * One canonical layout for every rendered object written out as JSON (`meshfed render --format json`), so that
 * equal objects are equal byte for byte however they were built and whatever key order the intents were written
 * in (the YAML emitter, serialize-yaml.ts, writes the same layout by itself):
 * - top level: apiVersion, kind, metadata, spec;
 * - metadata: name, namespace, labels, annotations (label and annotation keys sorted);
 * - spec: every mapping's keys sorted by UTF-16 code units (`Array.prototype.sort`'s default order, the same
 *   on every machine and locale; as `kubectl get -o yaml` prints them), lists in their given order
 *   (order is meaning there: routes, matches, servers), keys whose value is `undefined` dropped.
 */
export function canonicalObject(o: RenderedObject): RenderedObject {
  return {
    apiVersion: o.apiVersion,
    kind: o.kind,
    metadata: {
      name: o.metadata.name,
      namespace: o.metadata.namespace,
      labels: sortedRecord(o.metadata.labels),
      annotations: sortedRecord(o.metadata.annotations),
    },
    spec: canonicalValue(o.spec) as Readonly<Record<string, unknown>>,
  };
}

export function canonicalValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonicalValue);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = canonicalValue(v);
    }
    return out;
  }
  return value;
}

function sortedRecord(record: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(record).sort()) {
    const v = record[key];
    if (v !== undefined) out[key] = v;
  }
  return out;
}
