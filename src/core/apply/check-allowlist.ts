import { ALLOWED_KINDS, apiGroup, objectKey, type RenderedObject } from '../render/rendered-object.js';
import { carriesOwnershipLabels, ownershipSelector, type PeerScope } from './peer-scope.js';

/** An object the runner will not touch, and why; decided before any cluster contact. */
export interface Refusal {
  readonly key: string;
  readonly reason: string;
}

export interface AllowlistResult {
  readonly allowed: readonly RenderedObject[];
  readonly refusals: readonly Refusal[];
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export function isAllowedKind(apiVersion: string, kind: string): boolean {
  const group = apiGroup(apiVersion);
  return ALLOWED_KINDS.some((k) => k.group === group && k.kind === kind);
}

function allowedKindNames(): string {
  return ALLOWED_KINDS.map((k) => `${k.kind}.${k.group}`).join(', ');
}

/**
 * Guarantee 2 (README): a runner applies only its own peer's objects, only allowed kinds, only in the peer's
 * namespaces. Every object is checked; any refusal means nothing is applied (the caller stops before
 * contacting the cluster), because a desired state that breaks these rules is not one to apply in part.
 */
export function checkAllowlist(objects: readonly RenderedObject[], scope: PeerScope): AllowlistResult {
  const allowed: RenderedObject[] = [];
  const refusals: Refusal[] = [];
  const seen = new Set<string>();
  for (const o of objects) {
    const key = objectKey(o);
    const reasons = objectRefusalReasons(o, scope);
    if (seen.has(key)) reasons.push('the same object is rendered twice; render must emit each object once');
    seen.add(key);
    if (reasons.length > 0) refusals.push({ key, reason: reasons.join('; ') });
    else allowed.push(o);
  }
  return { allowed, refusals };
}

function objectRefusalReasons(o: RenderedObject, scope: PeerScope): string[] {
  const reasons: string[] = [];
  if (!isAllowedKind(o.apiVersion, o.kind)) {
    reasons.push(`kind ${o.kind} of ${o.apiVersion} is not one meshfed applies (allowed: ${allowedKindNames()})`);
  }
  if (!apiGroup(o.apiVersion)) {
    reasons.push(`apiVersion "${o.apiVersion}" has no API group`);
  }
  const ns = o.metadata.namespace;
  if (!ns || !scope.namespaces.includes(ns)) {
    reasons.push(
      `namespace "${ns}" is not one of peer ${scope.peer}'s namespaces (${scope.namespaces.join(', ')}); ` +
        `add it to spec.namespaces in the peer's peer.yaml if meshfed may write there`,
    );
  }
  if (!DNS_SUBDOMAIN.test(o.metadata.name) || o.metadata.name.length > 253) {
    reasons.push(`name "${o.metadata.name}" is not a valid Kubernetes object name`);
  }
  if (ns && !DNS_LABEL.test(ns)) reasons.push(`namespace "${ns}" is not a DNS-1123 label`);
  if (!carriesOwnershipLabels(o.metadata.labels, scope.peer)) {
    reasons.push(`the object is not labelled for peer ${scope.peer} (${ownershipSelector(scope.peer)})`);
  }
  return reasons;
}
