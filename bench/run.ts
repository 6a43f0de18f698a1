// npm run bench [-- --json] [-- --only render,apply,pr-event,cold-start]
// Prints figures; never asserts: targets are judged by people, not by the test suite.
import { parseArgs } from 'node:util';

type Row = Record<string, unknown>;
const SUITES: Record<string, () => Promise<Row[]>> = {
  render: async () => (await import('./render-bench.js')).renderBench(),
  'pr-event': async () => (await import('./pr-event-bench.js')).prEventBench(),
  'cold-start': async () => (await import('./cold-start-bench.js')).coldStartBench(),
  apply: async () => (await import('./apply-bench.js')).applyBench(),
};

const { values } = parseArgs({ options: { json: { type: 'boolean' }, only: { type: 'string' } } });
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
