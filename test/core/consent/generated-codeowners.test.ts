import { describe, expect, it } from 'vitest';
import { consentRelevantChanges } from '../../../src/core/consent/generated-codeowners.js';

const CHANGED = ['.github/CODEOWNERS', 'federation/peers/gke/peer.yaml'];

describe('consentRelevantChanges', () => {
  it.each([
    ['no CODEOWNERS at head', undefined, CHANGED],
    ['a hand-edited CODEOWNERS (counts: every peer must approve)', { path: '.github/CODEOWNERS', upToDate: false }, CHANGED],
    ['the generated CODEOWNERS (gated by the peer folders already)', { path: '.github/CODEOWNERS', upToDate: true }, ['federation/peers/gke/peer.yaml']],
    ['a generated CODEOWNERS at another location than the changed one', { path: 'CODEOWNERS', upToDate: true }, CHANGED],
  ] as const)('GIVEN %s WHEN filtering changed files THEN the right files remain', (_name, codeowners, expected) => {
    expect(consentRelevantChanges(CHANGED, codeowners)).toEqual(expected);
  });
});
