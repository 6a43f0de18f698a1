import type { RenderedObject } from '../rendered-object.js';
import { emitKeyValue, yamlString } from './yaml-emitter.js';

/**
 * Rendered objects as one multi-document YAML stream, every document starting with `---`.
 * Deterministic, in the canonical layout of canonical-object.ts whatever order the object's keys are in:
 * apiVersion, kind, metadata (name, namespace, labels, annotations), spec; label, annotation and spec keys
 * sorted; lists in their given order. Block style, no anchors/aliases, no line folding, nothing time- or
 * commit-dependent. Strings that a YAML 1.1 reader (kubectl and most Kubernetes tooling) would take for
 * booleans, numbers or dates (`on`, `no`, `1_000`, `2024-01-01`) are quoted, so the stream means the same to
 * YAML 1.1 and 1.2 readers (yaml-emitter.ts). Empty input gives "".
 */
export function objectsToYaml(objects: readonly RenderedObject[]): string {
  let out = '';
  for (const o of objects) out += `---\n${objectToYaml(o)}`;
  return out;
}

export function objectToYaml(o: RenderedObject): string {
  const sorted = { sortKeys: true };
  return (
    `apiVersion: ${yamlString(o.apiVersion)}\n` +
    `kind: ${yamlString(o.kind)}\n` +
    'metadata:\n' +
    `  name: ${yamlString(o.metadata.name)}\n` +
    `  namespace: ${yamlString(o.metadata.namespace)}\n` +
    emitKeyValue('labels', o.metadata.labels, 2, sorted) +
    emitKeyValue('annotations', o.metadata.annotations, 2, sorted) +
    emitKeyValue('spec', o.spec, 0, sorted)
  );
}
