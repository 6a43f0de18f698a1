import { diagnostic, type Diagnostic, type Position } from '../diagnostics.js';
import { MAX_FILE_BYTES, type SourceFile } from '../source-file.js';

/**
 * Checks a file before any YAML parsing: sources that refused to read it, size, and bytes that are not text.
 * Returns the diagnostics; any error means the file is not parsed at all.
 */
export function checkRawText(file: SourceFile): Diagnostic[] {
  const start = { line: 1, col: 1 };
  if (file.unread?.reason === 'too-large') return [tooLarge(file.path, file.unread.bytes)];
  if (file.unread?.reason === 'symlink') {
    return [
      diagnostic(
        file.path,
        start,
        'parse/symlink',
        `symbolic link to "${file.unread.target}" is not read`,
        'replace the link with a regular file inside the federation folder: links could point outside the repository',
      ),
    ];
  }
  // Each UTF-16 unit is at most 3 UTF-8 bytes: only long strings need counting.
  if (file.content.length * 3 > MAX_FILE_BYTES) {
    const bytes = utf8ByteLength(file.content);
    if (bytes > MAX_FILE_BYTES) return [tooLarge(file.path, bytes)];
  }
  const bad = findBadCharacter(file.content);
  return bad ? [bad.toDiagnostic(file.path)] : [];
}

function tooLarge(path: string, bytes: number): Diagnostic {
  return diagnostic(
    path,
    { line: 1, col: 1 },
    'parse/file-too-large',
    `file is ${bytes} bytes, more than the ${MAX_FILE_BYTES} bytes (1 MiB) meshfed reads`,
    'split the intents over several files in the same peer folder',
  );
}

/** Number of bytes of the string encoded as UTF-8. */
function utf8ByteLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

interface BadCharacter {
  toDiagnostic(path: string): Diagnostic;
}

/**
 * NUL bytes, C0 control characters other than tab/newline/carriage return, and U+FFFD (what a source's UTF-8
 * decoder puts in place of bytes that are not UTF-8). YAML 1.2 allows none of them unescaped.
 */
// eslint-disable-next-line no-control-regex
const BAD_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd\ufffe\uffff]/;

function findBadCharacter(content: string): BadCharacter | undefined {
  const m = BAD_CHARACTER.exec(content);
  if (!m) return undefined;
  const at = positionOf(content, m.index);
  const ch = m[0];
  return {
    toDiagnostic(path) {
      if (ch === '\u0000') {
        return diagnostic(path, at, 'parse/nul-byte', 'file contains a NUL byte, so it is binary or UTF-16, not a UTF-8 YAML file', 'save the file as UTF-8 text');
      }
      if (ch === '\ufffd') {
        return diagnostic(path, at, 'parse/invalid-utf8', 'file is not valid UTF-8 text', 'save the file with UTF-8 encoding, not Latin-1 or UTF-16');
      }
      const code = `U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
      return diagnostic(path, at, 'parse/control-character', `file contains the control character ${code}, which YAML does not allow`, 'delete the character, or write it as an escape inside a double-quoted string');
    },
  };
}

/** 1-based line and column (in UTF-16 units) of an offset. */
export function positionOf(content: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let i = content.indexOf('\n'); i >= 0 && i < offset; i = content.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, col: offset - lineStart + 1 };
}
