import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { closestName } from '../core/load/closest-name.js';
import { DEFAULT_FEDERATION_ROOT } from '../core/source-file.js';
import type { FederationLocation } from './federation-location.js';
import { InvalidInputError } from './usage-error.js';

const WHAT_DIR_IS = 'DIR is the federation folder, the one holding federation.yaml and peers/';

/**
 * Before reading a federation from disk: DIR must be a folder that can be a federation. Each way it is not gets
 * its own message (a missing folder, a file, a folder inside a federation, the repository around one), instead
 * of a "create DIR/federation.yaml" for a folder that does not exist, or a stack trace for a file.
 * A folder that exists and holds neither federation.yaml nor peers/ is left to the core: a new federation.
 */
export async function checkFederationFolder(location: FederationLocation): Promise<void> {
  const abs = resolve(location.repoDir, location.root);
  const cwd = location.cwd ?? location.repoDir;
  const shown = location.shown ?? location.root;
  const info = await stat(abs).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return undefined;
    throw new InvalidInputError(`cannot read the folder ${shown}: ${error.message}`, { cause: error });
  });
  if (info === undefined) {
    // Run from inside a federation folder (its peers/ or a peer folder), DIR's default `federation` is not there.
    const around = await enclosingFederation(cwd);
    if (around !== undefined && location.shown === DEFAULT_FEDERATION_ROOT) {
      throw new InvalidInputError(
        `there is no folder "${DEFAULT_FEDERATION_ROOT}" here: you are inside the federation folder ${around} ` +
          `(give it as DIR: "${relativeTo(cwd, around)}"; or run meshfed from ${dirname(around)}, where DIR defaults to "${DEFAULT_FEDERATION_ROOT}")`,
      );
    }
    const sibling = closestName(location.root, await subfolders(location.repoDir));
    throw new InvalidInputError(`no such folder: ${shown} (${sibling ? `did you mean "${relativeTo(cwd, join(location.repoDir, sibling))}"? ` : ''}${WHAT_DIR_IS})`);
  }
  if (!info.isDirectory()) {
    const around = await enclosingFederation(dirname(abs));
    const fix = around === undefined
      ? WHAT_DIR_IS
      : `meshfed reads a whole federation, since its rules span peers: pass the federation folder, "${relativeTo(cwd, around)}"`;
    throw new InvalidInputError(`${shown} is a file, not a folder (${fix})`);
  }
  if (await looksLikeFederation(abs)) return;
  const around = await enclosingFederation(dirname(abs));
  if (around !== undefined) {
    throw new InvalidInputError(`${shown} is inside the federation folder ${around}, not a federation folder itself (pass "${relativeTo(cwd, around)}" as DIR)`);
  }
  const inner = join(abs, DEFAULT_FEDERATION_ROOT);
  if (await looksLikeFederation(inner)) {
    throw new InvalidInputError(`${shown} holds no federation.yaml and no peers/, but its folder "${DEFAULT_FEDERATION_ROOT}" does (pass "${relativeTo(cwd, inner)}" as DIR)`);
  }
}

/** A federation folder holds federation.yaml or peers/. */
async function looksLikeFederation(dir: string): Promise<boolean> {
  const [file, peers] = await Promise.all([
    stat(join(dir, 'federation.yaml')).then((s) => s.isFile(), () => false),
    stat(join(dir, 'peers')).then((s) => s.isDirectory(), () => false),
  ]);
  return file || peers;
}

/** The nearest folder at or above `dir` that looks like a federation folder. */
async function enclosingFederation(dir: string): Promise<string | undefined> {
  for (let d = resolve(dir); ; d = dirname(d)) {
    if (await looksLikeFederation(d)) return d;
    if (dirname(d) === d) return undefined;
  }
}

async function subfolders(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((): Dirent[] => []);
  return entries.filter((e) => e.isDirectory()).map((e) => e.name);
}

function relativeTo(cwd: string, target: string): string {
  return relative(cwd, target) || '.';
}
