/**
 * The real Mermaid library (the version GitHub renders with, pinned in package.json) parsing and rendering a
 * diagram in jsdom, for tests that run under `@vitest-environment jsdom`. jsdom has no layout: getBBox and
 * getComputedTextLength return fixed sizes, which moves boxes but not a label's text or elements, and KaTeX,
 * when a label triggers it, shows "MathML is unsupported in this environment." instead of math (still not the text).
 */
import type { Mermaid } from 'mermaid';

/** The few DOM features used here (the project compiles without the DOM library; jsdom provides them at run time). */
interface DomNode {
  readonly nodeType: number;
  readonly nodeName: string;
  readonly textContent: string | null;
  readonly childNodes: Iterable<DomNode>;
}
interface DomElement extends DomNode {
  readonly id: string;
  readonly outerHTML: string;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): Iterable<DomElement>;
  append(child: DomElement): void;
  remove(): void;
}
interface Dom {
  readonly window: { readonly SVGElement: { readonly prototype: object } };
  readonly document: { readonly body: DomElement; createElement(tag: string): DomElement };
  readonly DOMParser: new () => { parseFromString(text: string, type: string): DomElement };
}
const dom = globalThis as unknown as Dom;
const TEXT_NODE = 3;

/** One rendered label: its lines of text, and every element in it other than Mermaid's own `<p>` and `<br>`. */
export interface RenderedLabel {
  readonly lines: readonly string[];
  readonly markup: readonly string[];
}

export interface RenderedDiagram {
  /** Node labels by Mermaid node id (`peer_...`). */
  readonly nodes: ReadonlyMap<string, RenderedLabel>;
  readonly edges: readonly RenderedLabel[];
}

let loaded: Promise<Mermaid> | undefined;

export function realMermaid(): Promise<Mermaid> {
  loaded ??= (async () => {
    const proto = dom.window.SVGElement.prototype as Record<string, unknown>;
    proto.getBBox = () => ({ x: 0, y: 0, width: 100, height: 20 });
    proto.getComputedTextLength = () => 50;
    const mermaid = (await import('mermaid')).default;
    // Mermaid's defaults, as GitHub's viewer uses them: securityLevel strict, HTML labels.
    mermaid.initialize({ startOnLoad: false, logLevel: 'fatal' });
    return mermaid;
  })();
  return loaded;
}

let counter = 0;

/** Parses (throws on a syntax error) and renders `text`, then reads every label back from the SVG Mermaid returns. */
export async function renderMermaid(text: string): Promise<RenderedDiagram> {
  const mermaid = await realMermaid();
  await mermaid.parse(text);
  const host = dom.document.createElement('div');
  dom.document.body.append(host);
  const id = `g${++counter}`;
  try {
    const { svg } = await mermaid.render(id, text, host as unknown as Parameters<Mermaid['render']>[2]);
    const doc = new dom.DOMParser().parseFromString(`<div>${svg}</div>`, 'text/html');
    const nodes = new Map<string, RenderedLabel>();
    for (const g of doc.querySelectorAll('g.node')) {
      const nodeId = new RegExp(`^${id}-flowchart-(.+)-[0-9]+$`).exec(g.id)?.[1];
      const span = g.querySelector('span.nodeLabel');
      if (nodeId !== undefined && span !== null) nodes.set(nodeId, readLabel(span));
    }
    const edges = [...doc.querySelectorAll('span.edgeLabel')].map(readLabel).filter((l) => l.lines.join('') !== '');
    return { nodes, edges };
  } finally {
    host.remove();
  }
}

/** Text nodes make up lines, `<br>` ends a line, `<p>` is Mermaid's wrapper; any other element is markup. */
function readLabel(span: DomElement): RenderedLabel {
  const lines = [''];
  const markup: string[] = [];
  const walk = (n: DomNode): void => {
    for (const c of n.childNodes) {
      if (c.nodeType === TEXT_NODE) lines[lines.length - 1] += c.textContent ?? '';
      else if (c.nodeName.toLowerCase() === 'br') lines.push('');
      else {
        if (c.nodeName.toLowerCase() !== 'p') markup.push((c as DomElement).outerHTML);
        walk(c);
      }
    }
  };
  walk(span);
  return { lines, markup };
}
