// Preloaded into every measured bench process (through NODE_OPTIONS, so that the meshfed launcher sees no Node
// flags of its own and starts meshfed's Node as it does for a user; bin/node-flags.js): appends the process's
// peak resident memory (getrusage maxrss, KiB on Linux) to BENCH_USAGE_FILE when it exits, one JSON line per
// process (the launcher's and meshfed's).
import { appendFileSync } from 'node:fs';

const file = process.env.BENCH_USAGE_FILE;
if (file) process.on('exit', () => appendFileSync(file, `${JSON.stringify({ pid: process.pid, maxRssKb: process.resourceUsage().maxRSS })}\n`));
