import type { Probot } from 'probot';
import { MAX_DEFERRED_BYTES, type DeferredDelivery } from './deferred-delivery.js';
import { DeliveryLedger } from './delivery-ledger.js';
import { isHandledEvent } from './handled-events.js';
import { describeError } from '../http-status.js';
import { MalformedPayloadError } from './malformed-payload-error.js';
import type { HandlerOutcome } from './webhook-router.js';
import { verifyWebhookSignature } from './webhook-signature.js';

/** AWS Lambda function URL / API Gateway HTTP API (payload format 2.0) event; v1 `httpMethod` tolerated. */
export interface LambdaHttpEvent {
  readonly headers?: Readonly<Record<string, string | undefined>> | null;
  readonly body?: string | null;
  readonly isBase64Encoded?: boolean;
  readonly requestContext?: { readonly http?: { readonly method?: string } };
  readonly httpMethod?: string;
}

export interface LambdaHttpResult {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** What the handler uses of Lambda's context object: the ARN it was invoked as (with its alias or version). */
export interface LambdaContext {
  readonly invokedFunctionArn?: string;
}

export interface LambdaHandlerOptions {
  /** WEBHOOK_SECRET. An empty secret rejects everything. */
  readonly secret: string;
  /** Created on the first verified delivery and reused while the container is warm. */
  readonly probot: () => Promise<Probot>;
  /** The ledger the Probot app records outcomes in (shared, so the response can say what happened). */
  readonly ledger: DeliveryLedger<HandlerOutcome>;
  /**
   * Hands a verified delivery the bot acts on to a later, asynchronous invocation of this function
   * (deferred-delivery.ts), so that GitHub is answered at once whatever the size of the federation. Absent, or when
   * it fails, the delivery is evaluated in the webhook's own invocation.
   */
  readonly defer?: (delivery: DeferredDelivery, context: LambdaContext | undefined) => Promise<void>;
  /** Where failures are reported (default: the console, i.e. the function's log). */
  readonly log?: { error(message: string): void };
}

/**
 * The webhook endpoint: verify `X-Hub-Signature-256` over the exact bytes received (base64-decoded first when
 * `isBase64Encoded`), answer 401 on a bad signature before anything else happens (no GitHub call, no Probot).
 * A delivery the bot acts on is then, with `defer`, queued for an asynchronous invocation and answered 202 at once
 * (a redelivery of a queued id is not queued twice); everything else, and everything when `defer` is absent or
 * fails, is handed to Probot here and answered 200 with what was done (also for ignored events).
 */
export function createLambdaHandler(options: LambdaHandlerOptions): (event: LambdaHttpEvent, context?: LambdaContext) => Promise<LambdaHttpResult> {
  const log = options.log ?? console;
  const queued = new DeliveryLedger<true>();
  return async (event, context) => {
    const method = event.requestContext?.http?.method ?? event.httpMethod;
    if (method !== undefined && method.toUpperCase() !== 'POST') return json(405, { error: 'only POST is accepted' }, { allow: 'POST' });
    const headers = lowerCaseKeys(event.headers ?? {});
    const raw = Buffer.from(event.body ?? '', event.isBase64Encoded === true ? 'base64' : 'utf8');
    const signature = headers['x-hub-signature-256'];
    if (!(await verifyWebhookSignature(options.secret, raw, signature))) {
      return json(401, { error: 'signature does not match: check the webhook secret' });
    }
    const id = headers['x-github-delivery'];
    const name = headers['x-github-event'];
    if (!id || !name) return json(400, { error: 'X-GitHub-Delivery and X-GitHub-Event headers are required' });
    let payload: unknown;
    try {
      payload = JSON.parse(raw.toString('utf8'));
    } catch {
      return json(400, { error: 'body is not JSON' });
    }
    const defer = options.defer;
    if (defer !== undefined && !options.ledger.has(id) && isHandledEvent(name, payload) && raw.byteLength <= MAX_DEFERRED_BYTES) {
      const duplicate = queued.has(id);
      try {
        await queued.run(id, async () => {
          await defer({ meshfed: 'deferred-delivery', delivery: id, event: name, signature: signature ?? '', body: raw.toString('base64') }, context);
          return true;
        });
        return json(202, { ok: true, delivery: id, duplicate, queued: true });
      } catch (error) {
        log.error(
          `meshfed: delivery ${id} (${name}) could not be queued for evaluation (${describeError(error)}); evaluating it in this invocation instead. ` +
            'Allow the function lambda:InvokeFunction on itself (docs/github-app.md), or set MESHFED_EVALUATE=inline.',
        );
      }
    }
    const r = await receive(options, id, name, payload);
    if (r.ok) return json(200, { ok: true, delivery: id, ...r.result });
    if (r.malformed) return json(400, { error: r.error });
    log.error(`meshfed: delivery ${id} (${name}) failed: ${r.error}`);
    return json(500, { error: 'the event could not be handled; see the function logs', delivery: id });
  };
}

/**
 * The asynchronous invocation of a deferred delivery: verify the signature again (a deferred delivery is trusted no
 * more than the webhook), evaluate once per delivery id (Lambda may deliver an asynchronous event twice), and fail
 * the invocation when the evaluation fails without having reported it, so that Lambda retries it (twice, then the
 * on-failure destination); the scheduled sweep catches up on anything still missing.
 */
export function createDeferredDeliveryHandler(options: Omit<LambdaHandlerOptions, 'defer'>): (delivery: DeferredDelivery) => Promise<Record<string, unknown>> {
  const log = options.log ?? console;
  return async (d) => {
    const raw = Buffer.from(d.body, 'base64');
    if (!(await verifyWebhookSignature(options.secret, raw, d.signature))) {
      log.error(`meshfed: deferred delivery ${d.delivery} does not carry a valid signature: ignored (who else can invoke this function?)`);
      return { ok: false, delivery: d.delivery, error: 'signature does not match' };
    }
    let payload: unknown;
    try {
      payload = JSON.parse(raw.toString('utf8'));
    } catch {
      return { ok: false, delivery: d.delivery, error: 'body is not JSON' };
    }
    const r = await receive(options, d.delivery, d.event, payload);
    if (r.ok) return { ok: true, delivery: d.delivery, ...r.result };
    // A payload that does not parse will not parse on a retry either.
    if (r.malformed) {
      log.error(`meshfed: deferred delivery ${d.delivery} (${d.event}) is malformed: ${r.error}`);
      return { ok: false, delivery: d.delivery, error: r.error };
    }
    log.error(`meshfed: deferred delivery ${d.delivery} (${d.event}) failed: ${r.error}; Lambda retries it`);
    throw new Error(`delivery ${d.delivery} (${d.event}) failed: ${r.error}`);
  };
}

type Received =
  | { readonly ok: true; readonly result: Record<string, unknown> }
  | { readonly ok: false; readonly malformed: boolean; readonly error: string };

/** Hands a verified delivery to Probot once per id (the ledger), and says what came of it. */
async function receive(options: Pick<LambdaHandlerOptions, 'probot' | 'ledger'>, id: string, name: string, payload: unknown): Promise<Received> {
  const duplicate = options.ledger.has(id);
  try {
    const probot = await options.probot();
    if (!duplicate) await probot.receive({ id, name, payload } as Parameters<Probot['receive']>[0]);
    const outcome = await options.ledger.result(id);
    return { ok: true, result: { duplicate, ...(outcome === undefined ? { outcome: 'ignored' } : outcome) } };
  } catch (error) {
    const cause = unwrap(error);
    return { ok: false, malformed: cause instanceof MalformedPayloadError, error: cause instanceof MalformedPayloadError ? cause.message : describeError(cause) };
  }
}

/** Probot wraps handler errors in an AggregateError: the first one is the interesting one. */
function unwrap(error: unknown): unknown {
  if (error instanceof AggregateError && error.errors.length > 0) return unwrap(error.errors[0]);
  return error;
}

function lowerCaseKeys(h: Readonly<Record<string, string | undefined>>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(h)) out[k.toLowerCase()] = v;
  return out;
}

function json(statusCode: number, body: unknown, extra: Record<string, string> = {}): LambdaHttpResult {
  return { statusCode, headers: { 'content-type': 'application/json', ...extra }, body: JSON.stringify(body) };
}
