import { expect } from 'vitest';
import type { FederationModel } from '../../../src/core/model/federation-model.js';
import { renderFederation } from '../../../src/core/render/render-federation.js';
import type { RenderedObject } from '../../../src/core/render/rendered-object.js';

export type Spec = Record<string, unknown>;

/** The objects rendered for one peer's cluster. */
export function objectsFor(model: FederationModel, peer: string): readonly RenderedObject[] {
  return renderFederation(model).get(peer) ?? [];
}

/** The single object of `kind` (optionally with `name`) among `objects`; fails the test otherwise. */
export function only(objects: readonly RenderedObject[], kind: string, name?: string): RenderedObject {
  const found = objects.filter((o) => o.kind === kind && (name === undefined || o.metadata.name === name));
  expect(found, `exactly one ${kind}${name === undefined ? '' : ` ${name}`} in ${describe(objects)}`).toHaveLength(1);
  return found[0] as RenderedObject;
}

export function specOf(o: RenderedObject): Spec {
  return o.spec as Spec;
}

export function describe(objects: readonly RenderedObject[]): string {
  return `[${objects.map((o) => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`).join(', ')}]`;
}

export function kindsOf(objects: readonly RenderedObject[]): string[] {
  return objects.map((o) => o.kind).sort();
}

/** Every key anywhere in a value (to prove a field is never emitted). */
export function allKeys(value: unknown, out: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => allKeys(v, out));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.add(k);
      allKeys(v, out);
    }
  }
  return out;
}
