/**
 * Every label syntax Mermaid's flowchart pipeline interprets (read from mermaid-js/mermaid, packages/mermaid/src;
 * see src/core/report/mermaid-text.ts for the steps), with a value an intent could carry that would trigger it,
 * and what mermaidText must write for it. Shared by the pure table test and the test with the real Mermaid.
 */
export interface LabelSyntax {
  /** What Mermaid would do with the raw text. */
  readonly syntax: string;
  /** Where in Mermaid's source it happens. */
  readonly where: string;
  readonly input: string;
  /** mermaidText(input). */
  readonly written: string;
  /** What the rendered label shows, when not `input`. */
  readonly shown?: string;
}

export const LABEL_SYNTAXES: readonly LabelSyntax[] = [
  { syntax: 'Font Awesome icon', where: 'rendering-util/createText.ts replaceIconSubstring', input: 'fa:fa-bomb', written: 'fa#58;fa-bomb' },
  { syntax: 'Font Awesome brand icon', where: 'createText.ts replaceIconSubstring (fa[bklrs]?)', input: 'fab:fa-github', written: 'fab#58;fa-github' },
  { syntax: 'Font Awesome kit/light/regular/solid icon', where: 'createText.ts replaceIconSubstring', input: 'fak:fa-x-fal:fa-y-far:fa-z-fas:fa-w', written: 'fak#58;fa-x-fal#58;fa-y-far#58;fa-z-fas#58;fa-w' },
  { syntax: 'KaTeX math', where: 'diagrams/common/common.ts katexRegex, hasKatex', input: '$$x^2$$', written: '#36;#36;x#94;2#36;#36;' },
  { syntax: 'Markdown string', where: 'diagrams/flowchart/parser/flow.jison md_string', input: '`**bold**`', written: '#96;#42;#42;bold#42;#42;#96;' },
  { syntax: 'Markdown emphasis and lists', where: 'rendering-util/handle-markdown-text.ts markdownToHTML', input: '_em_ ~~s~~ 1. item', written: '#95;em#95; #126;#126;s#126;#126; 1. item' },
  { syntax: 'Markdown link', where: 'handle-markdown-text.ts markdownToHTML', input: '[x](http://e.x)', written: '#91;x#93;(http#58;//e.x)' },
  { syntax: 'HTML element', where: 'diagrams/common/common.ts sanitizeText (DOMPurify keeps <b>)', input: '<b>x</b>', written: '#60;b#62;x#60;/b#62;' },
  { syntax: 'HTML with script', where: 'common.ts sanitizeText', input: '<img src=x onerror=alert(1)>', written: '#60;img src#61;x onerror#61;alert(1)#62;' },
  { syntax: 'HTML line break', where: 'common.ts lineBreakRegex', input: '<br/>', written: '#60;br/#62;' },
  { syntax: 'HTML entity', where: 'createText.ts addHtmlSpan (span.html)', input: '&amp;', written: '#38;amp#59;' },
  { syntax: 'Mermaid entity code', where: 'utils.ts encodeEntities', input: '#36;', written: '#35;36#59;' },
  { syntax: 'Mermaid entity placeholder', where: 'utils.ts decodeEntities, mermaidAPI.ts render', input: 'ﬂ°°36¶ß', written: '#64258;#8288;#176;#176;36#182;#8288;#223;', shown: 'ﬂ\u2060°°36¶\u2060ß' },
  { syntax: 'style line with # (";" is dropped)', where: 'utils.ts encodeEntities (/style.*:\\S*#.*;/)', input: 'style:#x;', written: 'style#58;#35;x#59;' },
  { syntax: 'backslash-n line break', where: 'handle-markdown-text.ts nonMarkdownToHTML', input: 'a\\nb', written: 'a#92;nb' },
  { syntax: 'newline', where: 'nonMarkdownToHTML', input: 'a\nb', written: 'a#10;b' },
  { syntax: 'end of the quoted string', where: 'flow.jison string', input: 'x"]-->y', written: 'x#34;#93;--#62;y' },
  { syntax: 'comment and directive', where: 'diagram-api/comments.ts, preprocess.ts', input: '%%{init: {}}%%', written: '#37;#37;#123;init#58; #123;#125;#125;#37;#37;' },
  { syntax: 'edge text and pipes', where: 'flow.jison edgeText', input: 'a|b-->c', written: 'a#124;b--#62;c' },
  { syntax: 'non-ASCII and astral characters', where: 'mermaidAPI.ts render (decodeEntities over the SVG)', input: 'é€😀', written: '#233;#8364;#128512;' },
  { syntax: 'characters HTML references cannot carry', where: 'HTML numeric character references (NUL, C1, surrogates)', input: '\u0000\u0085\ud800', written: '#65533;#65533;#65533;', shown: '\ufffd\ufffd\ufffd' },
  { syntax: 'leading and trailing spaces', where: 'diagrams/flowchart/flowDb.ts addVertex (trim)', input: ' a b ', written: '#32;a b#32;' },
  { syntax: 'plain text', where: '(nothing)', input: 'eu-west1/zone-b 20 (x), a.b+c', written: 'eu-west1/zone-b 20 (x), a.b+c' },
];
