import { generateKeyPairSync } from 'node:crypto';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LambdaHttpEvent } from '../../src/adapters/github/events/lambda-handler.js';
import { signWebhookPayload } from '../../src/adapters/github/events/webhook-signature.js';
import type { handler as LambdaEntry } from '../../src/lambda.js';
import { notesChange } from './fixtures/federation-fixture.js';
import { useGitHubMock } from './http-mock.js';
import { mockPrReads, mockPrWrites, OWNER, pullRequestPayload, REPO } from './harness.js';

const gh = useGitHubMock();
const SECRET = 'deferred-secret';
const REGION = 'eu-west-1';
const FUNCTION_ARN = `arn:aws:lambda:${REGION}:111122223333:function:meshfed:live`;
const LAMBDA = `https://lambda.${REGION}.amazonaws.com`;
const INVOKE_PATH = `/2015-03-31/functions/${encodeURIComponent(FUNCTION_ARN)}/invocations`;

function event(body: string, o: { id: string; name?: string; signature?: string }): LambdaHttpEvent {
  return {
    headers: {
      'content-type': 'application/json',
      'x-github-event': o.name ?? 'pull_request',
      'x-github-delivery': o.id,
      'x-hub-signature-256': o.signature ?? signWebhookPayload(SECRET, body),
    },
    body,
    isBase64Encoded: false,
    requestContext: { http: { method: 'POST' } },
  };
}

/** Lambda's Invoke API for the function's own ARN: answers `status` and hands each payload to `queue`. */
function mockInvoke(queue: unknown[], o: { status?: number; times?: number } = {}): void {
  nock(LAMBDA)
    .post(INVOKE_PATH)
    .times(o.times ?? 1)
    .reply(function reply(_uri, body) {
      expect(this.req.headers['x-amz-invocation-type']).toBe('Event');
      queue.push(typeof body === 'string' ? JSON.parse(body) : body);
      return o.status === undefined || o.status === 202 ? [202, ''] : [o.status, { Type: 'User', message: 'User is not authorized to perform: lambda:InvokeFunction' }, { 'x-amzn-errortype': 'AccessDeniedException' }];
    });
}

