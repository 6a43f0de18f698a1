import { isScalar, LineCounter, parseAllDocuments, type Document, type YAMLError } from 'yaml';
import { diagnostic, type Diagnostic, type Position } from '../diagnostics.js';
import type { SourceFile } from '../source-file.js';
import { checkDocumentNodes } from './check-document-nodes.js';
import { checkRawText, positionOf } from './check-raw-text.js';
import { DocumentLocator } from './document-locator.js';
import { findIndentationMistake } from './indentation-mistake.js';
import type { ParsedDocument } from './parsed-document.js';
import { parseSimpleYaml } from './simple-yaml.js';
import { yamlErrorDiagnostic } from './yaml-error-diagnostic.js';
import { MAX_ALIAS_COUNT, MAX_DIAGNOSTICS_PER_FILE, YAML_PARSE_OPTIONS } from './yaml-options.js';

export type { FieldPath, ParsedDocument } from './parsed-document.js';

export interface ParseResult {
  /** Non-empty documents without errors, in file order. */
  readonly documents: ParsedDocument[];
  readonly diagnostics: Diagnostic[];
}

/**
 * Reads every YAML document of one file as YAML 1.2 core-schema data with positions. Never throws.
 * A document with any error is left out (bad input changes nothing); empty documents are skipped silently.
 */
export function parseYamlDocuments(file: SourceFile): ParseResult {
  try {
    return parse(file);
  } catch (cause) {
    // The yaml parser gave up (e.g. the call stack ran out on pathological input). Report, never crash.
    const why = cause instanceof Error ? cause.message : String(cause);
    return {
      documents: [],
      diagnostics: [
        diagnostic(file.path, { line: 1, col: 1 }, 'yaml/unreadable', `the YAML parser could not read this file: ${why}`, 'simplify the file: intents are small mappings a few levels deep'),
      ],
    };
  }
}

function parse(file: SourceFile): ParseResult {
  const raw = checkRawText(file);
  if (raw.length > 0) return { documents: [], diagnostics: raw };

  const content = file.content;
  const simple = parseSimpleYaml(content);
  if (simple !== undefined) {
    // Plain block YAML that `yaml` reads without any error or warning (simple-yaml.ts): same values, no checks left.
    const locator = new DocumentLocator(content);
    const documents: ParsedDocument[] = [];
    simple.forEach((doc, index) => {
      if (!doc.empty) documents.push(parsedDocument(file.path, index, doc.value, locator));
    });
    return { documents, diagnostics: [] };
  }
  const lines = new LineCounter();
  const docs = parseAllDocuments(content, { ...YAML_PARSE_OPTIONS, lineCounter: lines });
  const diagnostics: Diagnostic[] = [];
  const documents: ParsedDocument[] = [];
  const yamlDiagnostic = (e: YAMLError) => yamlErrorDiagnostic(file.path, content, lines, e);

  // An empty stream (only comments or directives) carries its own errors.
  if ('empty' in docs) diagnostics.push(...docs.errors.map(yamlDiagnostic));

  const locator = new DocumentLocator(content);
  let sourceLines: string[] | undefined;
  docs.forEach((doc: Document, index) => {
    const found: Diagnostic[] = [];
    found.push(...doc.errors.map(yamlDiagnostic));
    if (found.some((d) => d.code === 'yaml/syntax')) {
      sourceLines ??= content.split(/\r?\n/);
      const range = doc.range ?? [0, 0, 0];
      const mistake = findIndentationMistake(sourceLines, lines.linePos(range[0]).line, lines.linePos(range[2]).line);
      // One mis-indented key: say so plainly, and drop what the parser found from there on, which follows from it.
      if (mistake !== undefined) {
        diagnostics.push(...found.filter((d) => d.line < mistake.from), diagnostic(file.path, mistake, 'yaml/indentation', mistake.message, mistake.hint));
        return;
      }
    }
    // Unknown tags are reported once, as yaml/custom-tag, by checkDocumentNodes.
    found.push(...doc.warnings.filter((w) => w.code !== 'TAG_RESOLVE_FAILED').map(yamlDiagnostic));
    if (doc.directives?.yaml.explicit && doc.directives.yaml.version === '1.1') {
      found.push(
        diagnostic(
          file.path,
          directivePosition(content, doc),
          'yaml/version-directive',
          '"%YAML 1.1" is ignored: meshfed reads every file as YAML 1.2 (core schema)',
          'remove the directive; values such as no, yes, on stay strings and "<<" merge keys are not supported',
          'warning',
        ),
      );
    }
    if (isEmpty(doc)) {
      diagnostics.push(...found);
      return;
    }
    found.push(...checkDocumentNodes(file.path, doc, lines));
    if (!found.some((d) => d.severity === 'error')) {
      try {
        const value: unknown = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
        documents.push(parsedDocument(file.path, index, value, locator));
      } catch (cause) {
        const why = cause instanceof Error ? cause.message : String(cause);
        found.push(
          diagnostic(file.path, startOf(doc, lines), 'yaml/alias-expansion', `document could not be expanded: ${why}`, 'write the values out instead of referring to anchors'),
        );
      }
    }
    diagnostics.push(...found);
  });

  return { documents, diagnostics: capped(file.path, diagnostics) };
}

function parsedDocument(file: string, index: number, value: unknown, locator: DocumentLocator): ParsedDocument {
  return {
    file,
    index,
    value,
    locate: (path) => locator.locate(index, path),
    locateKey: (path) => locator.locateKey(index, path),
    sourceText: (path) => locator.sourceText(index, path),
  };
}

/** A document with nothing in it (`---` followed by comments, or an empty file). */
function isEmpty(doc: Document): boolean {
  const c = doc.contents;
  if (c === null || c === undefined) return true;
  return isScalar(c) && c.value === null && (!c.range || c.range[0] === c.range[1]);
}

function startOf(doc: Document, lines: LineCounter): Position {
  const at = lines.linePos(doc.contents?.range?.[0] ?? doc.range?.[0] ?? 0);
  return { line: Math.max(1, at.line), col: Math.max(1, at.col) };
}

/** The `%YAML` line that precedes the document. */
function directivePosition(content: string, doc: Document): Position {
  const end = doc.range?.[0] ?? 0;
  const offset = content.lastIndexOf('%YAML', end);
  return offset >= 0 ? positionOf(content, offset) : { line: 1, col: 1 };
}

function capped(file: string, ds: Diagnostic[]): Diagnostic[] {
  if (ds.length <= MAX_DIAGNOSTICS_PER_FILE) return ds;
  const kept = ds.slice(0, MAX_DIAGNOSTICS_PER_FILE);
  const next = ds[MAX_DIAGNOSTICS_PER_FILE] as Diagnostic;
  kept.push(
    diagnostic(
      file,
      next,
      'yaml/too-many-errors',
      `${ds.length - MAX_DIAGNOSTICS_PER_FILE} more problems in this file are not shown`,
      'fix the problems above first: later ones are often caused by an earlier syntax error',
      next.severity,
    ),
  );
  return kept;
}
