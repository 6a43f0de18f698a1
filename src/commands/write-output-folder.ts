import { resolve } from 'node:path';
import { writeManifestFiles, type WriteOptions, type WriteSummary } from '../adapters/fs/write-manifest-files.js';
import type { ManifestFile } from '../core/render/output/manifest-files.js';
import { InvalidInputError } from './usage-error.js';

/** How to mend what the file system refused, by its error code. */
const FIXES: Readonly<Record<string, string>> = {
  EISDIR: 'a folder stands where meshfed writes this file: remove or rename it',
  ENOTDIR: 'a file stands where meshfed needs a folder: remove or rename it',
  EEXIST: 'a file stands where meshfed needs a folder: remove or rename it',
  EACCES: 'meshfed may not write there: give it write permission or choose another --out',
  EPERM: 'meshfed may not write there: give it write permission or choose another --out',
  EROFS: 'the file system is read-only: choose another --out',
  ENOSPC: 'the disk is full: free space or choose another --out',
  EDQUOT: 'the disk quota is used up: free space or choose another --out',
};

/**
 * `writeManifestFiles` into `out` (as the user gave it, relative to `cwd`), with what the file system refuses (a
 * folder where a file goes, no permission, a full disk) reported as the user's to mend, with the path and how,
 * instead of as a bug. Files written before the refusal stay and no index is written: the next run compares them.
 */
export async function writeOutputFolder(cwd: string, out: string, files: readonly ManifestFile[], options: WriteOptions = {}): Promise<WriteSummary> {
  try {
    return await writeManifestFiles(resolve(cwd, out), files, options);
  } catch (error) {
    const refused = fileSystemRefusal(error);
    if (refused === undefined) throw error;
    const fix = FIXES[refused.code] ?? 'check the folder and run again';
    throw new InvalidInputError(`cannot write the output folder ${out}: ${refused.code} at ${refused.path} (${fix}); files written before it stay, and the next run compares them`, { cause: error });
  }
}

/** The file-system error (code and path) in `error` or its causes: the thread that writes files passes it as the cause. */
function fileSystemRefusal(error: unknown): { code: string; path: string } | undefined {
  for (let e = error; e instanceof Error; e = e.cause) {
    const { code, path } = e as { code?: unknown; path?: unknown };
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code) && typeof path === 'string') return { code, path };
  }
  return undefined;
}
