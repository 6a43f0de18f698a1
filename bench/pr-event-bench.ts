// Bench rows "pr-event": one pull request evaluation (webhook in, archives read, compile, plan, consent, two check
// runs, a review request and the sticky comment written) against mocked GitHub, on the synthetic federation.
// Each size in a fresh process (bench/pr-event-bench-child.ts): `cold: true` is the first event of the process,
// `cold: false` a second event on the same repository in the same process (a warm Lambda).
//   api_calls       requests to api.github.com (archive downloads from codeload are not counted)
//   ms_unthrottled  the handler's wall time without the deliberate spacing of writes (docs/github-app.md)
//   peak_mb         the process's peak resident memory after that event
//   baseline_mb     the process's peak resident memory before the first event (the bench's fixtures, nock and the
//                   OpenAPI description the mock checks requests against): peak_mb - baseline_mb is the App's share
import { bundle, timedProcess } from './bench-process.js';

export const PR_EVENT_SIZES = [200, 1000];

export async function prEventBench(sizes = PR_EVENT_SIZES): Promise<Record<string, unknown>[]> {
  const child = await bundle('bench/pr-event-bench-child.ts');
  const rows: Record<string, unknown>[] = [];
  for (const n of sizes) {
    const r = await timedProcess(child, [String(n)]);
    if (r.code !== 0) throw new Error(`pr-event at ${n} peers exited ${r.code}: ${r.stderr}`);
    rows.push(...r.stdout.trim().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>));
  }
  return rows;
}
