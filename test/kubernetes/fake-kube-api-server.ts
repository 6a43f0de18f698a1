/**
 * The fake Kubernetes API server (fake-kube-api.ts) at the HTTP layer, through nock: every request of the
 * Kubernetes client goes through the real @kubernetes/client-node stack (URL building, serialization,
 * headers, node-fetch) and is answered by the fake. `verify()` fails the test on a request that matched
 * nothing, or on an injected fault that was never used. `useFakeKubeApiServer` gives each test its own server.
 */
import nock from 'nock';
import { afterEach, beforeEach } from 'vitest';
import { FakeKubeApi } from './fake-kube-api.js';

export { FAKE_SERVER, FAKE_TOKEN, istioLikeValidator, type Fault, type FaultReply, type RequestRecord } from './fake-kube-api.js';
import { FAKE_SERVER } from './fake-kube-api.js';

export class FakeKubeApiServer extends FakeKubeApi {
  private readonly unmatched: string[] = [];
  private readonly onNoMatch = (req: { method?: string; path?: string; href?: string }) => {
    this.unmatched.push(`${req.method} ${req.path ?? req.href}`);
  };

  install(): this {
    nock.emitter.on('no match', this.onNoMatch);
    for (const method of ['GET', 'PATCH', 'DELETE'] as const) {
      // eslint-disable-next-line @typescript-eslint/no-this-alias
      const server = this;
      nock(FAKE_SERVER)
        .persist()
        .intercept(/.*/, method)
        .reply(function (uri, body, cb) {
          const headers = this.req.headers as Record<string, string | string[] | undefined>;
          const reply = server.handle(method, uri, body, headers);
          if (reply === 'reset') cb(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), [0, '']);
          else {
            const answer = () => cb(null, [reply.status, reply.body as nock.ReplyBody, { 'content-type': 'application/json', ...(reply.headers ?? {}) }]);
            if (reply.delayMs) setTimeout(answer, reply.delayMs);
            else answer();
          }
        });
    }
    return this;
  }

  uninstall(): void {
    nock.emitter.removeListener('no match', this.onNoMatch);
    nock.cleanAll();
  }

  /** Throws when a request matched nothing, or an injected fault was never triggered. */
  verify(): void {
    const unused = this.unusedFaults();
    if (this.unmatched.length > 0) throw new Error(`unmatched requests: ${this.unmatched.join(', ')}`);
    if (unused.length > 0) throw new Error(`unused injected faults: ${JSON.stringify(unused)}`);
  }
}

/**
 * A fresh FakeKubeApiServer installed before each test of the calling file (or describe block), verified and
 * uninstalled after it. `onInstall` receives each test's server, e.g. `useFakeKubeApiServer((f) => (fake = f))`.
 */
export function useFakeKubeApiServer(onInstall: (fake: FakeKubeApiServer) => void): void {
  let fake: FakeKubeApiServer | undefined;
  beforeEach(() => {
    fake = new FakeKubeApiServer().install();
    onInstall(fake);
  });
  afterEach(() => {
    const installed = fake;
    fake = undefined;
    try {
      installed?.verify();
    } finally {
      installed?.uninstall();
    }
  });
}
