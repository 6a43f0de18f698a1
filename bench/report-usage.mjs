// Preloaded into every measured bench process (`node --import`): writes the process's peak resident memory
// (getrusage maxrss, KiB on Linux) to BENCH_USAGE_FILE when it exits.
import { writeFileSync } from 'node:fs';

const file = process.env.BENCH_USAGE_FILE;
if (file) process.on('exit', () => writeFileSync(file, JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS })));
