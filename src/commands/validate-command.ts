import { hasErrors } from '../core/diagnostics.js';
import type { CommandContext } from './command-context.js';
import { compileDirectory } from './compile-directory.js';
import { locateFederation } from './federation-location.js';
import { FORMAT_OPTION, parseCommandArgs, parseFormat } from './parse-command-args.js';
import { reportDiagnostics } from './report-diagnostics.js';
import { EXIT_INVALID, EXIT_OK } from './usage-error.js';

export const VALIDATE_USAGE = `meshfed validate [DIR] [--format human|json|github]
  Parse and validate the federation in DIR (default: federation). Exit 1 when it is invalid.`;

export async function validateCommand(argv: readonly string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs('validate', argv, { ...FORMAT_OPTION }, 1);
  const format = parseFormat('validate', values.format);
  const location = locateFederation(positionals[0], ctx.cwd);
  const result = await compileDirectory(location);
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
