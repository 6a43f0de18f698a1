import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../../src/core/diagnostics.js';
import { findIndentationMistake } from '../../../src/core/parse/indentation-mistake.js';
import { parseYamlDocuments } from '../../../src/core/parse/parse-yaml-documents.js';
import { EXAMPLES, exampleFiles } from '../render/example-federations.js';

const ECHO_EXPORT = readFileSync(new URL('../../../federation/peers/gke/echo-export.yaml', import.meta.url), 'utf8');

/** The file with line `n` (1-based) re-indented by `shift` columns. */
function shifted(content: string, n: number, shift: number): string {
  const lines = content.split('\n');
  const line = lines[n - 1] as string;
  lines[n - 1] = ' '.repeat(line.length - line.trimStart().length + shift) + line.trimStart();
  return lines.join('\n');
}

function diagnosticsOf(content: string): string[] {
  return parseYamlDocuments({ path: 'echo-export.yaml', content }).diagnostics.map(formatDiagnostic);
}

describe('one mis-indented key gives one error in plain words', () => {
  it.each([
    [
      '"ports" one space left of its siblings',
      12, -1,
      'echo-export.yaml:12:2: "ports" is indented by 1 space, which lines it up with no other key (indent it by 2 spaces like "service" on line 9) [yaml/indentation]',
    ],
    [
      'the first field of a mapping one space right of the fields after it',
      9, 1,
      'echo-export.yaml:9:4: "service" on line 9 is indented by 3 spaces, but "ports" after it on line 12 by 2 spaces (indent "service" by 2 spaces like "ports": the keys of one mapping start in the same column) [yaml/indentation]',
    ],
    [
      'a key one space left of the key after it, which already has a value',
      24, -1,
      'echo-export.yaml:25:5: "connectTimeout" is indented deeper than "maxConnections" on line 24, which already has a value, so YAML reads it as part of that value (indent it by 3 spaces like "maxConnections" on line 24) [yaml/indentation]',
    ],
    [
      'the first top-level key indented',
      4, 1,
      'echo-export.yaml:4:2: "apiVersion" on line 4 is indented by 1 space, but "kind" after it on line 5 by 0 spaces (indent "apiVersion" by 0 spaces like "kind": the keys of one mapping start in the same column) [yaml/indentation]',
    ],
    [
      'a field of a list item at the column of the list\'s dashes',
      14, -2,
      'echo-export.yaml:14:5: "number" starts at the column of the list\'s "- " items (line 13), where only another item can start (indent it by 6 spaces like "name" on line 13) [yaml/indentation]',
    ],
    [
      'a list item one space right of the item before it',
      22, 1,
      'echo-export.yaml:22:12: "serviceAccount" is indented deeper than "namespace" on line 21, which already has a value, so YAML reads it as part of that value (indent it by 10 spaces like "namespace" on line 21) [yaml/indentation]',
    ],
  ])('GIVEN %s WHEN parsed THEN exactly this error, not the parser\'s knock-on errors', (_name, line, shift, expected) => {
    const before = diagnosticsOf(shifted(ECHO_EXPORT, line, shift));
    expect(before).toEqual([expected]);
  });

  it('GIVEN an indented "---" WHEN parsed THEN one error saying it no longer separates documents', () => {
    const content = `${ECHO_EXPORT.trimEnd()}\n  ---\n${ECHO_EXPORT}`;
    expect(diagnosticsOf(content).map((d) => d.replace(/^echo-export\.yaml:\d+:\d+: /, ''))).toEqual([
      '"---" is indented, so YAML does not read it as the line between two documents (start "---" in the first column) [yaml/indentation]',
    ]);
  });

  it('GIVEN every line of every example intent file re-indented by -2..+3 WHEN the YAML breaks THEN one yaml/indentation error whose fix reads cleanly', () => {
    let broken = 0;
    for (const { repoDir } of EXAMPLES) {
      for (const file of exampleFiles(repoDir)) {
        const lines = file.content.split('\n');
        lines.forEach((text, i) => {
          if (text.trim() === '' || text.trimStart().startsWith('#')) return;
          for (const shift of [-2, -1, 1, 2, 3]) {
            if (text.length - text.trimStart().length + shift < 0) continue;
            const content = shifted(file.content, i + 1, shift);
            const { diagnostics } = parseYamlDocuments({ path: file.path, content });
            if (diagnostics.length === 0) continue; // still YAML (the schema says the rest)
            broken++;
            const where = `${file.path}:${i + 1} shifted by ${shift}`;
            expect(diagnostics.map((d) => d.code), where).toEqual(['yaml/indentation']);
            const contentLines = content.split('\n');
            const mistake = findIndentationMistake(contentLines, 1, contentLines.length);
            expect(mistake, where).toBeDefined();
            const { line, indent } = mistake!.fix;
            expect(mistake!.hint, where).toMatch(new RegExp(indent === 0 ? 'by 0 spaces|first column' : `by ${indent} spaces?|line ${line} \\d+ spaces? to the`));
            const fixed = contentLines.map((l, k) => (k === line - 1 ? ' '.repeat(indent) + l.trimStart() : l)).join('\n');
            expect(parseYamlDocuments({ path: file.path, content: fixed }).diagnostics, `${where}, fixed as the hint says`).toEqual([]);
          }
        });
      }
    }
    expect(broken).toBeGreaterThan(500);
  });
});
