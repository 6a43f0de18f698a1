import { formatDiagnostic, type Diagnostic } from '../diagnostics.js';

export type OutputFormat = 'human' | 'json' | 'github';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['human', 'json', 'github'];

/** Lines for a terminal: one per diagnostic, then a count. Empty when there is nothing to say. */
export function diagnosticsToHuman(diagnostics: readonly Diagnostic[]): string[] {
  if (diagnostics.length === 0) return [];
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const files = new Set(diagnostics.map((d) => d.file)).size;
  return [
    ...diagnostics.map(formatDiagnostic),
    `${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${plural(files, 'file')}`,
  ];
}

/**
 * GitHub Actions workflow commands: each diagnostic becomes an annotation on its file and line.
 * https://docs.github.com/en/actions/reference/workflow-commands-for-github-actions#setting-an-error-message
 */
export function diagnosticsToGithub(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => {
    const props = [
      `file=${escapeProperty(d.file)}`,
      `line=${d.line}`,
      `col=${d.col}`,
      `title=${escapeProperty(`meshfed ${d.code}`)}`,
    ].join(',');
    return `::${d.severity} ${props}::${escapeData(`${d.message} (${d.hint})`)}`;
  });
}

export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