describe('src/lambda.ts on Lambda: GitHub is answered at once, the evaluation runs in an asynchronous invocation', () => {
  const saved = { ...process.env };
  let entry: { handler: typeof LambdaEntry };
  const context = { invokedFunctionArn: FUNCTION_ARN };
  const errors: string[] = [];
  const consoleError = console.error;
  beforeAll(async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    Object.assign(process.env, {
      APP_ID: '123',
      PRIVATE_KEY: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
      WEBHOOK_SECRET: SECRET,
      LOG_LEVEL: 'fatal',
      AWS_LAMBDA_FUNCTION_NAME: 'meshfed',
      AWS_REGION: REGION,
      AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
      AWS_SESSION_TOKEN: 'session',
    });
    console.error = (m: string) => errors.push(String(m));
    entry = await import('../../src/lambda.js');
  });
  afterAll(() => {
    process.env = saved;
    console.error = consoleError;
  });

  const call = (e: unknown) => entry.handler(e as LambdaHttpEvent, context) as Promise<Record<string, unknown> & { statusCode?: number; body?: string }>;

  function installationPr(id: number) {
    const mock = gh();
    mock.on('POST /app/installations/{installation_id}/access_tokens', { installation_id: id }, {
      status: 201,
      body: { token: 'ghs_installation', expires_at: '2099-01-01T00:00:00Z', permissions: { checks: 'write' }, repository_selection: 'all' },
    });
    return { mock, payload: { ...pullRequestPayload('opened', { author: 'owner-0' }), installation: { id } } };
  }

  it('GIVEN a signed pull_request.opened WHEN the function URL is invoked THEN it answers 202 without calling GitHub; WHEN Lambda runs the queued invocation THEN the pull request is evaluated with the same calls as inline', async () => {
    const { mock, payload } = installationPr(42);
    const { base, head } = notesChange();
    mockPrReads(mock, { base, head });
    mockPrWrites(mock);
    const queue: unknown[] = [];
    mockInvoke(queue);
    const body = JSON.stringify(payload);

    const res = await call(event(body, { id: 'async-1' }));

    expect(res.statusCode).toBe(202);
    expect(JSON.parse(res.body ?? '{}')).toEqual({ ok: true, delivery: 'async-1', duplicate: false, queued: true });
    expect(mock.apiCalls()).toEqual([]);
    expect(queue).toEqual([{ meshfed: 'deferred-delivery', delivery: 'async-1', event: 'pull_request', signature: signWebhookPayload(SECRET, body), body: Buffer.from(body).toString('base64') }]);

    const done = await entry.handler(queue[0] as never);

    expect(done).toMatchObject({ ok: true, delivery: 'async-1', outcome: 'evaluated' });
    expect(mock.find(`POST /repos/${OWNER}/${REPO}/check-runs`)).toHaveLength(2);
  });

  it('GIVEN a delivery already queued WHEN GitHub redelivers it THEN it is answered as a duplicate and queued once', async () => {
    gh();
    const queue: unknown[] = [];
    mockInvoke(queue);
    const body = JSON.stringify(pullRequestPayload('synchronize', { author: 'owner-0' }));

    await call(event(body, { id: 'async-2' }));
    const again = await call(event(body, { id: 'async-2' }));

    expect(JSON.parse(again.body ?? '{}')).toMatchObject({ duplicate: true, queued: true });
    expect(queue).toHaveLength(1);
  });

  it('GIVEN the function may not invoke itself WHEN a delivery comes THEN the error is logged and the pull request is evaluated in this invocation (nothing is lost)', async () => {
    const { mock, payload } = installationPr(43);
    const { base, head } = notesChange();
    mockPrReads(mock, { base, head });
    mockPrWrites(mock);
    mockInvoke([], { status: 403 });
    errors.length = 0;

    const res = await call(event(JSON.stringify(payload), { id: 'async-3' }));

    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body ?? '{}')).toMatchObject({ ok: true, outcome: 'evaluated' });
    expect(errors.join('\n')).toMatch(/could not be queued .*lambda:InvokeFunction/s);
  });

  it('GIVEN a queued delivery whose evaluation fails before anything could be reported WHEN Lambda runs it THEN the invocation fails (Lambda retries it), and the retry evaluates it', async () => {
    const { mock, payload } = installationPr(44);
    const { base, head } = notesChange();
    const body = JSON.stringify(payload);
    const deferred = { meshfed: 'deferred-delivery', delivery: 'async-4', event: 'pull_request', signature: signWebhookPayload(SECRET, body), body: Buffer.from(body).toString('base64') };
    // The first attempt can neither read the pull request nor write a failure check run (GitHub refuses: statuses
    // Octokit does not retry by itself).
    mock.api.post('/graphql').reply(403, { message: 'Resource not accessible by integration' });
    mock.on('POST /repos/{owner}/{repo}/check-runs', { owner: OWNER, repo: REPO }, { status: 403, body: { message: 'Resource not accessible by integration' } });

    await expect(entry.handler(deferred as never)).rejects.toThrow(/async-4/);

    // Lambda runs the same event again (same delivery id) once GitHub answers (the installation token is still valid).
    mockPrReads(mock, { base, head });
    mockPrWrites(mock);
    const done = await entry.handler(deferred as never);
    expect(done).toMatchObject({ ok: true, delivery: 'async-4', outcome: 'evaluated' });
  });

  it('GIVEN an invocation that looks deferred but whose signature does not match WHEN run THEN nothing is called and it is not retried', async () => {
    gh();
    const body = JSON.stringify(pullRequestPayload('opened'));
    const forged = { meshfed: 'deferred-delivery', delivery: 'forged-1', event: 'pull_request', signature: signWebhookPayload('not the secret', body), body: Buffer.from(body).toString('base64') };

    expect(await entry.handler(forged as never)).toEqual({ ok: false, delivery: 'forged-1', error: 'signature does not match' });
  });

  it('GIVEN an event the bot ignores WHEN the function URL is invoked THEN it is answered at once, not queued', async () => {
    gh();
    const res = await call(event(JSON.stringify(pullRequestPayload('labeled')), { id: 'async-5' }));
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body ?? '{}')).toMatchObject({ outcome: 'ignored' });
  });
});
