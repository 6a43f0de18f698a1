// Bench rows "plan": `meshfed plan --base HEAD` of a one-peer change (one import's split weight in one peer's
// folder) in a git repository holding the synthetic federation, against `meshfed validate` of the same working
// tree. Both are the bundled CLI in a fresh process, timed from spawn to exit. Up to 2,000 peers the two are run
// alternately three times and each figure is the median of its three: a single pair on this shared 2-core machine
// gave ratios from 1.3 to 1.7 for the same build (each run of a process varies by ±15 %); above, one pair.
//   seconds            meshfed plan federation --base HEAD --format json
//   validate_seconds   meshfed validate federation
//   ratio              seconds / validate_seconds
//   runs               how many pairs the medians are of
//   peak_mb            the plan process's peak resident memory (the largest of the runs)
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { bundle, median, round, timedProcess } from './bench-process.js';
import { ONE_PEER_CHANGE, syntheticFederationRepo } from './synthetic-federation.js';

const run = promisify(execFile);
export const PLAN_SIZES = [1000, 10000];

export async function planBench(sizes = PLAN_SIZES): Promise<Record<string, unknown>[]> {
  const cli = await bundle('cli');
  const rows: Record<string, unknown>[] = [];
  for (const n of sizes) {
    const repo = await syntheticFederationRepo(n);
    const file = join(repo, ONE_PEER_CHANGE.path);
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, ONE_PEER_CHANGE.apply(original));
    try {
      const runs = n <= 2000 ? 3 : 1;
      const [plans, validates, peaks] = [[] as number[], [] as number[], [] as number[]];
      for (let i = 0; i < runs; i++) {
        const validate = await timedProcess(cli, ['validate', 'federation'], { cwd: repo });
        if (validate.code !== 0) throw new Error(`meshfed validate exited ${validate.code} at ${n} peers: ${validate.stderr}`);
        const plan = await timedProcess(cli, ['plan', 'federation', '--base', 'HEAD', '--format', 'json'], { cwd: repo });
        if (plan.code !== 0) throw new Error(`meshfed plan exited ${plan.code} at ${n} peers: ${plan.stderr}`);
        const totals = (JSON.parse(plan.stdout) as { plan: { totals: { affectedPeers: number } } }).plan.totals;
        if (totals.affectedPeers !== 1) throw new Error(`the one-peer change affected ${totals.affectedPeers} peers`);
        plans.push(plan.seconds);
        validates.push(validate.seconds);
        peaks.push(plan.peakMb);
      }
      const [seconds, validateSeconds] = [median(plans), median(validates)];
      rows.push({ name: 'plan', peers: n, seconds: round(seconds), validate_seconds: round(validateSeconds), ratio: round(seconds / validateSeconds, 2), runs, peak_mb: Math.max(...peaks) });
    } finally {
      writeFileSync(file, original);
      await run('git', ['checkout', '--', '.'], { cwd: repo });
    }
  }
  return rows;
}
