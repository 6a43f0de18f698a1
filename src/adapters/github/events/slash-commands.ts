import type { BotContext } from '../bot-context.js';
import { evaluatePullRequest, type EvaluationOutcome } from '../evaluation/evaluate-pull-request.js';
import { httpStatus } from '../http-status.js';
import { fetchPullRequest } from '../evaluation/pull-request-ref.js';
import type { RepoRef } from '../repo-ref.js';

export type SlashCommand = 'plan' | 'help' | 'unknown';

/** The first line that starts with `/meshfed` decides; anything else in the comment is conversation. */
export function parseSlashCommand(body: string | null | undefined): { command: SlashCommand; text: string } | undefined {
  for (const raw of (body ?? '').split(/\r?\n/)) {
    const line = raw.trim();
    const m = /^\/meshfed(?:\s+(\S+))?/.exec(line);
    if (m === null) continue;
    const word = (m[1] ?? 'help').toLowerCase();
    return { command: word === 'plan' ? 'plan' : word === 'help' ? 'help' : 'unknown', text: line };
  }
  return undefined;
}

export const HELP_TEXT = [
  '**meshfed commands** (for people with write access to this repository):',
  '',
  '- `/meshfed plan`: evaluate this pull request again now (validation, per-peer plan, consent).',
  '- `/meshfed help`: this message.',
  '',
  'meshfed checks every pull request on its own: **meshfed/validate** (intents are valid, CODEOWNERS is current) and ' +
    '**meshfed/consent** (every peer the change affects approved the current head commit). Approvals count only from ' +
    'owners listed in the base branch.',
].join('\n');

export interface IssueCommentInput {
  readonly repo: RepoRef;
  readonly issueNumber: number;
  readonly isPullRequest: boolean;
  readonly commentUser: { readonly login: string; readonly type: string };
  readonly body: string;
  readonly delivery: string;
}

export type SlashOutcome =
  | { readonly kind: 'ignored'; readonly reason: string }
  | { readonly kind: 'refused'; readonly login: string }
  | { readonly kind: 'help' }
  | { readonly kind: 'plan'; readonly evaluation: EvaluationOutcome };

/** Runs a `/meshfed` command from a pull-request comment, for users with write access only. */
export async function handleSlashCommand(ctx: BotContext, input: IssueCommentInput): Promise<SlashOutcome> {
  if (!input.isPullRequest) return { kind: 'ignored', reason: 'not a pull request' };
  if (input.commentUser.type === 'Bot') return { kind: 'ignored', reason: 'comment by a bot' };
  const cmd = parseSlashCommand(input.body);
  if (cmd === undefined) return { kind: 'ignored', reason: 'no /meshfed command' };
  const login = input.commentUser.login;
  if (!(await canWrite(ctx, input.repo, login))) {
    await reply(
      ctx,
      input,
      `@${login} thank you for asking. meshfed commands can only be run by people with write access to this repository, ` +
        'so nothing was done. A maintainer can run `/meshfed plan` for you; the checks also update on every push and review.',
    );
    return { kind: 'refused', login };
  }
  if (cmd.command === 'plan') {
    const pr = await fetchPullRequest(ctx.client, input.repo, input.issueNumber);
    return { kind: 'plan', evaluation: await evaluatePullRequest(ctx, pr, { delivery: input.delivery, force: true }) };
  }
  const prefix = cmd.command === 'unknown' ? `\`${cmd.text.slice(0, 80).replace(/`/g, "'")}\` is not a meshfed command.\n\n` : '';
  await reply(ctx, input, prefix + HELP_TEXT);
  return { kind: 'help' };
}

/** admin, maintain or write; anything else (read, triage, none, not a collaborator) cannot. */
async function canWrite(ctx: BotContext, repo: RepoRef, username: string): Promise<boolean> {
  try {
    const { data } = await ctx.client.request('GET /repos/{owner}/{repo}/collaborators/{username}/permission', {
      owner: repo.owner,
      repo: repo.repo,
      username,
    });
    return data.permission === 'admin' || data.permission === 'write' || data.role_name === 'maintain';
  } catch (error) {
    if (httpStatus(error) === 404) return false;
    throw error;
  }
}

async function reply(ctx: BotContext, input: IssueCommentInput, body: string): Promise<void> {
  await ctx.client.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
    owner: input.repo.owner,
    repo: input.repo.repo,
    issue_number: input.issueNumber,
    body,
  });
}
