// Bench rows "render": `meshfed render` of the synthetic federation, cold, against an honest floor.
//   seconds         the median of RENDER_RUNS runs, each in a fresh process (no warm-up, no cache): read the files
//                   from disk, parse, validate, render, serialise every object to YAML (everything `meshfed render`
//                   does but printing)
//   min_seconds     the fastest of those runs; runs: how many
//   floor_seconds   the least any YAML tool pays for the same job, in a fresh process: read the same files,
//                   `yaml` parseAllDocuments + toJS of each, JSON.stringify of the same rendered objects
//   ratio_to_floor  seconds / floor_seconds
//   peak_mb         the pipeline process's peak resident memory (the largest of the runs)
//   doubling_ratio  seconds against the row of half the peers (median against median)
// Both processes run with the Node flags the meshfed launcher gives the CLI (bin/node-flags.js), the floor too, so
// that the ratio compares code, not Node settings.
import { MESHFED_NODE_FLAGS } from '../bin/node-flags.js';
import { bundle, lastJsonLine, median, round, timedProcess } from './bench-process.js';
import { syntheticFederationDir } from './synthetic-federation.js';

export const RENDER_SIZES = [625, 1000, 1250, 2500, 5000, 10000];
/**
 * Pipeline runs per size, in rounds over all sizes (size after size, then again), so that a slow spell of this shared
 * machine lands on every size rather than on one: single runs of the same build at 5,000 peers took 7.9 to 11.2 s,
 * which alone moves a doubling ratio by ±0.3.
 */
export const RENDER_RUNS = 3;

export async function renderBench(sizes = RENDER_SIZES): Promise<Record<string, unknown>[]> {
  const child = await bundle('bench/render-bench-child.ts');
  const dirs = new Map<number, string>();
  for (const n of sizes) dirs.set(n, await syntheticFederationDir(n));
  const runs = new Map<number, { seconds: number; peakMb: number }[]>(sizes.map((n) => [n, []]));
  for (let round_ = 0; round_ < RENDER_RUNS; round_++) {
    for (const n of sizes) {
      const pipeline = await timedProcess(child, ['pipeline', dirs.get(n) as string], { nodeArgs: MESHFED_NODE_FLAGS });
      runs.get(n)?.push({ seconds: lastJsonLine(pipeline.stdout).seconds as number, peakMb: pipeline.peakMb });
    }
  }
  const rows: Record<string, unknown>[] = [];
  const bySize = new Map<number, number>();
  for (const n of sizes) {
    const floor = await timedProcess(child, ['floor', dirs.get(n) as string], { nodeArgs: MESHFED_NODE_FLAGS });
    const floorSeconds = lastJsonLine(floor.stdout).seconds as number;
    const mine = runs.get(n) ?? [];
    const seconds = median(mine.map((r) => r.seconds));
    const half = bySize.get(n / 2);
    rows.push({
      name: 'render',
      peers: n,
      seconds: round(seconds),
      min_seconds: round(Math.min(...mine.map((r) => r.seconds))),
      runs: mine.length,
      peak_mb: Math.max(...mine.map((r) => r.peakMb)),
      floor_seconds: round(floorSeconds),
      ratio_to_floor: round(seconds / floorSeconds),
      ...(half === undefined ? {} : { doubling_ratio: round(seconds / half) }),
    });
    bySize.set(n, seconds);
  }
  return rows;
}
