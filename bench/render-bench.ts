import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const RENDER_SIZES = [125, 250, 500, 1000];

/**
 * Each size runs in a fresh Node process (bench/render-bench-child.ts) so peak memory (maxRSS) is
 * that size's alone. Rows: name "render", peers, intents, objects, seconds, peak_mb, floor_seconds,
 * ratio_to_floor, plus the time ratio to the previous (half) size.
 */
export async function renderBench(sizes = RENDER_SIZES): Promise<Record<string, unknown>[]> {
  const child = fileURLToPath(new URL('./render-bench-child.ts', import.meta.url));
  const rows: Record<string, unknown>[] = [];
  let previous: Record<string, unknown> | undefined;
  for (const n of sizes) {
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--expose-gc', child, String(n)], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const row = JSON.parse(out.trim().split('\n').pop() as string) as Record<string, unknown>;
    if (previous && (previous.peers as number) * 2 === n) {
      row.doubling_ratio = round((row.seconds as number) / (previous.seconds as number));
    }
    rows.push(row);
    previous = row;
  }
  return rows;
}

export function round(x: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
