import type { CommandContext } from './command-context.js';
import type { Command, OptionSpecs } from './command-definition.js';
import { commandHelp } from './command-help.js';
import { parseCommandArgs } from './parse-command-args.js';
import { EXIT_BUG, EXIT_INVALID, EXIT_OK, EXIT_USAGE, InvalidInputError, UsageError } from './usage-error.js';

/**
 * Runs one command from its arguments: parse them (the shared parser), print the help when asked, run, and turn
 * what it throws into a message and an exit code: 2 for a usage error, 1 for invalid input, 70 for anything
 * else (a bug), or the command's `errorExit` for all three. Never throws.
 */
export async function executeCommand<O extends OptionSpecs>(command: Command<O>, argv: readonly string[], ctx: CommandContext): Promise<number> {
  const { name, errorExit } = command.definition;
  const fail = (code: number, line: string) => {
    ctx.printer.err(line);
    return errorExit ?? code;
  };
  try {
    const parsed = parseCommandArgs(command.definition, argv);
    if (parsed.help) {
      ctx.printer.out(commandHelp(command.definition));
      return EXIT_OK;
    }
    return await command.run(parsed, ctx);
  } catch (error) {
    if (error instanceof UsageError) {
      return fail(EXIT_USAGE, `meshfed ${name}: ${error.message}${error.hint ? ` (${error.hint})` : ''}\nRun "meshfed help ${name}" for its options.`);
    }
    if (error instanceof InvalidInputError) return fail(EXIT_INVALID, `meshfed ${name}: ${error.message}`);
    return fail(EXIT_BUG, `meshfed ${name}: internal error: ${describeBug(error)}`);
  }
}

/** The stack of an unexpected error and of each cause: what a bug report needs. */
export function describeBug(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const lines = [error.stack ?? error.message];
  let cause = error.cause;
  while (cause instanceof Error) {
    lines.push(`caused by: ${cause.stack ?? cause.message}`);
    cause = cause.cause;
  }
  return lines.join('\n');
}
