import type { Probot } from 'probot';
import type { DeliveryLedger } from './delivery-ledger.js';
import { describeError } from './http-status.js';
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

export interface LambdaHandlerOptions {
  /** WEBHOOK_SECRET. An empty secret rejects everything. */
  readonly secret: string;
  /** Created on the first verified delivery and reused while the container is warm. */
  readonly probot: () => Promise<Probot>;
  /** The ledger the Probot app records outcomes in (shared, so the response can say what happened). */
  readonly ledger: DeliveryLedger<HandlerOutcome>;
}

/**
 * The webhook endpoint: verify `X-Hub-Signature-256` over the exact bytes received (base64-decoded first when
 * `isBase64Encoded`), answer 401 on a bad signature before anything else happens (no GitHub call, no Probot),
 * then hand the event to Probot and answer 200 with what was done (also for ignored events).
 */
export function createLambdaHandler(options: LambdaHandlerOptions): (event: LambdaHttpEvent) => Promise<LambdaHttpResult> {
  return async (event) => {
    const method = event.requestContext?.http?.method ?? event.httpMethod;
    if (method !== undefined && method.toUpperCase() !== 'POST') return json(405, { error: 'only POST is accepted' }, { allow: 'POST' });
    const headers = lowerCaseKeys(event.headers ?? {});
    const raw = Buffer.from(event.body ?? '', event.isBase64Encoded === true ? 'base64' : 'utf8');
    if (!(await verifyWebhookSignature(options.secret, raw, headers['x-hub-signature-256']))) {
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
    const duplicate = options.ledger.has(id);
    try {
      const probot = await options.probot();
      if (!duplicate) await probot.receive({ id, name, payload } as Parameters<Probot['receive']>[0]);
      const outcome = await options.ledger.result(id);
      return json(200, { ok: true, delivery: id, duplicate, ...(outcome === undefined ? { outcome: 'ignored' } : outcome) });
    } catch (error) {
      const cause = unwrap(error);
      if (cause instanceof MalformedPayloadError) return json(400, { error: cause.message });
      console.error(`meshfed: delivery ${id} (${name}) failed: ${describeError(cause)}`);
      return json(500, { error: 'the event could not be handled; see the function logs', delivery: id });
    }
  };
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
