import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLambdaHandler, type LambdaHttpEvent } from '../../src/adapters/github/events/lambda-handler.js';
import type { handler as LambdaEntry } from '../../src/lambda.js';
import { signWebhookPayload, verifyWebhookSignature } from '../../src/adapters/github/events/webhook-signature.js';
import { notesChange } from './fixtures/federation-fixture.js';
import { useGitHubMock } from './http-mock.js';
import { createTestApp, mockPrReads, mockPrWrites, OWNER, pullRequestPayload, REPO } from './harness.js';

const gh = useGitHubMock();
const SECRET = 'It\'s a Secret to Everybody';

function event(body: string, o: { secret?: string; base64?: boolean; name?: string; id?: string; method?: string; signature?: string } = {}): LambdaHttpEvent {
  return {
    headers: {
      'Content-Type': 'application/json',
      'X-GitHub-Event': o.name ?? 'pull_request',
      'X-GitHub-Delivery': o.id ?? '72d3162e-cc78-11e3-81ab-4c9367dc0958',
      'X-Hub-Signature-256': o.signature ?? signWebhookPayload(o.secret ?? SECRET, body),
    },
    body: o.base64 ? Buffer.from(body, 'utf8').toString('base64') : body,
    isBase64Encoded: o.base64 ?? false,
    requestContext: { http: { method: o.method ?? 'POST' } },
  };
}

describe('webhook signature', () => {
  it("GIVEN GitHub's documented example WHEN verified THEN it matches", async () => {
    // https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries#testing-the-webhook-payload-validation
    const header = 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17';
    expect(await verifyWebhookSignature(SECRET, Buffer.from('Hello, World!'), header)).toBe(true);
    expect(await verifyWebhookSignature(SECRET, Buffer.from('Hello, World?'), header)).toBe(false);
  });

  it.each([[undefined], [''], ['sha1=abc'], ['sha256=zz'], [`sha256=${'0'.repeat(64)}`]])('GIVEN the header %j WHEN verified THEN it is rejected', async (header) => {
    expect(await verifyWebhookSignature(SECRET, Buffer.from('{}'), header)).toBe(false);
  });

  it('GIVEN a body that is not valid UTF-8 WHEN verified THEN it is rejected even with an HMAC over its bytes', async () => {
    const bytes = Buffer.from([0x7b, 0xff, 0x7d]);
    expect(await verifyWebhookSignature(SECRET, bytes, signWebhookPayload(SECRET, bytes))).toBe(false);
  });

  it('GIVEN an empty secret WHEN verifying anything THEN it is rejected', async () => {
    expect(await verifyWebhookSignature('', Buffer.from('{}'), signWebhookPayload('', '{}'))).toBe(false);
  });
});

describe('Lambda handler (function URL / HTTP API v2 events)', () => {
  async function handlerWithTestApp() {
    const app = await createTestApp();
    return createLambdaHandler({ secret: SECRET, probot: async () => app.probot, ledger: app.ledger });
  }

  it('GIVEN a bad signature WHEN invoked THEN 401 and GitHub is never called', async () => {
    gh();
    const handler = await handlerWithTestApp();
    const body = JSON.stringify(pullRequestPayload('opened'));
    const res = await handler(event(body, { secret: 'wrong secret' }));
    expect(res.statusCode).toBe(401);
  });

  it('GIVEN a signature over different bytes (re-serialised JSON) WHEN invoked THEN 401', async () => {
    gh();
    const handler = await handlerWithTestApp();
    const raw = JSON.stringify(pullRequestPayload('opened'), null, 2);
    const res = await handler({ ...event(raw), body: JSON.stringify(JSON.parse(raw)) });
    expect(res.statusCode).toBe(401);
  });

  it('GIVEN a base64-encoded body with a valid signature over the raw bytes WHEN invoked THEN it is accepted', async () => {
    gh();
    const handler = await handlerWithTestApp();
    const body = JSON.stringify({ ...pullRequestPayload('labeled'), note: 'ünïcödé ✓' });
    const res = await handler(event(body, { base64: true }));
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, outcome: 'ignored', event: 'pull_request.labeled' });
  });

  it('GIVEN a base64 body signed over its base64 text WHEN invoked THEN 401', async () => {
    gh();
    const handler = await handlerWithTestApp();
    const body = JSON.stringify(pullRequestPayload('labeled'));
    const b64 = Buffer.from(body).toString('base64');
    const res = await handler({ ...event(body, { base64: true }), headers: { ...event(body).headers, 'X-Hub-Signature-256': signWebhookPayload(SECRET, b64) } });
    expect(res.statusCode).toBe(401);
  });

  it.each([
    ['GET', 405],
    ['PUT', 405],
  ])('GIVEN a %s request WHEN invoked THEN %i', async (method, status) => {
    gh();
    const handler = await handlerWithTestApp();
    expect((await handler(event('{}', { method }))).statusCode).toBe(status);
  });

  it('GIVEN signed bytes that are not JSON WHEN invoked THEN 400', async () => {
    gh();
    const handler = await handlerWithTestApp();
    expect((await handler(event('not json'))).statusCode).toBe(400);
  });

  it('GIVEN a signed but malformed payload WHEN invoked THEN 400 saying what is missing', async () => {
    gh();
    const handler = await handlerWithTestApp();
    const payload = pullRequestPayload('opened');
    delete (payload as Record<string, unknown>).pull_request;
    const res = await handler(event(JSON.stringify(payload)));
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body).error).toMatch(/pull_request: /);
  });

  it('GIVEN a signed pull_request.opened WHEN invoked THEN the pull request is evaluated and the response says so; a redelivery does nothing', async () => {
    const { base, head } = notesChange();
    const mock = gh();
    mockPrReads(mock, { base, head });
    mockPrWrites(mock);
    const handler = await handlerWithTestApp();
    const body = JSON.stringify(pullRequestPayload('opened', { author: 'owner-0' }));

    const res = await handler(event(body, { id: 'd-1' }));
    const again = await handler(event(body, { id: 'd-1' }));

    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, delivery: 'd-1', duplicate: false, outcome: 'evaluated' });
    expect(JSON.parse(again.body)).toMatchObject({ duplicate: true, outcome: 'evaluated' });
    expect(mock.find(`POST /repos/${OWNER}/${REPO}/check-runs`)).toHaveLength(2);
  });
});

