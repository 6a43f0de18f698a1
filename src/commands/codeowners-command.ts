import { hasErrors } from '../core/diagnostics.js';
import { mkdir, readFile, realpath, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { locateInWorkTree } from '../adapters/git/git-command.js';
import { DEFAULT_CODEOWNERS_PATH } from '../core/consent/governed-paths.js';
import { checkCodeowners } from '../core/report/codeowners.js';
import type { CommandContext } from './command-context.js';
import { DIR_ARGUMENT, defineCommand, type OptionSpecs, type ParsedArgs } from './command-definition.js';
import { compileDirectory } from './compile-directory.js';
import { locateFederation } from './federation-location.js';
import { reportDiagnostics } from './report-diagnostics.js';
import { EXIT_INVALID, EXIT_OK, UsageError } from './usage-error.js';

const CODEOWNERS_OPTIONS = {
  check: { type: 'boolean', help: 'write nothing; exit 1 with a diff when FILE is out of date' },
  stdout: { type: 'boolean', help: 'print the generated CODEOWNERS instead of writing FILE (not with --check)' },
  path: { type: 'string', value: 'FILE', help: 'the CODEOWNERS file (default: .github/CODEOWNERS at the repository root)' },
} as const satisfies OptionSpecs;

export const CODEOWNERS_COMMAND = defineCommand(
  {
    name: 'codeowners',
    synopsis: '[DIR] [options]',
    description:
      'Generate CODEOWNERS from the peers\' owners: each peer folder owned by its peer; federation.yaml, CODEOWNERS ' +
      'itself and .github/workflows/ by every peer. Writes FILE unless --check or --stdout is given.',
    arguments: [DIR_ARGUMENT],
    options: CODEOWNERS_OPTIONS,
    exitCodes: 'Exit codes: 0 written, printed, or up to date; 1 invalid federation, or (with --check) FILE out of date; 2 usage error; 70 a bug in meshfed.',
    seeAlso: 'docs/consent.md',
  },
  codeownersCommand,
);

export async function codeownersCommand({ values, positionals }: ParsedArgs<typeof CODEOWNERS_OPTIONS>, ctx: CommandContext): Promise<number> {
  if (values.check && values.stdout) {
    // --check compares FILE with the generated content; --stdout prints that content and ignores FILE. Together
    // they used to print and exit 0 without checking: refuse rather than guess which one was meant.
    throw new UsageError('--check and --stdout cannot be combined', 'use --check to compare FILE with the generated content, or --stdout to print the generated content');
  }
  const location = await locateFederation(positionals[0], ctx.cwd);
  // CODEOWNERS needs the Peers only: no render.
  const result = await compileDirectory(location, { render: false });
  reportDiagnostics(ctx.printer, 'human', result.diagnostics);
  if (hasErrors(result.diagnostics)) return EXIT_INVALID;
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
