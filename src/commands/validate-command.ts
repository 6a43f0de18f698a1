import { hasErrors } from '../core/diagnostics.js';
import type { CommandContext } from './command-context.js';
import { DIR_ARGUMENT, FORMAT_OPTION, defineCommand, type OptionSpecs, type ParsedArgs } from './command-definition.js';
import { compileDirectory } from './compile-directory.js';
import { locateFederation } from './federation-location.js';
import { parseFormat } from './parse-command-args.js';
import { reportDiagnostics } from './report-diagnostics.js';
import { EXIT_INVALID, EXIT_OK } from './usage-error.js';

const VALIDATE_OPTIONS = { ...FORMAT_OPTION } as const satisfies OptionSpecs;

export const VALIDATE_COMMAND = defineCommand(
  {
    name: 'validate',
    synopsis: '[DIR] [options]',
    description:
      'Parse and validate the federation in DIR: every intent against its schema, then the rules across peers ' +
      '(references, consent, uniqueness, ports). Every problem is printed as file:line:col: what is wrong (how to fix it).',
    arguments: [DIR_ARGUMENT],
    options: VALIDATE_OPTIONS,
    exitCodes: 'Exit codes: 0 valid (warnings allowed), 1 invalid (or DIR is not a federation folder), 2 usage error, 70 a bug in meshfed.',
    seeAlso: 'docs/errors.md',
  },
  validateCommand,
);

export async function validateCommand({ values, positionals }: ParsedArgs<typeof VALIDATE_OPTIONS>, ctx: CommandContext): Promise<number> {
  const format = parseFormat(values.format);
  const location = await locateFederation(positionals[0], ctx.cwd);
  // Rendering adds no diagnostics (pipeline.ts): validate parses and checks only.
  const result = await compileDirectory(location, { render: false });
  const ok = !hasErrors(result.diagnostics);
  if (format === 'json') {
    ctx.printer.out(JSON.stringify({ ok, files: result.files.length, peers: [...result.model.peers.keys()], diagnostics: result.diagnostics }, null, 2));
  } else {
    reportDiagnostics(ctx.printer, format, result.diagnostics);
    if (ok && format === 'human') {
      ctx.printer.out(`${location.root}: ${result.model.peers.size} peers, ${result.files.length} files: valid`);
    }
  }
  return ok ? EXIT_OK : EXIT_INVALID;
}
