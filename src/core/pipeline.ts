import { contentHash, federationKey, type CompileCache } from './compile-cache.js';
import { hasErrors, mergeSortedDiagnostics, type Diagnostic } from './diagnostics.js';
import { loadFederation } from './load/load-federation.js';
import type { FederationModel } from './model/federation-model.js';
import { renderFederationIncremental } from './render/rendered-on-demand.js';
import { renderFederation } from './render/render-federation.js';
import type { RenderedFederation } from './render/rendered-object.js';
import type { SourceFile } from './source-file.js';
import { validateFederation } from './validate/validate-federation.js';

export interface CompileOptions {
  /** Folder of the federation inside the repository (default `federation`). */
  readonly root?: string;
  /**
   * Shared with earlier compilations in this process (compile-cache.ts): files whose content was seen before are
   * not parsed again, peers whose inputs did not change are not validated or rendered again. Same result as without.
   */
  readonly cache?: CompileCache;
  /**
   * `false`: parse and validate only (`meshfed validate`). Render adds no diagnostics: everything that would keep
   * an intent from rendering is a validation error (render skips what it cannot render), so the verdict is the same.
   */
  readonly render?: boolean;
}

export interface CompileResult {
  readonly model: FederationModel;
  /** Parse, schema and cross-intent diagnostics, sorted. */
  readonly diagnostics: readonly Diagnostic[];
  /** Present only when there are no errors (and rendering was asked for): nothing is rendered from an invalid federation. */
  readonly rendered?: RenderedFederation;
  /** Content hash of every file read, by path: present with a cache (the keys of incremental render, render-inputs.ts). */
  readonly fileHashes?: ReadonlyMap<string, string>;
}

/** parse -> validate -> render, the pure heart of every entry point (CLI, bot, runner). */
export function compileFederation(files: readonly SourceFile[], options: CompileOptions = {}): CompileResult {
  const cache = options.cache;
  if (cache === undefined) return compile(files, options, undefined);
  const hashes = new Map<string, string>();
  // The first file of a path is the one the loader reads (it reports any repeat).
  for (const f of files) if (f.unread === undefined && !hashes.has(f.path)) hashes.set(f.path, contentHash(f.content));
  const described = files.map((f) => ({ path: f.path, hash: hashes.get(f.path) ?? `unread:${JSON.stringify(f.unread)}` }));
  const key = federationKey(JSON.stringify([options.root ?? null, options.render ?? true]), described);
  return cache.compiled(key, () => compile(files, options, hashes));
}

function compile(files: readonly SourceFile[], options: CompileOptions, hashes: ReadonlyMap<string, string> | undefined): CompileResult {
  const loaded = loadFederation(files, {
    ...(options.root === undefined ? {} : { root: options.root }),
    ...(options.cache === undefined ? {} : { cache: options.cache }),
    ...(hashes === undefined ? {} : { contentHashes: hashes }),
  });
  // A refused federation was not read at all: its one diagnostic says why, and every rule would only add noise.
  // Otherwise both lists come sorted: merge them rather than sort a third time.
  const diagnostics = loaded.refused
    ? loaded.diagnostics
    : mergeSortedDiagnostics(
        loaded.diagnostics,
        validateFederation(loaded.model, options.cache !== undefined && loaded.fileHashes !== undefined ? { cache: options.cache, fileHashes: loaded.fileHashes } : undefined),
      );
  const base = { model: loaded.model, diagnostics, ...(loaded.fileHashes === undefined ? {} : { fileHashes: loaded.fileHashes }) };
  if (hasErrors(diagnostics) || options.render === false) return base;
  const rendered =
    options.cache !== undefined && loaded.fileHashes !== undefined
      ? renderFederationIncremental(loaded.model, loaded.fileHashes, options.cache)
      : renderFederation(loaded.model);
  return { ...base, rendered };
}
