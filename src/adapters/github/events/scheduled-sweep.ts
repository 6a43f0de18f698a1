import type { Probot } from 'probot';
import type { BotConfig } from '../bot-config.js';
import type { BotLog } from '../bot-context.js';
import { parseRepoRef } from '../repo-ref.js';
import type { ScheduledSweepEvent } from './scheduled-sweep-event.js';
import { runSweep, type SweepRow } from './sweep.js';

/**
 * The sweep on a schedule in the serverless deployment (see scheduled-sweep-event.ts): each repository is swept
 * with its installation's token, found through the App's JWT (`GET /repos/{owner}/{repo}/installation`).
 */
export async function runScheduledSweep(
  probot: Probot,
  event: ScheduledSweepEvent,
  config: BotConfig,
  log: BotLog,
): Promise<Record<string, SweepRow[] | { error: string }>> {
  const results: Record<string, SweepRow[] | { error: string }> = {};
  const app = await probot.auth();
  for (const fullName of event.repositories) {
    try {
      const repo = parseRepoRef(fullName);
      const { data } = await app.request('GET /repos/{owner}/{repo}/installation', { owner: repo.owner, repo: repo.repo });
      const client = await probot.auth(data.id);
      results[fullName] = await runSweep(client, repo, { config, log });
    } catch (error) {
      log.error(`meshfed sweep of ${fullName} failed: ${(error as Error).message}`);
      results[fullName] = { error: (error as Error).message };
    }
  }
  return results;
}
