import { createHmac, timingSafeEqual } from 'node:crypto';

const PREFIX = 'sha256=';

/**
 * `X-Hub-Signature-256` is an HMAC-SHA256 of the exact bytes GitHub sent, keyed with the webhook secret
 * (https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries). It must be computed over
 * the raw body: re-serialising parsed JSON changes bytes (escapes, spacing) and breaks it
 * (octokit/webhooks.js#71). Constant-time comparison; any malformed header is simply "not valid".
 */
export function verifyWebhookSignature(secret: string, rawBody: Uint8Array, header: string | undefined): boolean {
  if (secret === '' || header === undefined || !header.startsWith(PREFIX)) return false;
  const given = header.slice(PREFIX.length);
  if (!/^[0-9a-f]{64}$/i.test(given)) return false;
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  return timingSafeEqual(expected, Buffer.from(given, 'hex'));
}

/** The header value GitHub would send for `rawBody` (used by tests, benches and local replays). */
export function signWebhookPayload(secret: string, rawBody: Uint8Array | string): string {
  return PREFIX + createHmac('sha256', secret).update(rawBody).digest('hex');
}
