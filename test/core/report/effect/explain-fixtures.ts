import type { RenderedFederation, RenderedObject } from '../../../../src/core/render/rendered-object.js';
import { compileFederation } from '../../../../src/core/pipeline.js';
import { explainFederation, type ExplainReport } from '../../../../src/core/report/effect/explain-report.js';
import type { SourceFile } from '../../../../src/core/source-file.js';
import { EXAMPLES, exampleFiles } from '../../render/example-federations.js';

/** A bundled example's intent files by name (`federation`, `three-peer-mesh`). */
export function exampleSources(name: string): SourceFile[] {
  const example = EXAMPLES.find((e) => e.name === name);
  if (example === undefined) throw new Error(`no example ${name}`);
  return exampleFiles(example.repoDir);
}

/** Compile files (which must be valid) and explain them, optionally after changing the rendered objects. */
export function explainFiles(files: readonly SourceFile[], tamper?: (rendered: RenderedFederation) => RenderedFederation): ExplainReport {
  const r = compileFederation(files);
  if (r.rendered === undefined) throw new Error(`invalid test federation: ${r.diagnostics.map((d) => `${d.file}:${d.line} ${d.message}`).join('; ')}`);
  return explainFederation(r.model, tamper === undefined ? r.rendered : tamper(r.rendered));
}

/** The same files with `search` replaced by `replacement` in `path` (which must contain it). */
export function edited(files: readonly SourceFile[], path: string, search: string | RegExp, replacement: string): SourceFile[] {
  return files.map((f) => {
    if (f.path !== path) return f;
    const content = f.content.replace(search, replacement);
    if (content === f.content) throw new Error(`${String(search)} not found in ${path}`);
    return { path, content };
  });
}

/** Rendered objects of `peer` without those `drop` selects: an object missing from a cluster. */
export function without(peer: string, drop: (o: RenderedObject) => boolean): (r: RenderedFederation) => RenderedFederation {
  return (r) => new Map([...r].map(([p, objects]) => [p, p === peer ? objects.filter((o) => !drop(o)) : objects]));
}