describe('src/lambda.ts, the deployed entry point (App authentication, env configuration)', () => {
  const saved = { ...process.env };
  let handler: (e: LambdaHttpEvent) => Promise<{ statusCode: number; body: string }>;
  let entry: { handler: typeof LambdaEntry };
  beforeAll(async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    process.env.APP_ID = '123';
    process.env.PRIVATE_KEY = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    process.env.WEBHOOK_SECRET = SECRET;
    process.env.LOG_LEVEL = 'fatal';
    entry = await import('../../src/lambda.js');
    handler = entry.handler as unknown as typeof handler;
  });
  afterAll(() => {
    process.env = saved;
  });

  it('GIVEN a bad signature WHEN the deployed handler is invoked THEN 401 without any request', async () => {
    gh();
    const res = await handler(event('{"zen":"Design for failure."}', { name: 'ping', secret: 'nope' }));
    expect(res.statusCode).toBe(401);
  });

  it('GIVEN a signed ping WHEN the deployed handler is invoked THEN 200 ignored, without any request', async () => {
    gh();
    const res = await handler(event('{"zen":"Design for failure.","hook_id":1}', { name: 'ping', id: 'ping-1' }));
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, outcome: 'ignored' });
  });

  it('GIVEN a signed pull_request.opened from an installation WHEN invoked THEN an installation token is created and the pull request evaluated', async () => {
    const { base, head } = notesChange();
    const mock = gh();
    mock.on('POST /app/installations/{installation_id}/access_tokens', { installation_id: 42 }, {
      status: 201,
      body: { token: 'ghs_installation', expires_at: '2099-01-01T00:00:00Z', permissions: { checks: 'write' }, repository_selection: 'all' },
    });
    mockPrReads(mock, { base, head });
    mockPrWrites(mock);
    const payload = { ...pullRequestPayload('opened', { author: 'owner-0' }), installation: { id: 42 } };

    const res = await handler(event(JSON.stringify(payload), { name: 'pull_request', id: 'installation-1' }));

    expect(JSON.parse(res.body)).toMatchObject({ ok: true, outcome: 'evaluated', event: 'pull_request.opened' });
    expect(mock.find('POST /repos/acme/federation/check-runs')).toHaveLength(2);
  });

  it('GIVEN an EventBridge schedule event WHEN invoked THEN each repository is swept with its installation token', async () => {
    const mock = gh();
    mock.on('GET /repos/{owner}/{repo}/installation', { owner: OWNER, repo: REPO }, { body: { id: 43, app_id: 123 } });
    mock.on('POST /app/installations/{installation_id}/access_tokens', { installation_id: 43 }, {
      status: 201,
      body: { token: 'ghs_sweep', expires_at: '2099-01-01T00:00:00Z', permissions: {}, repository_selection: 'all' },
    });
    mock.on('GET /repos/{owner}/{repo}/pulls', { owner: OWNER, repo: REPO, query: { state: 'open', per_page: 100, page: 1 } }, { body: [] });

    const result = await entry.handler({ meshfed: 'sweep', repositories: [`${OWNER}/${REPO}`] });

    expect(result).toEqual({ [`${OWNER}/${REPO}`]: [] });
  });
});
