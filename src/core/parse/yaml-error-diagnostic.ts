import type { ErrorCode, LineCounter, YAMLError } from 'yaml';
import { diagnostic, type Diagnostic } from '../diagnostics.js';

/** How to fix each kind of error the `yaml` parser reports, in operator terms. */
const HINTS: Partial<Record<ErrorCode, string>> = {
  BAD_INDENT: 'indent nested fields with spaces, by the same amount as their siblings',
  BAD_SCALAR_START: 'quote the value: plain values cannot start with @, `, %, | or >, so write e.g. "@acme/mesh-admins"',
  BAD_DQ_ESCAPE: 'fix the backslash escape, or use single quotes so backslashes are literal',
  BLOCK_AS_IMPLICIT_KEY: 'write each key on one line, followed by ": " and its value',
  MULTILINE_IMPLICIT_KEY: 'write each key on one line, followed by ": " and its value',
  BLOCK_IN_FLOW: 'inside [ ] or { } write values inline, or use block style with one "- item" per line',
  MISSING_CHAR: 'add the missing character: a closing quote or bracket, or ": " after a key',
  UNEXPECTED_TOKEN: 'remove the stray characters, or quote the value if they belong to it',
  KEY_OVER_1024_CHARS: 'shorten the key, or put a space after the ":" that ends it',
  MULTIPLE_ANCHORS: 'give the node at most one &anchor',
  MULTIPLE_TAGS: 'remove the extra tag',
  ALIAS_PROPS: 'remove the anchor or tag in front of the *alias',
  BAD_PROP_ORDER: 'write the &anchor and !tag before the value, not after it',
  BAD_ALIAS: 'give the alias a name, e.g. *defaults, or quote the value if "*" belongs to it',
  BAD_DIRECTIVE: 'remove the directive: meshfed reads every file as YAML 1.2',
  NON_STRING_KEY: 'use plain text keys',
  BAD_COLLECTION_TYPE: 'remove the tag from the mapping or list',
  TAG_RESOLVE_FAILED: 'remove the tag and write the plain value',
  RESOURCE_EXHAUSTION: 'write the values out instead of repeating aliases',
};

/** Turns an error or warning of the `yaml` parser into a diagnostic at its position. */
export function yamlErrorDiagnostic(file: string, content: string, lines: LineCounter, e: YAMLError): Diagnostic {
  const at = lines.linePos(e.pos[0]);
  const position = { line: Math.max(1, at.line), col: Math.max(1, at.col) };
  const severity = e.name === 'YAMLWarning' ? 'warning' : 'error';
  const text = firstLine(e.message);
  if (e.code === 'DUPLICATE_KEY') {
    const { message, hint } = duplicateKey(keyAt(content, e.pos[0]));
    return diagnostic(file, position, 'yaml/duplicate-key', message, hint, severity);
  }
  if (e.code === 'TAB_AS_INDENT') {
    return diagnostic(file, position, 'yaml/tab-indentation', 'a tab is used for indentation', 'indent with spaces only: YAML forbids tabs in indentation', severity);
  }
  return diagnostic(file, position, 'yaml/syntax', `YAML syntax: ${text}`, HINTS[e.code] ?? 'fix the YAML syntax at this position', severity);
}

/** `yaml/duplicate-key`, whether the parser found it or keys collide only once read as text (`1` and `"1"`). */
export function duplicateKey(key: string | undefined): { message: string; hint: string } {
  return {
    message: key ? `key "${key}" appears twice in the same mapping` : 'a key appears twice in the same mapping',
    hint: 'keep one of the two entries: a YAML mapping cannot repeat a key, and other tools would silently take the last one',
  };
}

function firstLine(message: string): string {
  const line = message.split('\n', 1)[0] ?? message;
  return line.replace(/[.:]\s*$/, '');
}

/** The key text at `offset`, up to its `:` (for duplicate-key messages). */
function keyAt(content: string, offset: number): string | undefined {
  const rest = content.slice(offset, offset + 200);
  const m = /^(?:"([^"\n]*)"|'([^'\n]*)'|([^:\n#]*?))\s*:/.exec(rest);
  const key = m ? (m[1] ?? m[2] ?? m[3]) : undefined;
  return key === undefined || key === '' ? undefined : key;
}
