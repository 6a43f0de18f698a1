import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { API_VERSION } from '../intents/common-schema.js';
import type { IntentKind } from '../intents/intent-kinds.js';
import type { SourceFile } from '../source-file.js';
import { classifyPath, type FileRole } from './classify-path.js';

const AT_START = { line: 1, col: 1 };

/**
 * Whether a file holds no YAML document at all: nothing but blank lines, comments, `---`/`...` markers and
 * directives, whatever the line breaks (CR alone included, which the YAML parser would read as one text value).
 */
export function holdsNoDocument(content: string): boolean {
  // Line by line until the first line that holds something: a file of intents answers at its first line, without
  // splitting all of it (this runs for every file of every compilation, cached parse or not).
  const text = content.charCodeAt(0) === 0xfeff ? content.slice(1) : content;
  let start = 0;
  while (start <= text.length) {
    let end = start;
    while (end < text.length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
    if (!holdsNothing(text.slice(start, end).trim())) return false;
    // "\r\n" is one line break.
    start = end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
  }
  return true;
}

function holdsNothing(t: string): boolean {
  return t === '' || t.startsWith('#') || t.startsWith('%') || /^(---|\.\.\.)(\s+#.*)?$/.test(t);
}

/** What a file with no document means where it is: an error where an intent must be, a warning elsewhere. */
export function emptyFileDiagnostic(
  file: string,
  role: Extract<FileRole, { role: 'federation' | 'peer' }>,
): { diagnostic: Diagnostic; mustHold?: IntentKind } {
  const what = 'the file holds no document: it is empty, or holds only comments';
  const envelope = `apiVersion: ${API_VERSION}`;
  if (role.role === 'federation') {
    return {
      diagnostic: diagnostic(file, AT_START, 'load/empty-file', what, `write the Federation intent in it: ${envelope}, kind: Federation, metadata.name, spec.meshID and spec.rootCA.fingerprint (see docs/intents.md)`),
      mustHold: 'Federation',
    };
  }
  if (role.peerFile) {
    return {
      diagnostic: diagnostic(file, AT_START, 'load/empty-file', what, `write peer "${role.peer}"'s Peer intent in it: ${envelope}, kind: Peer, metadata.name: ${role.peer} and its spec (see docs/intents.md)`),
      mustHold: 'Peer',
    };
  }
  return { diagnostic: diagnostic(file, AT_START, 'load/empty-file', `${what}, so nothing in it is read`, 'write intents in it, or delete it', 'warning') };
}

const DOCUMENTATION = /\.(md|markdown|mdx|rst|adoc|asciidoc|html?|txt)$/i;
const MESHFED_API_VERSION = /(^|[{,\s])["']?apiVersion["']?\s*:\s*["']?meshfed\.io\//m;

/**
 * Files inside the federation folder that look like intents but are not read, because meshfed reads only
 * `.yaml`/`.yml` files: `peer.json`, `federation.yaml.bak`, or any non-documentation file that names meshfed's
 * apiVersion. A warning each, so a peer.yaml saved as peer.json is not silently ignored.
 */
export function intentLookingFilesNotRead(files: readonly SourceFile[], root: string): Diagnostic[] {
  const paths = new Set(files.map((f) => f.path));
  const out: Diagnostic[] = [];
  for (const f of files) {
    if (classifyPath(f.path, root).role !== 'other') continue;
    const slash = f.path.lastIndexOf('/');
    const dir = f.path.slice(0, slash + 1);
    const name = f.path.slice(slash + 1);
    const stem = name.split('.')[0] ?? '';
    const named = /^(peer|federation)$/i.test(stem);
    if (!named && (DOCUMENTATION.test(name) || !MESHFED_API_VERSION.test(f.content))) continue;
    const target = `${dir}${named ? stem.toLowerCase() : stem}.yaml`;
    const fix = paths.has(target)
      ? `delete it if ${target} replaces it; otherwise move its intents into ${target}`
      : `if it holds intents, rename it to ${target}, since YAML reads JSON too; otherwise delete it`;
    out.push(diagnostic(f.path, AT_START, 'load/file-not-read', 'this file looks like an intent file, but meshfed reads only .yaml and .yml files, so it is not read', fix, 'warning'));
  }
  return out;
}
