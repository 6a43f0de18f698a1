import type { CommandContext } from './command-context.js';
import { COMMANDS } from './command-table.js';
import { EXIT_BUG, EXIT_INVALID, EXIT_OK, EXIT_USAGE, InvalidInputError, UsageError } from './usage-error.js';

export const EXIT_CODES_HELP = `Exit codes: 0 ok, 1 invalid input (the federation, a file or a ref is wrong), 2 usage error,
anything else is a bug: please report it. Exception: meshfed drift exits 2 when it finds drift and 1
for every error, usage errors included, so that 2 always means drift.`;

export function mainHelp(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  return [
    'meshfed: peer-to-peer Istio federation from a git repository',
    '',
    'Usage: meshfed <command> [options]',
    '',
    ...Object.entries(COMMANDS).map(([name, spec]) => `  ${name.padEnd(width)}  ${spec.summary}`),
    '',
    'meshfed help <command> shows a command\'s options.',
    EXIT_CODES_HELP,
  ].join('\n');
}

/** The whole CLI as a function: argv in, exit code out. Never throws. */
export async function main(argv: readonly string[], ctx: CommandContext): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
      const topic = name === 'help' ? rest[0] : undefined;
      if (topic === undefined) {
        ctx.printer.out(mainHelp());
        return name === undefined ? EXIT_USAGE : EXIT_OK;
      }
      const spec = COMMANDS[topic];
      if (!spec) throw new UsageError(`unknown command "${topic}" (run "meshfed help")`);
      ctx.printer.out((await spec.load()).usage);
      return EXIT_OK;
    }
    if (name === '--version' || name === 'version') {
      ctx.printer.out('meshfed 0.1.0');
      return EXIT_OK;
    }
    const spec = COMMANDS[name];
    if (!spec) throw new UsageError(`unknown command "${name}" (run "meshfed help" for the list)`);
    const command = await spec.load();
    if (rest.includes('--help') || rest.includes('-h')) {
      ctx.printer.out(command.usage);
      return EXIT_OK;
    }
    return await command.run(rest, ctx);
  } catch (error) {
    if (error instanceof UsageError) {
      ctx.printer.err(`meshfed: ${error.message}`);
      return EXIT_USAGE;
    }
    if (error instanceof InvalidInputError) {
      ctx.printer.err(`meshfed: ${error.message}`);
      return EXIT_INVALID;
    }
    ctx.printer.err(`meshfed: internal error: ${describe(error)}`);
    return EXIT_BUG;
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const lines = [error.stack ?? error.message];
  let cause = error.cause;
  while (cause instanceof Error) {
    lines.push(`caused by: ${cause.stack ?? cause.message}`);
    cause = cause.cause;
  }
  return lines.join('\n');
}
