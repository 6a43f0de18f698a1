import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFederation } from '../../../src/core/load/load-federation.js';
import { renderFederation } from '../../../src/core/render/render-federation.js';
import { objectsToYaml } from '../../../src/core/render/output/serialize-yaml.js';
import { EXAMPLES, exampleFiles, REPO_ROOT } from './example-federations.js';

/**
 * Golden files: the rendered manifests of every bundled example, one file per peer, in
 * test/golden/render/<example>/<peer>.yaml. Compared byte for byte; after an intended change, regenerate with
 *   UPDATE_GOLDEN=1 npx vitest run test/core/render/golden.test.ts
 * and review the diff like any other code change.
 */
const GOLDEN_DIR = path.join(REPO_ROOT, 'test', 'golden', 'render');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

describe('golden manifests of the bundled examples', () => {
  for (const example of EXAMPLES) {
    const { model, diagnostics } = loadFederation(exampleFiles(example.repoDir));
    const rendered = renderFederation(model);
    const dir = path.join(GOLDEN_DIR, example.name);

    it(`GIVEN the ${example.name} example THEN it loads without errors`, () => {
      expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    });

    if (UPDATE) {
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      for (const [peer, objects] of rendered) writeFileSync(path.join(dir, `${peer}.yaml`), objectsToYaml(objects));
    }

    for (const [peer, objects] of rendered) {
      it(`GIVEN the ${example.name} example WHEN rendered THEN ${peer}'s manifests equal test/golden/render/${example.name}/${peer}.yaml`, () => {
        const file = path.join(dir, `${peer}.yaml`);
        expect(existsSync(file), `${file} is missing: run with UPDATE_GOLDEN=1`).toBe(true);
        expect(objectsToYaml(objects)).toBe(readFileSync(file, 'utf8'));
      });
    }

    it(`GIVEN the ${example.name} golden folder THEN it holds exactly one file per peer (no stale files)`, () => {
      const files = existsSync(dir) ? readdirSync(dir).sort() : [];
      expect(files).toEqual([...rendered.keys()].map((p) => `${p}.yaml`).sort());
    });
  }
});
