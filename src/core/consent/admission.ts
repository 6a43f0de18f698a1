import type { FederationModel } from '../model/federation-model.js';
import type { AdmissionPolicy } from './consent-types.js';

/** The base's `admission.newPeer`; `all` (the schema default, and the safest) when the base has no federation.yaml. */
export function admissionPolicy(base: FederationModel): AdmissionPolicy {
  return base.federation?.value.spec.admission?.newPeer ?? 'all';
}

/**
 * How many of `existing` peers must approve a new peer: `all` every one, `majority` more than half
 * (2 of 2, 2 of 3, 3 of 4), `any` one. With no existing peer nobody can admit: 0 here, and the caller reports
 * a blocker instead of passing silently.
 */
export function admissionNeeded(policy: AdmissionPolicy, existing: number): number {
  if (existing <= 0) return 0;
  switch (policy) {
    case 'all':
      return existing;
    case 'majority':
      return Math.floor(existing / 2) + 1;
    case 'any':
      return 1;
  }
}
