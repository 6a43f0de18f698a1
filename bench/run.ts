// npm run bench [-- --json] [-- --only render,plan,render-out,pr-event,cold-start,apply] [-- --peers 1000,2000]
// Prints figures; never asserts: targets are judged by people, not by the test suite. `--peers` replaces the
// federation sizes of the suites that take one (render, plan, render-out, pr-event).
import { parseArgs } from 'node:util';

type Row = Record<string, unknown>;
const { values } = parseArgs({ options: { json: { type: 'boolean' }, only: { type: 'string' }, peers: { type: 'string' } } });
const sizes = values.peers === undefined ? undefined : values.peers.split(',').map(Number);

const SUITES: Record<string, () => Promise<Row[]>> = {
  render: async () => (await import('./render-bench.js')).renderBench(sizes),
  plan: async () => (await import('./plan-bench.js')).planBench(sizes),
  'render-out': async () => (await import('./render-out-bench.js')).renderOutBench(sizes),
  'pr-event': async () => (await import('./pr-event-bench.js')).prEventBench(sizes),
  'cold-start': async () => (await import('./cold-start-bench.js')).coldStartBench(),
  apply: async () => (await import('./apply-bench.js')).applyBench(),
};

const names = values.only ? values.only.split(',') : Object.keys(SUITES);
for (const name of names) {
  const suite = SUITES[name];
  if (!suite) throw new Error(`unknown bench "${name}" (known: ${Object.keys(SUITES).join(', ')})`);
  let rows: Row[];
  try {
    rows = await suite();
  } catch (error) {
    rows = [{ name, error: (error as Error).message }];
  }
  for (const row of rows) {
    if (values.json) console.log(JSON.stringify(row));
    else console.log(Object.entries(row).map(([k, v]) => `${k}=${String(v)}`).join('  '));
  }
}
