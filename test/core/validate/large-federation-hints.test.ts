import { describe, expect, it } from 'vitest';
import { syntheticFederation } from '../../../bench/synthetic-federation.js';
import { formatDiagnostic } from '../../../src/core/diagnostics.js';
import { MAX_LISTED_NAMES } from '../../../src/core/load/closest-name.js';
import { compileFederation } from '../../../src/core/pipeline.js';

describe('hints in a large federation name a few peers, not all of them', () => {
  it('GIVEN 60 peers and imports and consumers naming mistyped peers WHEN validated THEN each hint suggests the peer meant and lists at most a bounded number of names', () => {
    const files = syntheticFederation(60).map((f) =>
      f.path.endsWith('/p0020/imports.yaml') || f.path.endsWith('/p0004/exports.yaml')
        ? // p0017 -> p0o17 (a letter o): every reference to p0017 in those files is mistyped
          { ...f, content: f.content.replaceAll('peer: p0017', 'peer: p0o17') }
        : f,
    );
    const diagnostics = compileFederation(files).diagnostics.filter((d) => d.code === 'import/unknown-peer' || d.code === 'export/consumer-unknown-peer');
    expect(diagnostics.length).toBeGreaterThan(0);
    for (const d of diagnostics) {
      expect(d.hint).toContain('did you mean "p0017"?');
      expect(d.hint).toContain(`and ${60 - MAX_LISTED_NAMES} more`);
      expect(d.hint.split(', ').length).toBeLessThanOrEqual(MAX_LISTED_NAMES);
      expect(formatDiagnostic(d).length).toBeLessThan(400);
    }
  });
});
