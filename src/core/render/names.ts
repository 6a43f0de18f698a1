import { hash } from 'node:crypto';

/**
 * Names of rendered objects and label values: stable, readable, collision-free.
 *
 * Every object name is `meshfed-<role>-<intent name>[-<part>]` (except the per-namespace `meshfed-strict`
 * PeerAuthentication, shared by a peer's exports in one namespace): the role prefix keeps provider-side,
 * consumer-side and edge objects of one cluster apart (a peer can export and import a service of the same
 * name), and intent names are unique per kind within a peer, so two intents never produce the same
 * `kind/namespace/name`. Kubernetes limits names of these kinds to a DNS-1123 label (63 characters); a longer
 * name is cut and suffixed with 8 hex digits of the SHA-256 of the full name, so it stays unique and is the same
 * on every run. Names that fit are never hashed: what an operator reads in `kubectl get` is the intent's name.
 */
export const MAX_NAME_LENGTH = 63;
const HASH_LENGTH = 8;

/** Role prefixes, one per concept (see docs/istio.md). */
export const NAME_PREFIX = {
  export: 'meshfed-export',
  import: 'meshfed-import',
  edge: 'meshfed-edge',
} as const;

/**
 * The one namespace-wide PeerAuthentication meshfed renders per exporting namespace (provider-strict-mtls.ts).
 * Not `meshfed-<role>-<intent>`: it belongs to the namespace, not to one intent; no role prefix starts with it.
 */
export const STRICT_MTLS_NAME = 'meshfed-strict';

/**
 * The provider's DENY policy for foreign identities (provider-foreign-deny.ts), one per namespace it is rendered
 * into; like `meshfed-strict` it belongs to the peer, not to one intent.
 */
export const FOREIGN_DENY_NAME = 'meshfed-deny-foreign';

export function shortHash(text: string): string {
  return hash('sha256', text, 'hex').slice(0, HASH_LENGTH);
}

/**
 * Fits `text` into `max` characters: unchanged when it fits, else its first characters (without a trailing
 * separator) + "-" + a hash of the whole text.
 */
export function fitWithHash(text: string, max: number = MAX_NAME_LENGTH): string {
  if (text.length <= max) return text;
  const keep = text.slice(0, max - HASH_LENGTH - 1).replace(/[-._]+$/, '');
  return `${keep}-${shortHash(text)}`;
}

/**
 * Lowercases and replaces anything that is not a DNS-1123 label character with "-", collapsing runs and
 * trimming the ends. Intent names are already DNS labels; this only guards against odd input.
 */
export function toDnsLabelChars(text: string): string {
  // Most parts (peer, namespace and export names) are labels already: nothing to clean.
  if (LABEL_CHARS.test(text)) return text;
  const cleaned = text
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-+|-+$/g, '');
  return cleaned === '' ? 'x' : cleaned;
}

const LABEL_CHARS = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** `meshfed-<role>-<parts...>` as a DNS-1123 label of at most 63 characters. */
export function objectName(prefix: string, ...parts: readonly string[]): string {
  const full = [prefix, ...parts.map(toDnsLabelChars)].join('-');
  return fitWithHash(full);
}

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** A Kubernetes label value (at most 63 characters, alphanumeric at both ends), hashed when too long. */
export function labelValue(text: string): string {
  const cleaned = text.replace(/[^-A-Za-z0-9_.]+/g, '-').replace(/^[-_.]+|[-_.]+$/g, '');
  const fitted = fitWithHash(cleaned);
  return LABEL_VALUE.test(fitted) ? fitted : shortHash(text);
}
