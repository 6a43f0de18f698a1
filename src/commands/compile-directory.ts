import { readFederationDir } from '../adapters/fs/read-federation-dir.js';
import { compileFederation, type CompileOptions, type CompileResult } from '../core/pipeline.js';
import type { SourceFile } from '../core/source-file.js';
import { checkFederationFolder } from './check-federation-folder.js';
import type { FederationLocation } from './federation-location.js';

export interface CompiledDirectory extends CompileResult {
  readonly files: readonly SourceFile[];
}

/**
 * Read a federation folder from disk and compile it (parse, validate, render unless `render: false`). Throws
 * InvalidInputError when DIR cannot be one.
 */
export async function compileDirectory(location: FederationLocation, options: Omit<CompileOptions, 'root'> = {}): Promise<CompiledDirectory> {
  await checkFederationFolder(location);
  const files = await readFederationDir(location.repoDir, location.root);
  return { files, ...compileFederation(files, { ...options, root: location.root }) };
}
