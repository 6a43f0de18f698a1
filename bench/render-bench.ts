// Bench rows "render": `meshfed render` of the synthetic federation, cold, against an honest floor.
//   seconds         one run in a fresh process (no warm-up, no cache): read the files from disk, parse, validate,
//                   render, serialise every object to YAML (everything `meshfed render` does but printing)
//   floor_seconds   the least any YAML tool pays for the same job, in a fresh process: read the same files,
//                   `yaml` parseAllDocuments + toJS of each, JSON.stringify of the same rendered objects
//   ratio_to_floor  seconds / floor_seconds
//   peak_mb         the pipeline process's peak resident memory
//   doubling_ratio  seconds against the row of half the peers
import { bundle, lastJsonLine, round, timedProcess } from './bench-process.js';
import { syntheticFederationDir } from './synthetic-federation.js';

export const RENDER_SIZES = [625, 1000, 1250, 2500, 5000, 10000];

export async function renderBench(sizes = RENDER_SIZES): Promise<Record<string, unknown>[]> {
  const child = await bundle('bench/render-bench-child.ts');
  const rows: Record<string, unknown>[] = [];
  const bySize = new Map<number, number>();
  for (const n of sizes) {
    const dir = await syntheticFederationDir(n);
    const pipeline = await timedProcess(child, ['pipeline', dir]);
    const floor = await timedProcess(child, ['floor', dir]);
    const seconds = lastJsonLine(pipeline.stdout).seconds as number;
    const floorSeconds = lastJsonLine(floor.stdout).seconds as number;
    const half = bySize.get(n / 2);
    rows.push({
      name: 'render',
      peers: n,
      seconds: round(seconds),
      peak_mb: pipeline.peakMb,
      floor_seconds: round(floorSeconds),
      ratio_to_floor: round(seconds / floorSeconds),
      ...(half === undefined ? {} : { doubling_ratio: round(seconds / half) }),
    });
    bySize.set(n, seconds);
  }
  return rows;
}
