// Bench rows "render-out": `meshfed render federation --out DIR` into a fresh folder, the bundled CLI in a fresh
// process, timed from spawn to exit, once per layout: one file per object (the default) and `--layout peer` (one
// multi-document file per peer). `files`: the files it wrote.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { bundle, round, scratchDir, timedProcess } from './bench-process.js';
import { syntheticFederationDir } from './synthetic-federation.js';

export const RENDER_OUT_SIZES = [1000];

export async function renderOutBench(sizes = RENDER_OUT_SIZES): Promise<Record<string, unknown>[]> {
  const cli = await bundle('cli');
  const rows: Record<string, unknown>[] = [];
  for (const n of sizes) {
    const dir = await syntheticFederationDir(n);
    for (const layout of ['object', 'peer']) {
      const out = join(scratchDir('out'), 'out');
      const r = await timedProcess(cli, ['render', 'federation', '--out', out, '--layout', layout], { cwd: dir });
      if (r.code !== 0) throw new Error(`meshfed render --out exited ${r.code} at ${n} peers: ${r.stderr}`);
      const files = readdirSync(out, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith('.yaml')).length;
      rows.push({ name: 'render-out', peers: n, seconds: round(r.seconds), files });
    }
  }
  return rows;
}
