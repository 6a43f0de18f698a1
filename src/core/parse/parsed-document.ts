import type { Position } from '../diagnostics.js';

/** A field path inside a document: mapping keys and sequence indexes, e.g. `['spec', 'ports', 0, 'name']`. */
export type FieldPath = readonly (string | number)[];

/** One non-empty YAML document that parsed cleanly, as plain data, with a way back to its source text. */
export interface ParsedDocument {
  /** Repository-relative POSIX path of the file. */
  readonly file: string;
  /** 0-based index of the document within the file (empty documents count too). */
  readonly index: number;
  /** The document as plain JSON-like data (objects, arrays, strings, numbers, booleans, null). */
  readonly value: unknown;
  /**
   * Position of the value at `path`. When the path does not exist (a missing field, or a default filled in by
   * a schema), the position of the deepest existing ancestor's key.
   */
  locate(path: FieldPath): Position;
  /** Position of the key of the last path segment (e.g. an unknown field's name); otherwise as `locate`. */
  locateKey(path: FieldPath): Position;
  /** The source text of the scalar at `path` exactly as written (e.g. `1.30` for a value read as 1.3). */
  sourceText(path: FieldPath): string | undefined;
}
