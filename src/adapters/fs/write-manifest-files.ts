import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MANIFEST_HEADER, type ManifestFile } from '../../core/render/manifest-files.js';

export interface WriteSummary {
  readonly written: number;
  readonly unchanged: number;
  readonly removed: number;
}

/**
 * Make `outDir` hold exactly `files`: write new and changed ones, leave identical ones untouched, and
 * remove stale files, but only files meshfed wrote (they start with MANIFEST_HEADER). Anything else is left alone.
 */
export async function writeManifestFiles(outDir: string, files: readonly ManifestFile[]): Promise<WriteSummary> {
  const wanted = new Map(files.map((f) => [f.path, f.content]));
  let written = 0;
  let unchanged = 0;
  let removed = 0;
  for (const [path, content] of wanted) {
    const target = join(outDir, path);
    const current = await readFile(target, 'utf8').catch(() => undefined);
    if (current === content) {
      unchanged++;
      continue;
    }
    await mkdir(join(target, '..'), { recursive: true });
    await writeFile(target, content);
    written++;
  }
  for (const path of await listYamlFiles(outDir)) {
    if (wanted.has(path)) continue;
    const content = await readFile(join(outDir, path), 'utf8');
    if (!content.startsWith(MANIFEST_HEADER)) continue;
    await rm(join(outDir, path));
    removed++;
  }
  return { written, unchanged, removed };
}

async function listYamlFiles(outDir: string): Promise<string[]> {
  const peers = await readdir(outDir, { withFileTypes: true }).catch(() => []);
  const out: string[] = [];
  for (const peer of peers) {
    if (!peer.isDirectory()) continue;
    for (const f of await readdir(join(outDir, peer.name), { withFileTypes: true })) {
      if (f.isFile() && f.name.endsWith('.yaml')) out.push(`${peer.name}/${f.name}`);
    }
  }
  return out.sort();
}
