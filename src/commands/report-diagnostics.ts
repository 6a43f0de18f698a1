import type { Diagnostic } from '../core/diagnostics.js';
import { diagnosticsToGithub, diagnosticsToHuman, type OutputFormat } from '../core/report/format-diagnostics.js';
import type { Printer } from './print.js';

/** Print diagnostics for human or github formats (json output embeds them in the command's document). */
export function reportDiagnostics(printer: Printer, format: OutputFormat, diagnostics: readonly Diagnostic[]): void {
  if (format === 'human') for (const line of diagnosticsToHuman(diagnostics)) printer.err(line);
  if (format === 'github') for (const line of diagnosticsToGithub(diagnostics)) printer.out(line);
}
