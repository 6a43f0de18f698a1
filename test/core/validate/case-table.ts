import { expect } from 'vitest';
import { diagnosticsOf } from './federation-builder.js';

/** One row of a rule table: files changed from the base federation in, `code file:line:col` out. */
export interface RuleCase {
  readonly name: string;
  readonly files: Readonly<Record<string, string | null>>;
  readonly expected: readonly string[];
}

export function expectCase({ files, expected }: RuleCase): void {
  expect(diagnosticsOf(files)).toEqual([...expected].sort(byFileThenPosition));
}

/** The order compareDiagnostics produces: file, line, column, then code. */
export function byFileThenPosition(a: string, b: string): number {
  const key = (s: string) => {
    const [code = '', where = ''] = s.split(' ');
    const [file = '', line = '0', col = '0'] = where.split(':');
    return { file, line: Number(line), col: Number(col), code };
  };
  const ka = key(a);
  const kb = key(b);
  if (ka.file !== kb.file) return ka.file < kb.file ? -1 : 1;
  return ka.line - kb.line || ka.col - kb.col || (ka.code < kb.code ? -1 : ka.code > kb.code ? 1 : 0);
}
