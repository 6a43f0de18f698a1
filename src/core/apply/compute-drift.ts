import { objectKey, type RenderedObject } from '../render/rendered-object.js';
import { compareWithLive, type FieldDifference } from './compare-with-live.js';
import type { LiveObject } from './live-object.js';
import { compareStrings } from '../compare-strings.js';

export type DriftStatus = 'missing' | 'differs' | 'extra';

export interface DriftEntry {
  readonly key: string;
  readonly status: DriftStatus;
  /** For `differs`: each field meshfed manages whose live value is not the desired one. */
  readonly differences: readonly FieldDifference[];
}

export interface DriftReport {
  readonly peer: string;
  /** Sorted by key. */
  readonly entries: readonly DriftEntry[];
  /** Desired objects that are exactly as desired. */
  readonly inSync: number;
  readonly hasDrift: boolean;
}

/**
 * Drift of a peer's cluster from the desired state: desired objects that are missing, desired objects whose
 * meshfed-managed fields differ (field path, desired and live value), and extra objects that carry
 * meshfed's labels for this peer but are not desired (left over from a run without --prune, or from a lost
 * inventory). `live` holds the peer's labelled objects plus any desired object found in the cluster.
 */
export function computeDrift(
  peer: string,
  desired: readonly RenderedObject[],
  live: ReadonlyMap<string, LiveObject>,
  fieldManager: string,
): DriftReport {
  const entries: DriftEntry[] = [];
  const desiredKeys = new Set<string>();
  let inSync = 0;
  for (const o of desired) {
    const key = objectKey(o);
    desiredKeys.add(key);
    const current = live.get(key);
    if (!current) {
      entries.push({ key, status: 'missing', differences: [] });
      continue;
    }
    const { differences } = compareWithLive(o, current, fieldManager);
    if (differences.length > 0) entries.push({ key, status: 'differs', differences });
    else inSync++;
  }
  for (const key of live.keys()) {
    if (!desiredKeys.has(key)) entries.push({ key, status: 'extra', differences: [] });
  }
  entries.sort((a, b) => compareStrings(a.key, b.key));
  return { peer, entries, inSync, hasDrift: entries.length > 0 };
}
