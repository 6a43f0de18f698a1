// The runner's commands live in src/runner (they own their options and drift's exit codes); this adapts
// them to the command table, handing over the CLI's cwd, environment and output.
import type { RunnerIo } from '../runner/run-apply.js';
import { applyCommand, driftCommand } from '../runner/runner-cli.js';
import type { CommandContext } from './command-context.js';

export { APPLY_USAGE, DRIFT_USAGE } from '../runner/runner-cli.js';

export function applyRun(argv: readonly string[], ctx: CommandContext): Promise<number> {
  return applyCommand([...argv], runnerIo(ctx));
}

export function driftRun(argv: readonly string[], ctx: CommandContext): Promise<number> {
  return driftCommand([...argv], runnerIo(ctx));
}

/** RunnerIo writes text that may end in a newline; the printer adds its own. */
function runnerIo(ctx: CommandContext): RunnerIo {
  return {
    cwd: ctx.cwd,
    env: ctx.env,
    out: (text) => ctx.printer.out(text.replace(/\n$/, '')),
    err: (text) => ctx.printer.err(text.replace(/\n$/, '')),
  };
}
