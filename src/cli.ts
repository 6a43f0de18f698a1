#!/usr/bin/env node
// Entry point: wiring only. Everything testable lives in src/commands/main.ts.
import { main } from './commands/main.js';
import { consolePrinter } from './commands/print.js';

process.exitCode = await main(process.argv.slice(2), { cwd: process.cwd(), printer: consolePrinter, env: process.env });
