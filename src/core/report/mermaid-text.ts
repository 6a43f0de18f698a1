/**
 * Text from intents (peer names, regions, zones, networks, export names) inside a Mermaid flowchart label, so
 * that Mermaid shows it as the same characters and nothing else: no icon, math, Markdown, HTML, entity, line
 * break or broken diagram. This is the only way user-provided text reaches Mermaid (see mermaid-graph.ts).
 *
 * What Mermaid (11.x and 12.x, `mermaid-js/mermaid`, packages/mermaid/src) does to a flowchart label on its way
 * to the page, and so what a label may not contain raw:
 *
 * 1. `Diagram.ts` `Diagram.fromText` runs `utils.ts` `encodeEntities` over the whole diagram text: `#NN;` and
 *    `#name;` become the placeholders `ﬂ°°NN¶ß` / `ﬂ°name¶ß`, and on a line where `style…:…#…;` or
 *    `classDef…:…#…;` matches, its last `;` is deleted (which would cut an entity code short).
 * 2. The flowchart lexer (`diagrams/flowchart/parser/flow.jison`) ends a `"…"` string at the next `"`; a
 *    "`…`" string is a Markdown label (labelType `markdown`, rendered by `rendering-util/handle-markdown-text.ts`
 *    `markdownToHTML`: `**`, `_`, lists, HTML blocks).
 * 3. `diagrams/flowchart/flowDb.ts` `addVertex` / `addSingleLink` run `diagrams/common/common.ts` `sanitizeText`
 *    (DOMPurify; it decodes every HTML entity and re-escapes only `&`, `<`, `>` when the text holds a `<`, and
 *    returns text without `<` unparsed: DOMPurify `sanitize`'s early return).
 * 4. `rendering-util/rendering-elements/shapes/util.ts` `labelHelper` runs `decodeEntities` (placeholders back to
 *    `&#NN;`) and `sanitizeText` again: with a `<` anywhere in the label (a `<br/>`), every entity is a raw
 *    character from here on, so entity codes alone cannot hide anything from steps 5 and 6.
 * 5. `rendering-util/createText.ts` `createText`: `nonMarkdownToHTML` turns the two characters `\n` (and a real
 *    newline) into a line break; `hasKatex` (`common.ts` `katexRegex`, `$$…$$`) renders the label as KaTeX
 *    math; `replaceIconSubstring` turns `fa:fa-x`, `fab:`, `fak:`, `fal:`, `far:`, `fas:` into an icon.
 * 6. `mermaidAPI.ts` `render` runs `decodeEntities` over the finished SVG: the characters `ﬂ°` and `¶ß` in the
 *    text itself would become `&` and `;`, an entity.
 *
 * So every character outside `[A-Za-z0-9 .,/()+-]` is written as Mermaid's entity code `#<code point>;`: Mermaid
 * turns it into an HTML entity the browser shows as that character, after the icon, math and line-break checks
 * (the label never holds a raw `<`, see `mermaidLines`), and quotes, `#`, `:`, `$`, `\`, backticks, Markdown
 * marks, `%` and every non-ASCII character never appear raw. The one change to the text: a word joiner (U+2060,
 * invisible) between `ﬂ` and `°` and between `¶` and `ß`, which step 6 would otherwise read as a placeholder.
 * Checked with the real Mermaid library in test/core/report/mermaid-render.test.ts (jsdom), and by hand in headless
 * Chromium 156 with Mermaid 11.17.2 and 12.3.0: same text, no element. One difference in the browser: `&`, `<` and
 * `>` show as `&amp;`, `&lt;`, `&gt;` however they are written (entity code, named entity or a raw `&`), before
 * and after this function; a Mermaid escaping bug (cf. mermaid-js/mermaid#6308), and only a region or zone can
 * hold them (every other label text is a DNS label).
 */
export function mermaidText(s: string): string {
  const chars = [...s.replace(/ﬂ(?=°)|¶(?=ß)/gu, '$&\u2060')];
  return chars.map((ch, i) => (SAFE.test(ch) && !(ch === ' ' && (i === 0 || i === chars.length - 1)) ? ch : `#${htmlCodePoint(ch)};`)).join('');
}

const SAFE = /^[A-Za-z0-9 .,/()+-]$/u;

/**
 * The code point, or U+FFFD for those an HTML numeric reference cannot carry (NUL, C1 controls, which HTML reads
 * as Windows-1252, and lone surrogates): the browser would show a different character. Leading and trailing spaces
 * are coded too, since flowDb trims the label.
 */
function htmlCodePoint(ch: string): number {
  const c = ch.codePointAt(0) ?? 0;
  return c === 0 || (c >= 0x80 && c <= 0x9f) || (c >= 0xd800 && c <= 0xdfff) ? 0xfffd : c;
}

/**
 * A multi-line label: each part through `mermaidText`, joined by Mermaid's `\n` line break (createText's
 * `nonMarkdownToHTML`), not `<br/>`, whose `<` would make Mermaid decode the entities before its icon and math
 * checks (step 4 above).
 */
export function mermaidLines(parts: readonly string[]): string {
  return parts.map(mermaidText).join('\\n');
}
