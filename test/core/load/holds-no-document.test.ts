import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { holdsNoDocument } from '../../../src/core/load/files-without-intents.js';

/** The rule as first written: split every line, then check each (what the line scan must agree with). */
function reference(content: string): boolean {
  return content
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .every((line) => {
      const t = line.trim();
      return t === '' || t.startsWith('#') || t.startsWith('%') || /^(---|\.\.\.)(\s+#.*)?$/.test(t);
    });
}

describe('holdsNoDocument', () => {
  it.each([
    ['', true],
    ['\uFEFF', true],
    ['# only a comment\n', true],
    ['---\n...\n--- # end\n', true],
    ['%YAML 1.2\n---\n', true],
    ['\r\n\r\n  # indented comment\r', true],
    ['#a\rkind: Peer', false],
    ['---\nkind: Peer\n', false],
    ['--- x', false],
    ['\uFEFFa: 1', false],
  ])('GIVEN %j WHEN checked THEN %s', (content, expected) => {
    expect(holdsNoDocument(content)).toBe(expected);
  });

  it('GIVEN any text of comments, markers, blanks and line breaks WHEN checked THEN it agrees with splitting every line', () => {
    const piece = fc.constantFrom('\n', '\r', '\r\n', ' ', '\t', '#', '# c', '---', '...', '%', 'a', ':', '\uFEFF', '\u2028', '--- #x', '-- ');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
        const content = parts.join('');
        expect(holdsNoDocument(content)).toBe(reference(content));
      }),
      { numRuns: 2000 },
    );
  });
});
