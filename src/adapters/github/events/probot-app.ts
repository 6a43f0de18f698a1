import type { ApplicationFunction, Probot } from 'probot';
import type { CompileCache } from '../../../core/compile-cache.js';
import type { BotConfig } from '../bot-config.js';
import type { BotLog } from '../bot-context.js';
import { DeliveryLedger } from './delivery-ledger.js';
import { eventLabel, isHandledEvent } from './handled-events.js';
import type { HandlerOutcome } from './webhook-router.js';

/** The events app.yml subscribes to. */
export const SUBSCRIBED_EVENTS = [
  'pull_request',
  'pull_request_review',
  'check_run',
  'issue_comment',
  'push',
  'deployment_status',
] as const;

/**
 * The Probot application function: every event goes through the delivery ledger (one run per delivery id)
 * to `handleWebhookEvent`, with the installation-authenticated Octokit Probot gives each event. Events the bot
 * ignores are answered without loading the router (and with it the core: schemas, YAML, render), which keeps
 * a cold start for them at the cost of a bare Probot app; the router is imported on the first event it needs.
 */
export function meshfedProbotApp(config: BotConfig, ledger: DeliveryLedger<HandlerOutcome> = new DeliveryLedger()): ApplicationFunction {
  return (app: Probot) => {
    // One parse/render cache per app, i.e. per process: a warm Lambda reuses it for the next events. Created on the
    // first handled event, with the core (ignored events never load it).
    let cache: CompileCache | undefined;
    app.on([...SUBSCRIBED_EVENTS], async (context) => {
      const log: BotLog = {
        debug: (m) => context.log.debug(m),
        info: (m) => context.log.info(m),
        warn: (m) => context.log.warn(m),
        error: (m) => context.log.error(m),
      };
      await ledger.run(context.id, async () => {
        if (!isHandledEvent(context.name, context.payload)) return { event: eventLabel(context.name, context.payload), outcome: 'ignored' };
        const { handleWebhookEvent } = await import('./webhook-router.js');
        cache ??= new (await import('../../../core/compile-cache.js')).CompileCache(config.compileCache);
        return handleWebhookEvent({ client: context.octokit, config, log, cache }, { id: context.id, name: context.name, payload: context.payload });
      });
    });
  };
}
