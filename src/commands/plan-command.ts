import { changedFiles } from '../adapters/git/changed-files.js';
import { CompileCache, WHOLE_RUN_CACHE_LIMITS } from '../core/compile-cache.js';
import { resolveCommit } from '../adapters/git/read-git-tree.js';
import type { Review } from '../core/consent/consent-types.js';
import { consentRelevantChanges } from '../core/consent/generated-codeowners.js';
import { evaluateConsent } from '../core/consent/evaluate-consent.js';
import { consentToGithub } from '../core/consent/format-consent.js';
import { hasErrors } from '../core/diagnostics.js';
import { planToGithub, planToHuman, planToJson } from '../core/plan/format-plan.js';
import { planChange } from '../core/plan/plan-change.js';
import type { CommandContext } from './command-context.js';
import { DIR_ARGUMENT, FORMAT_OPTION, defineCommand, type OptionSpecs, type ParsedArgs } from './command-definition.js';
import { compileDirectory } from './compile-directory.js';
import { locateFederation } from './federation-location.js';
import { parseFormat } from './parse-command-args.js';
import { readFederationAtRef, startReadingAtRef } from './read-base-federation.js';
import { settle, valueOf } from './settle.js';
import { readHeadCodeowners } from './read-head-codeowners.js';
import { reportDiagnostics, reportInvalid } from './report-diagnostics.js';
import { EXIT_OK, UsageError } from './usage-error.js';

const PLAN_OPTIONS = {
  base: { type: 'string', value: 'REF', help: 'the git ref to compare with (required), e.g. origin/main' },
  head: { type: 'string', value: 'REF', help: 'the git ref of the change (default: the working tree)' },
  author: { type: 'string', value: 'LOGIN', help: 'the pull request\'s author (an author\'s approval counts for a peer they own)' },
  approve: { type: 'string', multiple: true, value: 'LOGIN', help: 'count LOGIN as having approved the head commit' },
  team: { type: 'string', multiple: true, value: '@org/team=LOGIN,LOGIN', help: 'who is in an owner team' },
  'no-diff': { type: 'boolean', help: 'list the changed objects without their unified diffs' },
  ...FORMAT_OPTION,
} as const satisfies OptionSpecs;

export const PLAN_COMMAND = defineCommand(
  {
    name: 'plan',
    synopsis: '[DIR] --base REF [options]',
    description:
      'Compare the federation at git ref REF with --head: per peer, the objects added, changed and removed, with a ' +
      'unified diff, then the peers whose approval the change needs (owners read from the base).',
    arguments: [DIR_ARGUMENT],
    options: PLAN_OPTIONS,
    seeAlso: 'docs/consent.md',
  },
  planCommand,
);

export async function planCommand({ values, positionals }: ParsedArgs<typeof PLAN_OPTIONS>, ctx: CommandContext): Promise<number> {
  const format = parseFormat(values.format);
  if (values.base === undefined) throw new UsageError('--base REF is required', 'e.g. --base origin/main');
  const location = await locateFederation(positionals[0], ctx.cwd);
  const teamMembers = parseTeams(values.team ?? []);

  // Git runs in its own processes: the base's listing, the head commit and the changed files are asked for now and
  // come while the head compiles, instead of after it.
  const baseRead = startReadingAtRef(location, values.base);
  const headCommit = settle(values.head === undefined ? Promise.resolve('WORKING-TREE') : resolveCommit(location.repoDir, values.head));
  const changed = settle(changedFiles(location.repoDir, values.base, values.head));
  // Base and head share one cache: each distinct file is parsed once, and only peers whose inputs differ are rendered twice.
  const cache = new CompileCache(WHOLE_RUN_CACHE_LIMITS);
  // Nothing is rendered up front: planChange renders only the peers whose render inputs differ between base and head.
  const compile = { cache, render: false };
  const head = values.head === undefined ? await compileDirectory(location, compile) : await readFederationAtRef(location, values.head, compile);
  // Most of the base's files are the working tree's: those are taken from it, not read from git again.
  const base = await baseRead.compile({ ...compile, ...('files' in head ? { known: head.files } : {}) });
  const headLabel = values.head ?? 'working tree';
  if (hasErrors(base.diagnostics) && format !== 'json') {
    ctx.printer.err(`meshfed: the federation at ${values.base} is itself invalid (${base.diagnostics.length} problems); planning against what could be rendered of it`);
  }
  reportDiagnostics(ctx.printer, format, head.diagnostics);
  if (hasErrors(head.diagnostics)) return reportInvalid(ctx.printer, format, head.diagnostics, `${location.root} at ${headLabel}: invalid, no plan`);
  // An invalid base renders nothing (compileFederation's rule): every object at head is then new.
  const plan = planChange(hasErrors(base.diagnostics) ? undefined : base, head, cache);
  const headSha = await valueOf(headCommit);
  const reviews: Review[] = (values.approve ?? []).map((login) => ({ login: login.replace(/^@/, ''), commitId: headSha, state: 'APPROVED' }));
  const consent = evaluateConsent({
    base: base.model,
    head: head.model,
    plan,
    changedFiles: consentRelevantChanges(
      await valueOf(changed),
      await readHeadCodeowners(location, values.head, head.model),
    ),
    headSha,
    author: (values.author ?? '').replace(/^@/, ''),
    reviews,
    teamMembers,
    options: { root: location.root },
  });
  const diffs = !values['no-diff'];
  if (format === 'json') {
    ctx.printer.out(JSON.stringify({ ok: true, base: values.base, head: headLabel, plan: planToJson(plan), consent }, null, 2));
  } else if (format === 'github') {
    for (const line of planToGithub(plan, { diffs })) ctx.printer.out(line);
    for (const line of consentToGithub(consent)) ctx.printer.out(line);
  } else {
    ctx.printer.out(`Plan ${values.base} -> ${headLabel}`);
    for (const line of planToHuman(plan, { diffs })) ctx.printer.out(line);
    ctx.printer.out('');
    ctx.printer.out(consent.text);
  }
  return EXIT_OK;
}

/** `--team @org/team=alice,bob` -> Map('@org/team' -> {alice, bob}). */
export function parseTeams(specs: readonly string[]): Map<string, Set<string>> {
  const teams = new Map<string, Set<string>>();
  for (const spec of specs) {
    const m = /^(@[^/=\s]+\/[^=\s]+)=(.*)$/.exec(spec);
    if (!m) throw new UsageError(`--team "${spec}" is not @org/team=LOGIN,LOGIN`, 'e.g. --team @acme/mesh-admins=alice,bob');
    const members = (m[2] ?? '').split(',').map((s) => s.trim().replace(/^@/, '')).filter((s) => s !== '');
    teams.set((m[1] as string).toLowerCase(), new Set(members));
  }
  return teams;
}
