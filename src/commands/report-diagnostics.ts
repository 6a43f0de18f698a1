import type { Diagnostic } from '../core/diagnostics.js';
import { diagnosticsToGithub, diagnosticsToHuman, type OutputFormat } from '../core/report/format-diagnostics.js';
import type { Printer } from './print.js';
import { EXIT_INVALID } from './usage-error.js';

/** Print diagnostics for human or github formats (json output embeds them in the command's document). */
export function reportDiagnostics(printer: Printer, format: OutputFormat, diagnostics: readonly Diagnostic[]): void {
  if (format === 'human') for (const line of diagnosticsToHuman(diagnostics)) printer.err(line);
  if (format === 'github') for (const line of diagnosticsToGithub(diagnostics)) printer.out(line);
}

/**
 * The end of every command that found the federation invalid: the json document says so (the diagnostics were
 * not printed yet in that format); other formats already printed them and add `summary`. Returns exit code 1.
 */
export function reportInvalid(printer: Printer, format: OutputFormat, diagnostics: readonly Diagnostic[], summary: string): number {
  if (format === 'json') printer.out(JSON.stringify({ ok: false, diagnostics }, null, 2));
  else printer.err(summary);
  return EXIT_INVALID;
}
