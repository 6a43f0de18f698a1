import { isAlias, isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node } from 'yaml';
import type { Position } from '../diagnostics.js';
import type { FieldPath } from './parsed-document.js';
import { YAML_PARSE_OPTIONS } from './yaml-options.js';

/**
 * Maps field paths back to line and column. The YAML syntax tree is only needed when something is reported, so
 * it is not kept: the file is parsed again on first use (same text, same options, same tree) and cached for the
 * remaining lookups. A federation with no problems never pays for positions.
 */
export class DocumentLocator {
  private parsed: { readonly docs: readonly Document[]; readonly lines: LineCounter } | undefined;

  constructor(private readonly content: string) {}

  locate(index: number, path: FieldPath): Position {
    const hit = this.find(index, path);
    return this.position(hit.found ? hit.valueOffset : (hit.ancestorKeyOffset ?? hit.valueOffset));
  }

  locateKey(index: number, path: FieldPath): Position {
    const hit = this.find(index, path);
    if (hit.found && hit.keyOffset !== undefined) return this.position(hit.keyOffset);
    return this.locate(index, path);
  }

  sourceText(index: number, path: FieldPath): string | undefined {
    const hit = this.find(index, path);
    if (!hit.found || !isScalar(hit.node) || !hit.node.range) return undefined;
    return this.content.slice(hit.node.range[0], hit.node.range[1]);
  }

  private position(offset: number): Position {
    const { line, col } = this.tree().lines.linePos(offset);
    return { line: Math.max(1, line), col: Math.max(1, col) };
  }

  private tree(): { readonly docs: readonly Document[]; readonly lines: LineCounter } {
    if (!this.parsed) {
      const lines = new LineCounter();
      let docs: readonly Document[] = [];
      try {
        docs = parseAllDocuments(this.content, { ...YAML_PARSE_OPTIONS, lineCounter: lines }) as readonly Document[];
      } catch {
        // The first parse succeeded on the same text, so this cannot happen; positions then fall back to 1:1.
      }
      this.parsed = { docs: Array.isArray(docs) ? docs : [], lines };
    }
    return this.parsed;
  }

  private find(index: number, path: FieldPath): PathHit {
    const doc = this.tree().docs[index];
    const start = doc?.contents?.range?.[0] ?? doc?.range?.[0] ?? 0;
    const hit: PathHit = { found: true, node: doc?.contents ?? null, valueOffset: start, keyOffset: undefined, ancestorKeyOffset: undefined };
    if (!doc) return { ...hit, found: path.length === 0 };
    let node: unknown = doc.contents;
    for (const seg of path) {
      if (isAlias(node)) node = node.resolve(doc);
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
        if (!pair) return { ...hit, found: false };
        const keyOffset = (pair.key as Node).range?.[0] ?? hit.valueOffset;
        hit.ancestorKeyOffset = keyOffset;
        hit.keyOffset = keyOffset;
        hit.valueOffset = valueOffset(pair.value, keyOffset);
        node = pair.value;
      } else if (isSeq(node) && isIndex(seg, node.items.length)) {
        const item = node.items[Number(seg)];
        hit.keyOffset = undefined;
        hit.valueOffset = valueOffset(item, hit.valueOffset);
        node = item;
      } else {
        return { ...hit, found: false };
      }
    }
    hit.node = node;
    return hit;
  }
}

interface PathHit {
  found: boolean;
  node: unknown;
  /** Start of the value reached (or of the deepest value reached when not found). */
  valueOffset: number;
  /** Key of the last segment, when it is a mapping key. */
  keyOffset: number | undefined;
  /** Key of the deepest mapping entry reached. */
  ancestorKeyOffset: number | undefined;
}

/** An empty value (`key:` with nothing after it) is pointed at through its key. */
function valueOffset(value: unknown, fallback: number): number {
  if (!value || typeof value !== 'object' || !('range' in value)) return fallback;
  const range = (value as Node).range;
  if (!range) return fallback;
  if (isScalar(value) && value.value === null && range[0] === range[1]) return fallback;
  return range[0];
}

function isIndex(seg: string | number, length: number): boolean {
  const n = typeof seg === 'number' ? seg : /^[0-9]+$/.test(seg) ? Number(seg) : -1;
  return Number.isInteger(n) && n >= 0 && n < length;
}
