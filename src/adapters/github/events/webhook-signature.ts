import { createHmac } from 'node:crypto';
import { verify } from '@octokit/webhooks-methods';

const PREFIX = 'sha256=';

/**
 * `X-Hub-Signature-256` is an HMAC-SHA256 of the exact bytes GitHub sent, keyed with the webhook secret
 * (https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries), checked with Octokit's own
 * `@octokit/webhooks-methods` `verify` (constant-time). It must be computed over the raw body: re-serialising
 * parsed JSON changes bytes (escapes, spacing) and breaks it (octokit/webhooks.js#71). `verify` takes the body as
 * a string, so bytes that are not valid UTF-8 (which GitHub never sends) are refused rather than decoded lossily.
 * An empty secret, a missing or malformed header: "not valid".
 */
export async function verifyWebhookSignature(secret: string, rawBody: Uint8Array, header: string | undefined): Promise<boolean> {
  if (secret === '' || header === undefined || !header.startsWith(PREFIX)) return false;
  const text = Buffer.from(rawBody.buffer, rawBody.byteOffset, rawBody.byteLength).toString('utf8');
  if (!Buffer.from(text, 'utf8').equals(rawBody)) return false;
  try {
    return await verify(secret, text, header);
  } catch {
    return false; // verify() throws on an empty body or header: not a valid delivery
  }
}

/** The header value GitHub would send for `rawBody` (used by tests, benches and local replays). */
export function signWebhookPayload(secret: string, rawBody: Uint8Array | string): string {
  return PREFIX + createHmac('sha256', secret).update(rawBody).digest('hex');
}
