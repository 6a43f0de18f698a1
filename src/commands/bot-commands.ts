// The GitHub App's own work, reachable from the CLI: the scheduled sweep and GitHub Actions mode.
import { runActionsEventFromEnv } from '../adapters/github/events/actions-event.js';
import { botConfigFromEnv } from '../adapters/github/bot-config.js';
import { parseRepoRef } from '../adapters/github/repo-ref.js';
import { runSweepWithToken } from '../adapters/github/events/sweep.js';
import type { CommandContext } from './command-context.js';
import { defineCommand, type OptionSpecs, type ParsedArgs } from './command-definition.js';
import { EXIT_OK, UsageError } from './usage-error.js';

const SWEEP_OPTIONS = {
  repo: { type: 'string', value: 'OWNER/NAME', help: 'the federation repository (default: $GITHUB_REPOSITORY)' },
} as const satisfies OptionSpecs;

export const SWEEP_COMMAND = defineCommand(
  {
    name: 'sweep',
    synopsis: '--repo OWNER/NAME',
    description:
      'Re-evaluate open pull requests whose meshfed checks are missing, unfinished or older than the newest review ' +
      '(GitHub does not redeliver failed webhooks). Run it on a schedule. The token comes from MESHFED_TOKEN or ' +
      'GITHUB_TOKEN; set GITHUB_API_URL for GitHub Enterprise Server.',
    options: SWEEP_OPTIONS,
    seeAlso: 'docs/github-app.md',
  },
  sweepRun,
);

export const BOT_EVENT_COMMAND = defineCommand(
  {
    name: 'bot-event',
    synopsis: '',
    description:
      'GitHub Actions mode (workflows/meshfed-bot.yml): handle the workflow\'s event (GITHUB_EVENT_NAME, ' +
      'GITHUB_EVENT_PATH) as the meshfed bot would, with GITHUB_TOKEN. Pull-request code is never checked out or ' +
      'run: intents are read through the API as data.',
    options: {},
    seeAlso: 'docs/github-app.md',
  },
  botEventRun,
);

export async function sweepRun({ values }: ParsedArgs<typeof SWEEP_OPTIONS>, ctx: CommandContext): Promise<number> {
  const repository = values.repo ?? ctx.env.GITHUB_REPOSITORY;
  if (repository === undefined) throw new UsageError('--repo OWNER/NAME is required', 'or set GITHUB_REPOSITORY');
  const token = ctx.env.MESHFED_TOKEN || ctx.env.GITHUB_TOKEN;
  if (!token) throw new UsageError('no token', 'set MESHFED_TOKEN or GITHUB_TOKEN to a token that can read pull requests and write checks');
  let parsed;
  try {
    parsed = parseRepoRef(repository);
  } catch (error) {
    throw new UsageError(`--repo: ${(error as Error).message}`, 'write OWNER/NAME, e.g. --repo acme/federation', { cause: error });
  }
  const { owner, repo } = parsed;
  const rows = await runSweepWithToken({
    owner,
    repo,
    token,
    config: botConfigFromEnv(ctx.env),
    ...(ctx.env.GITHUB_API_URL ? { baseUrl: ctx.env.GITHUB_API_URL } : {}),
  });
  for (const r of rows) {
    ctx.printer.out(`#${r.number} ${r.head.slice(0, 12)} ${r.reason}${r.outcome ? ` -> ${r.outcome}` : ''}${r.error ? ` (${r.error})` : ''}`);
  }
  ctx.printer.out(`${rows.length} open pull requests looked at, ${rows.filter((r) => r.reason !== 'current').length} re-evaluated`);
  return EXIT_OK;
}

export async function botEventRun(_args: unknown, ctx: CommandContext): Promise<number> {
  const outcome = await runActionsEventFromEnv(ctx.env);
  ctx.printer.out(JSON.stringify(outcome));
  return EXIT_OK;
}
