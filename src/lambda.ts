// Entry point: AWS Lambda function URL / API Gateway HTTP API handler, and the scheduled sweep (wiring only).
// Env: APP_ID, PRIVATE_KEY (or PRIVATE_KEY_PATH), WEBHOOK_SECRET, optional MESHFED_ROOT, LOG_LEVEL, GHE_HOST.
import { createProbot, type Probot } from 'probot';
import { botConfigFromEnv } from './adapters/github/bot-config.js';
import { DeliveryLedger } from './adapters/github/delivery-ledger.js';
import { meshfedOctokitClass } from './adapters/github/github-client.js';
import { createLambdaHandler, type LambdaHttpEvent, type LambdaHttpResult } from './adapters/github/lambda-handler.js';
import { meshfedProbotApp } from './adapters/github/probot-app.js';
import { isScheduledSweepEvent, type ScheduledSweepEvent } from './adapters/github/scheduled-sweep-event.js';
import type { HandlerOutcome } from './adapters/github/webhook-router.js';

const config = botConfigFromEnv(process.env);
const ledger = new DeliveryLedger<HandlerOutcome>();
let probot: Promise<Probot> | undefined;

function getProbot(): Promise<Probot> {
  probot ??= (async () => {
    let p: Probot;
    try {
      p = createProbot({ overrides: { Octokit: meshfedOctokitClass() } });
    } catch (cause) {
      const why = cause instanceof Error ? cause.message : String(cause);
      throw new Error(`cannot start the GitHub App (${why}): set APP_ID and PRIVATE_KEY (or PRIVATE_KEY_PATH) in the function's environment`, { cause });
    }
    await p.load(meshfedProbotApp(config, ledger));
    return p;
  })();
  return probot;
}

const handle = createLambdaHandler({ secret: process.env.WEBHOOK_SECRET ?? '', probot: getProbot, ledger });

export async function handler(event: LambdaHttpEvent | ScheduledSweepEvent): Promise<LambdaHttpResult | Record<string, unknown>> {
  if (isScheduledSweepEvent(event)) {
    const { runScheduledSweep } = await import('./adapters/github/scheduled-sweep.js');
    return runScheduledSweep(await getProbot(), event, config, console);
  }
  return handle(event);
}
