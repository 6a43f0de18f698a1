// The GitHub App's own work, reachable from the CLI: the scheduled sweep and GitHub Actions mode.
import { runActionsEventFromEnv } from '../adapters/github/actions-event.js';
import { botConfigFromEnv } from '../adapters/github/bot-config.js';
import { parseRepoRef } from '../adapters/github/repo-ref.js';
import { runSweepWithToken } from '../adapters/github/sweep.js';
import type { CommandContext } from './command-context.js';
import { parseCommandArgs } from './parse-command-args.js';
import { EXIT_OK, UsageError } from './usage-error.js';

export const SWEEP_USAGE = `meshfed sweep --repo OWNER/NAME
  Re-evaluate open pull requests whose meshfed checks are missing, unfinished or older than the
  newest review (GitHub does not redeliver failed webhooks). Token from MESHFED_TOKEN or
  GITHUB_TOKEN; GITHUB_API_URL for GitHub Enterprise Server. Run it on a schedule.`;

export const BOT_EVENT_USAGE = `meshfed bot-event
  GitHub Actions mode (workflows/meshfed-bot.yml): handle the workflow's event
  (GITHUB_EVENT_NAME, GITHUB_EVENT_PATH) as the meshfed bot would, with GITHUB_TOKEN.
  Pull-request code is never checked out or run: intents are read through the API as data.`;

export async function sweepRun(argv: readonly string[], ctx: CommandContext): Promise<number> {
  const { values } = parseCommandArgs('sweep', argv, { repo: { type: 'string' } }, 0);
  const repository = values.repo ?? ctx.env.GITHUB_REPOSITORY;
  if (repository === undefined) throw new UsageError('sweep: --repo OWNER/NAME is required (or set GITHUB_REPOSITORY)');
  const token = ctx.env.MESHFED_TOKEN || ctx.env.GITHUB_TOKEN;
  if (!token) throw new UsageError('sweep: set MESHFED_TOKEN or GITHUB_TOKEN to a token that can read pull requests and write checks');
  let parsed;
  try {
    parsed = parseRepoRef(repository);
  } catch (error) {
    throw new UsageError(`sweep: ${(error as Error).message}`, { cause: error });
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

export async function botEventRun(argv: readonly string[], ctx: CommandContext): Promise<number> {
  parseCommandArgs('bot-event', argv, {}, 0);
  const outcome = await runActionsEventFromEnv(ctx.env);
  ctx.printer.out(JSON.stringify(outcome));
  return EXIT_OK;
}
