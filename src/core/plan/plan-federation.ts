import { createTwoFilesPatch } from 'diff';
import { objectKey, type RenderedFederation, type RenderedObject } from '../render/rendered-object.js';
import { objectToYaml } from '../render/output/serialize-yaml.js';
import type { ChangeType, FederationPlan, ObjectChange, PeerPlan, PeerPresence } from './federation-plan.js';
import { jsonEqual } from './json-equal.js';
import { compareStrings } from '../compare-strings.js';

export interface PlanOptions {
  /** Serialises one object for the diff (default: render's `objectToYaml`, the bytes written to `out/<peer>/`). */
  readonly serialize?: (o: RenderedObject) => string;
  /** Lines of context around each change in a diff (default 3, as `git diff`). */
  readonly context?: number;
  /**
   * Peers known to render the same objects at base and head (plan-change.ts: their render inputs are equal), left
   * out of `base` and `head`: each is planned as present on both sides, without changes, `inputsUnchanged`.
   */
  readonly untouched?: ReadonlySet<string>;
}

const DEV_NULL = '/dev/null';

/**
 * Base vs head, per peer: the objects added, changed (same `objectKey`, different content, including an
 * apiVersion bump) and removed, each with a unified diff, and how many stayed the same.
 * Every peer rendered on either side appears, sorted by name. Pure and deterministic.
 */
export function planFederation(
  base: RenderedFederation,
  head: RenderedFederation,
  options: PlanOptions = {},
): FederationPlan {
  const serialize = options.serialize ?? objectToYaml;
  const context = options.context ?? 3;
  const untouched = options.untouched ?? new Set<string>();
  const peers = [...new Set([...base.keys(), ...head.keys(), ...untouched.keys()])].sort(compareStrings);
  return {
    peers: peers.map((peer) => {
      if (untouched.has(peer) && !base.has(peer) && !head.has(peer)) {
        return { peer, presence: 'both', added: [], changed: [], removed: [], inputsUnchanged: true };
      }
      return planPeer(peer, base.get(peer), head.get(peer), serialize, context);
    }),
  };
}

function planPeer(
  peer: string,
  baseObjects: readonly RenderedObject[] | undefined,
  headObjects: readonly RenderedObject[] | undefined,
  serialize: (o: RenderedObject) => string,
  context: number,
): PeerPlan {
  const presence: PeerPresence = baseObjects === undefined ? 'added' : headObjects === undefined ? 'removed' : 'both';
  // The same array on both sides (incremental render reuses a peer's objects when its inputs did not change).
  if (baseObjects === headObjects && baseObjects !== undefined) {
    return { peer, presence, added: [], changed: [], removed: [], unchanged: baseObjects.length };
  }
  const before = byKey(baseObjects ?? []);
  const after = byKey(headObjects ?? []);
  const added: ObjectChange[] = [];
  const changed: ObjectChange[] = [];
  const removed: ObjectChange[] = [];
  let unchanged = 0;
  const diffOf = (type: ChangeType, b: RenderedObject | undefined, a: RenderedObject | undefined): ObjectChange =>
    objectChange(peer, type, b, a, serialize, context);

  for (const [key, a] of after) {
    const b = before.get(key);
    if (b === undefined) added.push(diffOf('added', undefined, a));
    else if (jsonEqual(b, a)) unchanged++;
    else changed.push(diffOf('changed', b, a));
  }
  for (const [key, b] of before) {
    if (!after.has(key)) removed.push(diffOf('removed', b, undefined));
  }
  const byChangeKey = (x: ObjectChange, y: ObjectChange): number => compareStrings(x.key, y.key);
  return {
    peer,
    presence,
    added: added.sort(byChangeKey),
    changed: changed.sort(byChangeKey),
    removed: removed.sort(byChangeKey),
    unchanged,
  };
}

/**
 * Objects by `objectKey`. Render never emits two objects with one key; if a broken input did, the last one
 * wins, as it would on the API server.
 */
function byKey(objects: readonly RenderedObject[]): Map<string, RenderedObject> {
  const m = new Map<string, RenderedObject>();
  for (const o of objects) m.set(objectKey(o), o);
  return m;
}

function objectChange(
  peer: string,
  type: ChangeType,
  before: RenderedObject | undefined,
  after: RenderedObject | undefined,
  serialize: (o: RenderedObject) => string,
  context: number,
): ObjectChange {
  const o = (after ?? before) as RenderedObject;
  const label = `${peer}/${o.kind}/${o.metadata.namespace}/${o.metadata.name}`;
  const diff = createTwoFilesPatch(
    before === undefined ? DEV_NULL : `a/${label}`,
    after === undefined ? DEV_NULL : `b/${label}`,
    before === undefined ? '' : serialize(before),
    after === undefined ? '' : serialize(after),
    undefined,
    undefined,
    { context, headerOptions: { includeIndex: false, includeUnderline: false, includeFileHeaders: true } },
  );
  const previousApiVersion =
    before !== undefined && after !== undefined && before.apiVersion !== after.apiVersion ? before.apiVersion : undefined;
  return {
    type,
    key: objectKey(o),
    apiVersion: o.apiVersion,
    ...(previousApiVersion === undefined ? {} : { previousApiVersion }),
    kind: o.kind,
    namespace: o.metadata.namespace,
    name: o.metadata.name,
    diff,
  };
}

