import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { git } from '../adapters/git/git-command.js';
import type { HeadCodeowners } from '../core/consent/generated-codeowners.js';
import { CODEOWNERS_LOCATIONS } from '../core/consent/governed-paths.js';
import type { FederationModel } from '../core/model/federation-model.js';
import { checkCodeowners } from '../core/report/codeowners.js';
import { workTreeOf, type FederationLocation } from './federation-location.js';

/**
 * The CODEOWNERS GitHub would read at head (working tree, or `headRef`), and whether it is exactly the generated
 * one: the same test the bot applies, so `meshfed plan` and the meshfed/consent check agree. CODEOWNERS paths are
 * repository paths: `location.repoDir` is the work tree's top wherever the federation folder sits.
 */
export async function readHeadCodeowners(
  location: FederationLocation,
  headRef: string | undefined,
  headModel: FederationModel,
): Promise<HeadCodeowners | undefined> {
  const tree = await workTreeOf(location);
  if (tree === undefined) return undefined;
  const { top } = tree;
  for (const path of CODEOWNERS_LOCATIONS) {
    const content = headRef === undefined
      ? await readFile(join(top, path), 'utf8').catch(() => undefined)
      : await git(top, ['show', `${headRef}:${path}`]).catch(() => undefined);
    if (content === undefined) continue;
    return { path, upToDate: checkCodeowners(headModel, content, { root: location.root, codeownersPath: path }).upToDate };
  }
  return undefined;
}
