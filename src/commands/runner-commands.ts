// The runner's commands live in src/runner (they own their options); this adapts them to the command table.
import { applyCommand, driftCommand } from '../runner/runner-cli.js';
import type { CommandContext } from './command-context.js';

export { APPLY_USAGE, DRIFT_USAGE } from '../runner/runner-cli.js';

export function applyRun(argv: readonly string[], _ctx: CommandContext): Promise<number> {
  return applyCommand([...argv]);
}

export function driftRun(argv: readonly string[], _ctx: CommandContext): Promise<number> {
  return driftCommand([...argv]);
}
