import { describe, expect, it } from 'vitest';
import { loadFederation } from '../../../src/core/load/load-federation.js';
import { MAX_FILES, type SourceFile } from '../../../src/core/source-file.js';

describe('loadFederation file-count bound', () => {
  it('GIVEN more files than MAX_FILES under the root WHEN loaded THEN one load/too-many-files error and an empty model', () => {
    const files: SourceFile[] = Array.from({ length: MAX_FILES + 1 }, (_, i) => ({ path: `federation/peers/p${i}/peer.yaml`, content: '' }));
    const { model, diagnostics } = loadFederation(files);
    expect(diagnostics.map((d) => d.code)).toEqual(['load/too-many-files']);
    expect(model.peers.size).toBe(0);
  });

  it('GIVEN many files outside the root WHEN loaded THEN they do not count', () => {
    const files: SourceFile[] = Array.from({ length: MAX_FILES + 1 }, (_, i) => ({ path: `docs/f${i}.md`, content: '' }));
    expect(loadFederation(files).diagnostics.map((d) => d.code)).not.toContain('load/too-many-files');
  });
});
