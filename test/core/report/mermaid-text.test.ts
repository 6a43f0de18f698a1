import { describe, expect, it } from 'vitest';
import { mermaidLines, mermaidText } from '../../../src/core/report/mermaid-text.js';
import { LABEL_SYNTAXES } from './mermaid-label-syntaxes.js';

describe('mermaidText', () => {
  it.each(LABEL_SYNTAXES)('GIVEN text Mermaid would read as $syntax ($where) WHEN written THEN $written', ({ input, written }) => {
    expect(mermaidText(input)).toBe(written);
  });

  it('GIVEN any written text WHEN scanned THEN only entity codes and [A-Za-z0-9 .,/()+-] remain, nothing Mermaid interprets', () => {
    for (const { input } of LABEL_SYNTAXES) {
      const w = mermaidText(input);
      expect(w.replace(/#[0-9]+;/g, '')).toMatch(/^[A-Za-z0-9 .,/()+-]*$/);
      expect(w).not.toMatch(/fa[bklrs]?:|\$|`|<|"|\\/);
    }
  });

  it('GIVEN several parts WHEN joined THEN Mermaid\'s \\n line break separates them and no "<" appears', () => {
    expect(mermaidLines(['milan', 'eu-south1/<b>', 'network a\\nb'])).toBe('milan\\neu-south1/#60;b#62;\\nnetwork a#92;nb');
  });
});
