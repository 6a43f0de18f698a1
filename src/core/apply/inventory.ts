import { objectKey } from '../render/rendered-object.js';
import { compareStrings } from '../compare-strings.js';

/**
 * The inventory: what meshfed has applied for a peer, kept in that peer's cluster (see
 * src/adapters/kubernetes/inventory-configmap.ts for where and how). Prune only ever considers objects
 * listed here, so an object meshfed never applied is never deleted.
 */
export interface InventoryEntry {
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
}

export type InventoryState =
  | {
      readonly status: 'ok';
      readonly entries: readonly InventoryEntry[];
      /**
       * Entries an earlier run refused to prune (the mass-prune guard). They stay refused until a person runs
       * `--allow-mass-prune`, they become desired again, or they are gone. Absent (older inventories) = none.
       */
      readonly pendingPrune?: readonly InventoryEntry[];
    }
  /** No inventory object: the first apply, or it was deleted. */
  | { readonly status: 'missing' }
  /** It exists but cannot be trusted (unparsable, checksum mismatch, another peer's). Treated as lost. */
  | { readonly status: 'corrupted'; readonly reason: string };

export function inventoryName(peer: string): string {
  return `meshfed-inventory-${peer}`;
}

export function entryKey(e: InventoryEntry): string {
  return objectKey({ apiVersion: e.apiVersion, kind: e.kind, metadata: { namespace: e.namespace, name: e.name, labels: {}, annotations: {} } });
}

export function entryOf(o: {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly namespace: string; readonly name: string };
}): InventoryEntry {
  return { apiVersion: o.apiVersion, kind: o.kind, namespace: o.metadata.namespace, name: o.metadata.name };
}

/** Union by object key, sorted by key; on a key present in both, `later` wins (its API version is newer). */
export function mergeEntries(earlier: readonly InventoryEntry[], later: readonly InventoryEntry[]): InventoryEntry[] {
  const byKey = new Map<string, InventoryEntry>();
  for (const e of earlier) byKey.set(entryKey(e), e);
  for (const e of later) byKey.set(entryKey(e), e);
  return sortEntries([...byKey.values()]);
}

function sortEntries(entries: readonly InventoryEntry[]): InventoryEntry[] {
  return [...entries].sort((a, b) => compareStrings(entryKey(a), entryKey(b)));
}

export function sameEntries(a: readonly InventoryEntry[], b: readonly InventoryEntry[]): boolean {
  return formatInventoryObjects(a) === formatInventoryObjects(b);
}

/** One line per object, `apiVersion kind namespace name`, sorted: readable with `kubectl get cm -o yaml`. */
export function formatInventoryObjects(entries: readonly InventoryEntry[]): string {
  return sortEntries(entries)
    .map((e) => `${e.apiVersion} ${e.kind} ${e.namespace} ${e.name}\n`)
    .join('');
}

const API_VERSION = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?\/[a-z0-9]+$/;
const KIND = /^[A-Z][A-Za-z0-9]*$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

export function parseInventoryObjects(text: string): { entries: InventoryEntry[] } | { error: string } {
  const entries: InventoryEntry[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line === '' && i === lines.length - 1) continue;
    const parts = line.split(' ');
    const [apiVersion, kind, namespace, name] = parts;
    if (
      parts.length !== 4 ||
      !apiVersion ||
      !kind ||
      !namespace ||
      !name ||
      !API_VERSION.test(apiVersion) ||
      !KIND.test(kind) ||
      !DNS_LABEL.test(namespace) ||
      !NAME.test(name)
    ) {
      return { error: `line ${i + 1} is not "apiVersion kind namespace name": ${JSON.stringify(line.slice(0, 200))}` };
    }
    entries.push({ apiVersion, kind, namespace, name });
  }
  return { entries: sortEntries(entries) };
}
