import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadFederation } from '../../../src/core/load/load-federation.js';
import type { FederationModel } from '../../../src/core/model/federation-model.js';
import type { SourceFile } from '../../../src/core/source-file.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The bundled example federations: each is a repository whose `federation/` folder holds the intents. */
export const EXAMPLES: readonly { readonly name: string; readonly repoDir: string }[] = [
  { name: 'federation', repoDir: REPO_ROOT },
  { name: 'three-peer-mesh', repoDir: path.join(REPO_ROOT, 'examples', 'three-peer-mesh') },
];

function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((f) => {
      const p = path.join(dir, f);
      return statSync(p).isDirectory() ? walk(p) : [p];
    });
}

/** The example's intent files as the core sees them: repository-relative POSIX paths and text. */
export function exampleFiles(repoDir: string): SourceFile[] {
  const root = path.join(repoDir, 'federation');
  return walk(root)
    .filter((p) => /\.ya?ml$/.test(p))
    .map((p) => ({ path: path.relative(repoDir, p).split(path.sep).join('/'), content: readFileSync(p, 'utf8') }));
}

export function exampleModel(repoDir: string): FederationModel {
  return loadFederation(exampleFiles(repoDir)).model;
}
