import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';
import { diagnostic, type Diagnostic, type Severity } from '../diagnostics.js';
import { duplicateKey } from './yaml-error-diagnostic.js';
import { MAX_ALIASES_PER_DOCUMENT, MAX_NESTING_DEPTH } from './yaml-options.js';

/** Tags an intent may carry: `!!str` (force a string) and the non-specific `!`. Everything else is rejected. */
const ALLOWED_TAGS = new Set(['tag:yaml.org,2002:str', '!']);

interface AnchorState {
  /** Still being walked: an alias to it is a cycle. */
  open: boolean;
  /** Its subtree holds an alias: referring to it again would multiply expansions. */
  containsAlias: boolean;
}

/**
 * Checks what the `yaml` parser accepts but meshfed must not: custom tags, merge keys, complex keys, keys that
 * collide once converted to text, aliases that are undefined, recursive, nested or too many, and excessive depth.
 */
export function checkDocumentNodes(file: string, doc: Document, lines: LineCounter): Diagnostic[] {
  const out: Diagnostic[] = [];
  const anchors = new Map<string, AnchorState>();
  let aliases = 0;

  const report = (offset: number, code: string, message: string, hint: string, severity: Severity = 'error') => {
    const at = lines.linePos(offset);
    out.push(diagnostic(file, { line: Math.max(1, at.line), col: Math.max(1, at.col) }, code, message, hint, severity));
  };

  /** Returns whether the subtree contains an alias. */
  const walk = (node: unknown, depth: number): boolean => {
    if (!node || typeof node !== 'object') return false;
    const n = node as Node;
    const offset = n.range?.[0] ?? 0;
    if (depth > MAX_NESTING_DEPTH) {
      report(offset, 'yaml/too-deep', `nesting deeper than ${MAX_NESTING_DEPTH} levels`, 'flatten the structure: intents are only a few levels deep');
      return false;
    }
    if (isAlias(n)) {
      aliases++;
      if (aliases === MAX_ALIASES_PER_DOCUMENT + 1) {
        report(offset, 'yaml/too-many-aliases', `more than ${MAX_ALIASES_PER_DOCUMENT} aliases in one document`, 'write the values out instead of referring to anchors');
      }
      const anchor = anchors.get(n.source);
      if (!anchor) {
        report(
          offset,
          'yaml/unknown-anchor',
          `alias "*${n.source}" refers to no anchor defined before it`,
          n.source.startsWith('.') || n.source === ''
            ? 'quote the value: a plain value starting with "*" is an alias, so write e.g. "*.example.org"'
            : `define "&${n.source}" earlier in the same document, or quote the value if "*" belongs to it`,
        );
      } else if (anchor.open) {
        report(offset, 'yaml/recursive-alias', `alias "*${n.source}" refers to a node that contains it`, 'remove the alias: a value cannot include itself');
      } else if (anchor.containsAlias) {
        report(
          offset,
          'yaml/nested-alias',
          `alias "*${n.source}" refers to a node that itself contains aliases`,
          'refer only to anchors whose content is written out: nested aliases multiply, as in the "billion laughs" attack',
        );
      }
      return true;
    }
    let state: AnchorState | undefined;
    if ('anchor' in n && typeof n.anchor === 'string' && n.anchor) {
      state = { open: true, containsAlias: false };
      anchors.set(n.anchor, state);
    }
    if ('tag' in n && typeof n.tag === 'string' && !ALLOWED_TAGS.has(n.tag)) {
      report(offset, 'yaml/custom-tag', `tag "${shortTag(n.tag)}" is not allowed`, 'remove the tag and write the plain value; only !!str is accepted');
    }
    let sawAlias = false;
    if (isMap(n)) {
      const seen = new Map<string, unknown>();
      for (const pair of n.items) {
        const key = pair.key as unknown;
        const keyOffset = (key as Node | null)?.range?.[0] ?? offset;
        if (!isScalar(key)) {
          report(keyOffset, 'yaml/complex-key', 'a mapping key is not plain text', 'use plain text keys, not lists, mappings or aliases');
        } else {
          const text = String(key.value);
          if (text === '<<' && key.type === 'PLAIN') {
            report(keyOffset, 'yaml/merge-key', 'merge keys ("<<") are not supported', 'write the fields out: meshfed reads YAML 1.2, which has no merge keys');
          }
          if (seen.has(text) && seen.get(text) !== key.value) {
            const { message, hint } = duplicateKey(text);
            report(keyOffset, 'yaml/duplicate-key', message, hint);
          }
          seen.set(text, key.value);
          sawAlias = walk(key, depth + 1) || sawAlias;
        }
        sawAlias = walk(pair.value, depth + 1) || sawAlias;
      }
    } else if (isSeq(n)) {
      for (const item of n.items) sawAlias = walk(item, depth + 1) || sawAlias;
    }
    if (state) {
      state.open = false;
      state.containsAlias = sawAlias;
    }
    return sawAlias;
  };

  walk(doc.contents, 0);
  return out;
}

function shortTag(tag: string): string {
  return tag.startsWith('tag:yaml.org,2002:') ? `!!${tag.slice('tag:yaml.org,2002:'.length)}` : tag;
}
