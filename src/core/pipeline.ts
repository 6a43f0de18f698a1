import { hasErrors, sortDiagnostics, type Diagnostic } from './diagnostics.js';
import { loadFederation } from './load/load-federation.js';
import type { FederationModel } from './model/federation-model.js';
import { renderFederation } from './render/render-federation.js';
import type { RenderedFederation } from './render/rendered-object.js';
import type { SourceFile } from './source-file.js';
import { validateFederation } from './validate/validate-federation.js';

export interface CompileOptions {
  /** Folder of the federation inside the repository (default `federation`). */
  readonly root?: string;
}

export interface CompileResult {
  readonly model: FederationModel;
  /** Parse, schema and cross-intent diagnostics, sorted. */
  readonly diagnostics: readonly Diagnostic[];
  /** Present only when there are no errors: nothing is rendered from an invalid federation. */
  readonly rendered?: RenderedFederation;
}

/** parse -> validate -> render, the pure heart of every entry point (CLI, bot, runner). */
export function compileFederation(files: readonly SourceFile[], options: CompileOptions = {}): CompileResult {
  const loaded = loadFederation(files, options.root === undefined ? {} : { root: options.root });
  const diagnostics = sortDiagnostics([...loaded.diagnostics, ...validateFederation(loaded.model)]);
  if (hasErrors(diagnostics)) return { model: loaded.model, diagnostics };
  return { model: loaded.model, diagnostics, rendered: renderFederation(loaded.model) };
}
