import { compareStrings } from './compare-strings.js';
/**
 * A diagnostic is every user-caused problem meshfed reports: what is wrong, where, and how to fix it.
 * Rendered as `file:line:col: message (hint)`, the form editors, terminals and GitHub annotations understand.
 */
export type Severity = 'error' | 'warning';

export interface Position {
  /** 1-based line. */
  readonly line: number;
  /** 1-based column. */
  readonly col: number;
}

export interface Diagnostic extends Position {
  /** Repository-relative POSIX path, e.g. `federation/peers/alpha/peer.yaml`. */
  readonly file: string;
  /** Stable machine-readable code, e.g. `import/unknown-export`. Documented in docs/errors.md. */
  readonly code: string;
  readonly severity: Severity;
  /** What is wrong, one sentence, no trailing period. */
  readonly message: string;
  /** How to fix it, one sentence. */
  readonly hint: string;
}

export function diagnostic(
  file: string,
  at: Position,
  code: string,
  message: string,
  hint: string,
  severity: Severity = 'error',
): Diagnostic {
  return { file, line: at.line, col: at.col, code, severity, message, hint };
}

export function formatDiagnostic(d: Diagnostic): string {
  const prefix = d.severity === 'warning' ? 'warning: ' : '';
  return `${d.file}:${d.line}:${d.col}: ${prefix}${d.message} (${d.hint}) [${d.code}]`;
}

/** Stable order: by file, line, column, code, message. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    compareStrings(a.file, b.file) || a.line - b.line || a.col - b.col || compareStrings(a.code, b.code) || compareStrings(a.message, b.message)
  );
}

export function sortDiagnostics(ds: readonly Diagnostic[]): Diagnostic[] {
  return [...ds].sort(compareDiagnostics);
}

/** Two lists already in `compareDiagnostics` order, as one (instead of sorting their concatenation again). */
export function mergeSortedDiagnostics(a: readonly Diagnostic[], b: readonly Diagnostic[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(compareDiagnostics(a[i] as Diagnostic, b[j] as Diagnostic) <= 0 ? (a[i++] as Diagnostic) : (b[j++] as Diagnostic));
  while (i < a.length) out.push(a[i++] as Diagnostic);
  while (j < b.length) out.push(b[j++] as Diagnostic);
  return out;
}

export function hasErrors(ds: readonly Diagnostic[]): boolean {
  return ds.some((d) => d.severity === 'error');
}

