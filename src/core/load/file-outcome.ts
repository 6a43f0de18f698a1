import type { Diagnostic } from '../diagnostics.js';
import { INTENT_SCHEMAS, type IntentKind } from '../intents/intent-kinds.js';
import { parseYamlDocuments } from '../parse/parse-yaml-documents.js';
import type { ParsedDocument } from '../parse/parsed-document.js';
import type { SourceFile } from '../source-file.js';
import { checkEnvelope } from './check-envelope.js';
import { schemaIssueDiagnostics } from './schema-issue-diagnostic.js';

/** Where in the federation tree a parsed file sits: decides which kinds it may hold. */
export type FilePlace = 'federation' | 'peer-file' | 'peer';

const PEER_FOLDER_KINDS: readonly IntentKind[] = ['ServiceExport', 'ServiceImport', 'EdgeGateway'];
const EXPECTED_KINDS: Readonly<Record<FilePlace, readonly IntentKind[]>> = {
  federation: ['Federation'],
  'peer-file': ['Peer', ...PEER_FOLDER_KINDS],
  peer: PEER_FOLDER_KINDS,
};

/** One document after its envelope (apiVersion, kind) and its kind's schema. */
export interface DocumentOutcome {
  /** 0-based index of the document in its file. */
  readonly index: number;
  readonly kind: IntentKind | undefined;
  /** `kind` and `metadata.name` as written (bookkeeping of rejected documents). */
  readonly rawKind: string | undefined;
  readonly rawName: string | undefined;
  /** Envelope and schema findings. `file` is empty: the caller sets the path (see `FileOutcome`). */
  readonly diagnostics: readonly Diagnostic[];
  /** The schema accepted the document and nothing above is an error: `data` is the schema's output. */
  readonly accepted: boolean;
  readonly data: unknown;
  readonly locate: ParsedDocument['locate'];
  readonly locateKey: ParsedDocument['locateKey'];
}

/**
 * Everything the loader learns from one file that depends only on its bytes and its place: parse problems,
 * and each document's envelope and schema outcome. Positions depend only on the bytes, so the diagnostics are
 * kept with an empty `file` and the path is applied by the caller: two files with the same content share one
 * outcome (load-cache.ts). Immutable once built: cached outcomes are shared by every compilation that sees them.
 */
export interface FileOutcome {
  /** Parse problems (`file` empty). */
  readonly parseDiagnostics: readonly Diagnostic[];
  /** Some part of the file could not be read (its documents may be incomplete). */
  readonly unparsable: boolean;
  readonly documents: readonly DocumentOutcome[];
}

/** Parses `file` and checks each document's envelope and schema. `file.path` is not used: pass any. */
export function fileOutcome(file: SourceFile, place: FilePlace): FileOutcome {
  const parsed = parseYamlDocuments({ ...file, path: '' });
  return {
    parseDiagnostics: parsed.diagnostics,
    unparsable: parsed.diagnostics.some((d) => d.severity === 'error'),
    documents: parsed.documents.map((doc) => documentOutcome(doc, EXPECTED_KINDS[place])),
  };
}

function documentOutcome(doc: ParsedDocument, expected: readonly IntentKind[]): DocumentOutcome {
  const envelope = checkEnvelope(doc, expected);
  const common = { index: doc.index, kind: envelope.kind, rawKind: envelope.rawKind, rawName: envelope.rawName, locate: doc.locate, locateKey: doc.locateKey };
  const kind = envelope.kind;
  if (kind === undefined) return { ...common, diagnostics: envelope.diagnostics, accepted: false, data: undefined };
  const found = [...envelope.diagnostics];
  const schema = INTENT_SCHEMAS[kind];
  const result = schema.safeParse(doc.value);
  if (!result.success) {
    for (const issue of result.error.issues) {
      // apiVersion and kind were checked above with better messages.
      if (issue.path.length === 1 && (issue.path[0] === 'apiVersion' || issue.path[0] === 'kind')) continue;
      found.push(...schemaIssueDiagnostics(issue, { doc, schema, kind }));
    }
  }
  const accepted = result.success && !found.some((d) => d.severity === 'error');
  return { ...common, diagnostics: found, accepted, data: accepted ? result.data : undefined };
}

/** The outcome's diagnostics with their file set. */
export function atPath(ds: readonly Diagnostic[], file: string): Diagnostic[] {
  return ds.map((d) => ({ ...d, file }));
}
