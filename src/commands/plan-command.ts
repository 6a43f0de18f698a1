import { changedFiles } from '../adapters/git/changed-files.js';
import { resolveCommit } from '../adapters/git/read-git-tree.js';
import type { Review } from '../core/consent/consent-types.js';
import { consentRelevantChanges } from '../core/consent/generated-codeowners.js';
import { evaluateConsent } from '../core/consent/evaluate-consent.js';
import { consentToGithub } from '../core/consent/format-consent.js';
import { hasErrors } from '../core/diagnostics.js';
import { planToGithub, planToHuman, planToJson } from '../core/plan/format-plan.js';
import { planFederation } from '../core/plan/plan-federation.js';
import type { CommandContext } from './command-context.js';
import { compileDirectory } from './compile-directory.js';
import { locateFederation } from './federation-location.js';
import { FORMAT_OPTION, parseCommandArgs, parseFormat } from './parse-command-args.js';
import { readFederationAtRef } from './read-base-federation.js';
import { readHeadCodeowners } from './read-head-codeowners.js';
import { reportDiagnostics, reportInvalid } from './report-diagnostics.js';
import { EXIT_OK, UsageError } from './usage-error.js';

export const PLAN_USAGE = `meshfed plan [DIR] --base REF [--head REF] [--author LOGIN] [--approve LOGIN]...
             [--team @org/team=LOGIN,LOGIN]... [--no-diff] [--format human|json|github]
  Compare the federation at git ref REF with --head (default: the working tree): per peer, the
  objects added, changed and removed with a unified diff, then the peers whose approval the change
  needs (owners read from the base). --approve counts LOGIN as having approved the head commit,
  --author names the pull request's author, --team says who is in an owner team.`;

export async function planCommand(argv: readonly string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    'plan',
    argv,
    {
      ...FORMAT_OPTION,
      base: { type: 'string' },
      head: { type: 'string' },
      author: { type: 'string' },
      approve: { type: 'string', multiple: true },
      team: { type: 'string', multiple: true },
      'no-diff': { type: 'boolean' },
    },
    1,
  );
  const format = parseFormat('plan', values.format);
  if (values.base === undefined) throw new UsageError('plan: --base REF is required (e.g. --base origin/main)');
  const location = locateFederation(positionals[0], ctx.cwd);
  const teamMembers = parseTeams(values.team ?? []);

  const base = await readFederationAtRef(location, values.base);
  const head = values.head === undefined ? await compileDirectory(location) : await readFederationAtRef(location, values.head);
  const headLabel = values.head ?? 'working tree';
  if (hasErrors(base.diagnostics) && format !== 'json') {
    ctx.printer.err(`meshfed: the federation at ${values.base} is itself invalid (${base.diagnostics.length} problems); planning against what could be rendered of it`);
  }
  reportDiagnostics(ctx.printer, format, head.diagnostics);
  if (!head.rendered) return reportInvalid(ctx.printer, format, head.diagnostics, `${location.root} at ${headLabel}: invalid, no plan`);
  const plan = planFederation(base.rendered ?? new Map(), head.rendered);
  const headSha = values.head === undefined ? 'WORKING-TREE' : await resolveCommit(location.repoDir, values.head);
  const reviews: Review[] = (values.approve ?? []).map((login) => ({ login: login.replace(/^@/, ''), commitId: headSha, state: 'APPROVED' }));
  const consent = evaluateConsent({
    base: base.model,
    head: head.model,
    plan,
    changedFiles: consentRelevantChanges(
      await changedFiles(location.repoDir, values.base, values.head),
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
    if (!m) throw new UsageError(`plan: --team "${spec}" is not @org/team=login,login`);
    const members = (m[2] ?? '').split(',').map((s) => s.trim().replace(/^@/, '')).filter((s) => s !== '');
    teams.set((m[1] as string).toLowerCase(), new Set(members));
  }
  return teams;
}
