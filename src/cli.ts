#!/usr/bin/env node
// Entry point: wiring only. Everything testable lives in src/commands/main.ts.
import { main } from './commands/main.js';
import { streamPrinter } from './commands/print.js';

const printer = streamPrinter(process.stdout, process.stderr, (code) => (process.exitCode = code));
const code = await main(process.argv.slice(2), { cwd: process.cwd(), printer, env: process.env });
// A failed write may already have set the exit code (70); a finished command does not hide it.
process.exitCode = process.exitCode || code;
