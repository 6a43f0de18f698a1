import { closestName } from '../core/load/closest-name.js';
import type { CommandContext } from './command-context.js';
import { commandHelp, mainHelp } from './command-help.js';
import { COMMANDS } from './command-table.js';
import { describeBug, executeCommand } from './execute-command.js';
import { EXIT_BUG, EXIT_OK, EXIT_USAGE } from './usage-error.js';

export const VERSION = '0.1.0';

/** The whole CLI as a function: argv in, exit code out. Never throws. */
export async function main(argv: readonly string[], ctx: CommandContext): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
      const topic = name === 'help' ? rest[0] : undefined;
      if (topic === undefined) {
        ctx.printer.out(mainHelp(COMMANDS));
        return name === undefined ? EXIT_USAGE : EXIT_OK;
      }
      const spec = COMMANDS[topic];
      if (!spec) return unknownCommand(topic, ctx);
      ctx.printer.out(commandHelp((await spec.load()).definition));
      return EXIT_OK;
    }
    if (name === '--version' || name === 'version') {
      ctx.printer.out(`meshfed ${VERSION}`);
      return EXIT_OK;
    }
    const spec = COMMANDS[name];
    if (!spec) return unknownCommand(name, ctx);
    return await executeCommand(await spec.load(), rest, ctx);
  } catch (error) {
    ctx.printer.err(`meshfed: internal error: ${describeBug(error)}`);
    return EXIT_BUG;
  }
}

function unknownCommand(name: string, ctx: CommandContext): number {
  const what = name.startsWith('-') ? `unknown option ${name} before the command` : `unknown command "${name}"`;
  const suggestion = name.startsWith('-') ? undefined : closestName(name, Object.keys(COMMANDS));
  ctx.printer.err(`meshfed: ${what}${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`);
  ctx.printer.err(`Run "meshfed help" for the list of commands; options go after the command, e.g. "meshfed validate --format json".`);
  return EXIT_USAGE;
}
