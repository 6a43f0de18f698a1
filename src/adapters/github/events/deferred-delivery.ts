/**
 * A verified webhook delivery handed from the invocation that answered GitHub to a later one that evaluates it
 * (docs/github-app.md, "Answering GitHub within 10 seconds"). It carries the delivery exactly as received (raw
 * body, signature header), and the later invocation verifies the signature again: a deferred delivery is trusted
 * no more than the webhook itself. It reaches the function only through Lambda's Invoke API (IAM
 * `lambda:InvokeFunction`), never through the function URL, whose events always have `requestContext`.
 */
export interface DeferredDelivery {
  readonly meshfed: 'deferred-delivery';
  /** X-GitHub-Delivery, X-GitHub-Event and X-Hub-Signature-256 as received. */
  readonly delivery: string;
  readonly event: string;
  readonly signature: string;
  /** The raw body, base64 (exactly the bytes GitHub signed). */
  readonly body: string;
}

export function isDeferredDelivery(event: unknown): event is DeferredDelivery {
  if (typeof event !== 'object' || event === null) return false;
  const e = event as Record<string, unknown>;
  return (
    e.meshfed === 'deferred-delivery' &&
    e.requestContext === undefined &&
    e.headers === undefined &&
    typeof e.delivery === 'string' &&
    typeof e.event === 'string' &&
    typeof e.signature === 'string' &&
    typeof e.body === 'string'
  );
}

/** Lambda's asynchronous invocation takes at most 1 MB of payload (API_Invoke); larger deliveries are evaluated at once. */
export const MAX_DEFERRED_BYTES = 1_000_000;
