import { readFile } from 'node:fs/promises';
import { botConfigFromEnv, type BotConfig } from '../bot-config.js';
import type { BotLog } from '../bot-context.js';
import { createTokenClient, type OctokitTuning } from '../github-client.js';
import { parseRepoRef } from '../repo-ref.js';
import { runSweep, type SweepRow } from './sweep.js';
import { handleWebhookEvent, type HandlerOutcome } from './webhook-router.js';

/**
 * GitHub Actions mode: the bot runs inside the federation repository's own workflow (workflows/meshfed-bot.yml),
 * no server. The workflow's event (GITHUB_EVENT_NAME, the JSON at GITHUB_EVENT_PATH) goes through the same
 * `handleWebhookEvent` as the App, with GITHUB_TOKEN. Intents are only ever read through the API as data: for
 * `pull_request_target` from a fork, no pull-request code is checked out, installed or run.
 * `schedule` and `workflow_dispatch` run the sweep.
 */
export interface ActionsEventInput {
  readonly eventName: string;
  readonly eventPath: string;
  readonly token: string;
  /** GITHUB_REPOSITORY (`owner/name`), for the sweep. */
  readonly repository?: string;
  /** GITHUB_RUN_ID / GITHUB_RUN_ATTEMPT: the delivery id of this run (a re-run is a new attempt, so it evaluates again). */
  readonly runId?: string;
  readonly runAttempt?: string;
  /** GITHUB_API_URL (GitHub Enterprise Server). */
  readonly apiUrl?: string;
  readonly config?: BotConfig;
  readonly log?: BotLog;
  readonly tuning?: OctokitTuning;
}

export type ActionsOutcome = HandlerOutcome | { readonly event: string; readonly outcome: 'swept'; readonly detail: readonly SweepRow[] };

export async function runActionsEvent(input: ActionsEventInput): Promise<ActionsOutcome> {
  if (input.token === '') throw new Error('GITHUB_TOKEN is empty: pass `env: GITHUB_TOKEN: ${{ github.token }}` to the step');
  const client = createTokenClient(input.token, {
    ...input.tuning,
    ...(input.apiUrl === undefined ? {} : { baseUrl: input.apiUrl }),
    ...(input.log === undefined ? {} : { log: input.log }),
  });
  const config = input.config ?? botConfigFromEnv({});
  const log: BotLog = input.log ?? { debug: () => undefined, info: (m) => console.log(m), warn: (m) => console.warn(m), error: (m) => console.error(m) };
  if (input.eventName === 'schedule' || input.eventName === 'workflow_dispatch') {
    if (input.repository === undefined) throw new Error('GITHUB_REPOSITORY is not set: the sweep needs owner/name');
    const rows = await runSweep(client, parseRepoRef(input.repository), { config, log });
    return { event: input.eventName, outcome: 'swept', detail: rows };
  }
  let payload: unknown;
  try {
    payload = JSON.parse(await readFile(input.eventPath, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read the event payload at ${input.eventPath}`, { cause: error });
  }
  const id = `actions:${input.runId ?? 'local'}:${input.runAttempt ?? '1'}`;
  if (input.eventName === 'pull_request_review' && isForkPullRequest(payload)) {
    // GitHub gives workflows triggered by reviews on fork pull requests a read-only token: nothing could be
    // written. The scheduled sweep (or a maintainer's `/meshfed plan`) evaluates the review instead.
    return { event: 'pull_request_review', outcome: 'deferred', detail: 'review on a fork pull request: the scheduled sweep evaluates it' };
  }
  return handleWebhookEvent({ client, config, log }, { id, name: input.eventName, payload });
}

function isForkPullRequest(payload: unknown): boolean {
  const pr = (payload as { pull_request?: { head?: { repo?: { full_name?: string } | null }; base?: { repo?: { full_name?: string } } } }).pull_request;
  return pr?.head?.repo?.full_name !== pr?.base?.repo?.full_name;
}

/** `meshfed bot-event` (the lead's CLI): everything from the Actions environment. */
export async function runActionsEventFromEnv(env: Readonly<Record<string, string | undefined>>): Promise<ActionsOutcome> {
  const need = (k: string): string => {
    const v = env[k];
    if (v === undefined || v === '') throw new Error(`${k} is not set: run \`meshfed bot-event\` inside a GitHub Actions job`);
    return v;
  };
  return runActionsEvent({
    eventName: need('GITHUB_EVENT_NAME'),
    eventPath: env.GITHUB_EVENT_NAME === 'schedule' || env.GITHUB_EVENT_NAME === 'workflow_dispatch' ? (env.GITHUB_EVENT_PATH ?? '') : need('GITHUB_EVENT_PATH'),
    token: env.MESHFED_TOKEN || need('GITHUB_TOKEN'),
    ...(env.GITHUB_REPOSITORY ? { repository: env.GITHUB_REPOSITORY } : {}),
    ...(env.GITHUB_RUN_ID ? { runId: env.GITHUB_RUN_ID } : {}),
    ...(env.GITHUB_RUN_ATTEMPT ? { runAttempt: env.GITHUB_RUN_ATTEMPT } : {}),
    ...(env.GITHUB_API_URL ? { apiUrl: env.GITHUB_API_URL } : {}),
    config: botConfigFromEnv(env),
  });
}
