import type { RenderedObject } from '../render/rendered-object.js';

/**
 * The apply body for a rendered object: exactly the fields meshfed manages. Empty label or annotation maps
 * are left out (the API server drops them, and an apply must not claim fields it cannot own).
 */
export function toManifest(o: RenderedObject): {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec: Record<string, unknown>;
} {
  return {
    apiVersion: o.apiVersion,
    kind: o.kind,
    metadata: {
      name: o.metadata.name,
      namespace: o.metadata.namespace,
      ...(Object.keys(o.metadata.labels).length > 0 ? { labels: { ...o.metadata.labels } } : {}),
      ...(Object.keys(o.metadata.annotations).length > 0 ? { annotations: { ...o.metadata.annotations } } : {}),
    },
    spec: structuredClone(o.spec) as Record<string, unknown>,
  };
}
