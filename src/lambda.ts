// Entry point: AWS Lambda function URL / API Gateway HTTP API handler, the asynchronous evaluation of deferred
// deliveries, and the scheduled sweep (wiring only).
// Env: APP_ID, PRIVATE_KEY (or PRIVATE_KEY_PATH), WEBHOOK_SECRET, optional MESHFED_ROOT, LOG_LEVEL, GHE_HOST,
// MESHFED_EVALUATE (`inline`: evaluate in the webhook's invocation instead of an asynchronous one).
import { createProbot, type Probot } from 'probot';
import { botConfigFromEnv } from './adapters/github/bot-config.js';
import { DeliveryLedger } from './adapters/github/events/delivery-ledger.js';
import { meshfedOctokitClass } from './adapters/github/github-client.js';
import { lambdaSelfInvoker } from './adapters/aws/lambda-self-invoke.js';
import { isDeferredDelivery, type DeferredDelivery } from './adapters/github/events/deferred-delivery.js';
import {
  createDeferredDeliveryHandler,
  createLambdaHandler,
  type LambdaContext,
  type LambdaHttpEvent,
  type LambdaHttpResult,
} from './adapters/github/events/lambda-handler.js';
import { meshfedProbotApp } from './adapters/github/events/probot-app.js';
import { isScheduledSweepEvent, type ScheduledSweepEvent } from './adapters/github/events/scheduled-sweep-event.js';
import type { HandlerOutcome } from './adapters/github/events/webhook-router.js';

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

// On Lambda (AWS_LAMBDA_FUNCTION_NAME is set there), evaluations run in an asynchronous invocation of this function
// and GitHub is answered at once (docs/github-app.md, "Answering GitHub within 10 seconds").
const functionName = process.env.AWS_LAMBDA_FUNCTION_NAME;
const invoke = functionName !== undefined && process.env.MESHFED_EVALUATE !== 'inline' ? lambdaSelfInvoker() : undefined;
const secret = process.env.WEBHOOK_SECRET ?? '';
const handle = createLambdaHandler({
  secret,
  probot: getProbot,
  ledger,
  ...(invoke === undefined ? {} : { defer: (d: DeferredDelivery, ctx: LambdaContext | undefined) => invoke(d, ctx?.invokedFunctionArn ?? (functionName as string)) }),
});
const handleDeferred = createDeferredDeliveryHandler({ secret, probot: getProbot, ledger });

export async function handler(
  event: LambdaHttpEvent | ScheduledSweepEvent | DeferredDelivery,
  context?: LambdaContext,
): Promise<LambdaHttpResult | Record<string, unknown>> {
  if (isScheduledSweepEvent(event)) {
    const { runScheduledSweep } = await import('./adapters/github/events/scheduled-sweep.js');
    return runScheduledSweep(await getProbot(), event, config, console);
  }
  if (isDeferredDelivery(event)) return handleDeferred(event);
  return handle(event, context);
}
