import { mkdir, readFile, realpath, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { locateInWorkTree } from '../adapters/git/git-command.js';
import { DEFAULT_CODEOWNERS_PATH } from '../core/consent/governed-paths.js';
import { checkCodeowners } from '../core/report/codeowners.js';
import type { CommandContext } from './command-context.js';
import { compileDirectory } from './compile-directory.js';
import { locateFederation } from './federation-location.js';
import { parseCommandArgs } from './parse-command-args.js';
import { reportDiagnostics } from './report-diagnostics.js';
import { EXIT_INVALID, EXIT_OK } from './usage-error.js';

export const CODEOWNERS_USAGE = `meshfed codeowners [DIR] [--check] [--path FILE] [--stdout]
  Generate CODEOWNERS from the peers' owners: each peer folder owned by its peer, federation.yaml,
  CODEOWNERS itself and .github/workflows/ by every peer. Writes FILE (default
  .github/CODEOWNERS at the repository root); --stdout prints instead; --check writes nothing and
  exits 1 with a diff when the file is out of date.`;

export async function codeownersCommand(argv: readonly string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    'codeowners',
    argv,
    { check: { type: 'boolean' }, path: { type: 'string' }, stdout: { type: 'boolean' } },
    1,
  );
  const location = locateFederation(positionals[0], ctx.cwd);
  const result = await compileDirectory(location);
  reportDiagnostics(ctx.printer, 'human', result.diagnostics);
  if (!result.rendered) return EXIT_INVALID;
  // Outside git, the folder around the federation plays the repository root.
  const { top: repoTop, prefix } = (await locateInWorkTree(location.repoDir)) ?? { top: location.repoDir, prefix: '' };
  const file = values.path === undefined ? join(repoTop, DEFAULT_CODEOWNERS_PATH) : join(ctx.cwd, values.path);
  const pathInRepo = relative(await realpath(repoTop), join(await realpath(dirname(file)).catch(() => dirname(file)), basename(file))).split('\\').join('/');
  const root = prefix === '' ? location.root : `${prefix}/${location.root}`;
  const actual = await readFile(file, 'utf8').catch(() => undefined);
  const check = checkCodeowners(result.model, actual, { root, codeownersPath: pathInRepo });
  if (values.stdout) {
    ctx.printer.out(check.expected.trimEnd());
    return EXIT_OK;
  }
  if (values.check) {
    if (check.upToDate) {
      ctx.printer.out(`${pathInRepo}: up to date`);
      return EXIT_OK;
    }
    ctx.printer.err(`${pathInRepo}: out of date with the peers' owners (run "meshfed codeowners" and commit the result)`);
    ctx.printer.out(check.diff.trimEnd());
    return EXIT_INVALID;
  }
  if (check.upToDate) {
    ctx.printer.out(`${pathInRepo}: already up to date`);
    return EXIT_OK;
  }
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, check.expected);
  ctx.printer.out(`${pathInRepo}: written`);
  return EXIT_OK;
}
