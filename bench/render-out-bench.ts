// Bench rows "render-out": `meshfed render federation --out DIR` into a fresh folder, the bundled CLI in a fresh
// process, timed from spawn to exit, once per layout: one file per object (the default) and `--layout peer` (one
// multi-document file per peer). `files`: the files it wrote. `fs`: where DIR is: `disk` (the system's temporary
// folder) and, where the machine has one, `tmpfs` (/dev/shm, memory): meshfed's own cost without the disk's. On
// this machine's virtual disk 79,000 small files took from 7 to 57 s for the same build, depending on how much the
// runs before had written (write-back of dirty pages, the host's I/O limits); in memory 4 to 7 s.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { bundle, round, scratchDir, timedProcess } from './bench-process.js';
import { syntheticFederationDir } from './synthetic-federation.js';

export const RENDER_OUT_SIZES = [1000];

const FILE_SYSTEMS: readonly (readonly [string, string | undefined])[] = [['disk', undefined], ...(existsSync('/dev/shm') ? [['tmpfs', '/dev/shm'] as const] : [])];

export async function renderOutBench(sizes = RENDER_OUT_SIZES): Promise<Record<string, unknown>[]> {
  const cli = await bundle('cli');
  const rows: Record<string, unknown>[] = [];
  for (const n of sizes) {
    const dir = await syntheticFederationDir(n);
    for (const [fs, parent] of FILE_SYSTEMS) {
      for (const layout of ['object', 'peer']) {
        const out = join(scratchDir('out', parent), 'out');
        const r = await timedProcess(cli, ['render', 'federation', '--out', out, '--layout', layout], { cwd: dir });
        if (r.code !== 0) throw new Error(`meshfed render --out exited ${r.code} at ${n} peers: ${r.stderr}`);
        const files = readdirSync(out, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith('.yaml')).length;
        rows.push({ name: 'render-out', peers: n, layout, fs, seconds: round(r.seconds), files });
        // Memory is not left holding 340 MB of files until the bench ends.
        if (fs === 'tmpfs') rmSync(out, { recursive: true, force: true });
      }
    }
  }
  return rows;
}
