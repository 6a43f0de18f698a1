// The cold-start bench's baseline: a bare Probot app on Lambda doing the same job as dist/lambda.mjs for one
// event (verify the signature over the raw body, hand the event to Probot, one no-op handler, answer 200).
// Bundled with the same esbuild options as the real handler (scripts/build.mjs --entry-file).
import { createProbot, type Probot } from 'probot';

let probot: Promise<Probot> | undefined;

export async function handler(event: { headers: Record<string, string>; body: string; isBase64Encoded?: boolean }): Promise<{ statusCode: number; body: string }> {
  probot ??= (async () => {
    const p = createProbot();
    await p.load((app) => {
      app.on('pull_request', async () => undefined);
    });
    return p;
  })();
  const p = await probot;
  const h = Object.fromEntries(Object.entries(event.headers).map(([k, v]) => [k.toLowerCase(), v]));
  const body = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  await p.webhooks.verifyAndReceive({
    id: h['x-github-delivery'] ?? '',
    name: (h['x-github-event'] ?? '') as Parameters<Probot['webhooks']['verifyAndReceive']>[0]['name'],
    signature: h['x-hub-signature-256'] ?? '',
    payload: body,
  });
  return { statusCode: 200, body: '{"ok":true}' };
}
