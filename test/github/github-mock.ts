/**
 * Mocked GitHub for tests, modelled on renovate's test/http-mock.ts: nock with the network off, and `verify()`
 * (called after each test by `useGitHubMock`) fails the test on any request nobody mocked, any mock nobody used,
 * and any request to api.github.com that GitHub's OpenAPI description does not allow (method, path, query,
 * JSON body). Routes are typed with @octokit/types, so a mock names a real endpoint and its path parameters.
 */
import type { Endpoints } from '@octokit/types';
import nock from 'nock';
import { checkRequest } from './openapi-checker.js';

export const API = 'https://api.github.com';
export const CODELOAD = 'https://codeload.github.com';

type Route = keyof Endpoints;
type PathParamNames<S extends string> = S extends `${string}{${infer P}}${infer Rest}` ? P | PathParamNames<Rest> : never;
type PathParams<R extends Route> = { [K in PathParamNames<R & string>]: string | number };
export type DeepPartial<T> = T extends readonly (infer U)[] ? DeepPartial<U>[] : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;
type ResponseData<R extends Route> = Endpoints[R] extends { response: { data: infer D } } ? D : unknown;

export interface MockReply<R extends Route> {
  readonly status?: number;
  readonly body?: DeepPartial<ResponseData<R>> | Record<string, unknown>;
  readonly headers?: Record<string, string>;
}

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly body: unknown;
}

export class GitHubMock {
  readonly api = nock(API);
  readonly codeload = nock(CODELOAD);
  readonly requests: RecordedRequest[] = [];
  private readonly unmatched: string[] = [];
  private readonly onNoMatch = (req: { method?: string; href?: string; path?: string; options?: { href?: string } }): void => {
    this.unmatched.push(`${req.method ?? '?'} ${req.href ?? req.options?.href ?? req.path ?? '?'}`);
  };

  constructor() {
    nock.emitter.on('no match', this.onNoMatch);
    for (const scope of [this.api, this.codeload]) {
      scope.on('request', (req: { method: string; path: string; options?: { href?: string } }, _ic: unknown, body: string) => {
        const base = scope === this.api ? API : CODELOAD;
        this.requests.push({ method: req.method, url: req.options?.href ?? `${base}${req.path}`, body: parseBody(body) });
      });
    }
  }

  /** Mocks one endpoint (typed): path parameters fill the template; `query: true` accepts any query. */
  on<R extends Route>(
    route: R,
    params: PathParams<R> & { readonly query?: Record<string, string | number | boolean> | true },
    reply: MockReply<R> | ((body: unknown) => MockReply<R>),
    options: { readonly times?: number; readonly optional?: boolean } = {},
  ): this {
    const [method, template] = (route as string).split(' ') as [string, string];
    const values = params as Record<string, unknown>;
    const path = template.replace(/\{([^}]+)\}/g, (_, k: string) => {
      const v = values[k];
      if (v === undefined) throw new Error(`mock for ${route}: missing path parameter ${k}`);
      return encodeURIComponent(String(v));
    });
    let ic = this.api.intercept(path, method);
    if (params.query !== undefined) ic = ic.query(params.query === true ? true : stringify(params.query));
    const times = options.times ?? 1;
    if (options.optional === true) ic = ic.optionally();
    if (typeof reply === 'function') {
      ic.times(times).reply((_uri, body) => {
        const r = reply(parseBody(body));
        return [r.status ?? 200, (r.body ?? {}) as nock.Body, r.headers ?? {}];
      });
    } else {
      ic.times(times).reply(reply.status ?? 200, (reply.body ?? {}) as nock.Body, reply.headers);
    }
    return this;
  }

  /**
   * `POST /graphql` for the named operation (`query <name>(`): `reply` gets the variables and returns the JSON
   * GitHub would answer (a thrown error fails the request). The query itself is checked against GitHub's schema
   * in `verify()`.
   */
  graphql(
    operation: string,
    reply: (variables: Record<string, unknown>) => unknown,
    options: { readonly times?: number; readonly status?: number; readonly match?: (variables: Record<string, unknown>) => boolean } = {},
  ): this {
    this.api
      .post('/graphql', (body: { query?: string; variables?: Record<string, unknown> }) =>
        typeof body.query === 'string' && body.query.includes(`query ${operation}(`) && (options.match?.(body.variables ?? {}) ?? true))
      .times(options.times ?? 1)
      .reply((_uri, body) => {
        const variables = ((typeof body === 'string' ? JSON.parse(body) : body) as { variables?: Record<string, unknown> }).variables ?? {};
        return [options.status ?? 200, reply(variables) as nock.Body];
      });
    return this;
  }

  /** `GET /repos/{o}/{r}/tarball/{ref}`: GitHub's redirect to codeload, then the archive. */
  tarball(owner: string, repo: string, ref: string, archive: Buffer, options: { readonly times?: number; readonly optional?: boolean } = {}): this {
    const times = options.times ?? 1;
    const location = `${CODELOAD}/${owner}/${repo}/legacy.tar.gz/${ref}`;
    const api = this.api.get(`/repos/${owner}/${repo}/tarball/${ref}`).times(times);
    const download = this.codeload.get(`/${owner}/${repo}/legacy.tar.gz/${ref}`).times(times);
    if (options.optional === true) {
      api.optionally();
      download.optionally();
    }
    api.reply(302, '', { location });
    download.reply(200, archive, {
      'content-type': 'application/x-gzip',
      'content-disposition': `attachment; filename=${owner}-${repo}-${ref.slice(0, 7)}.tar.gz`,
    });
    return this;
  }

  /** Requests to api.github.com (what "API calls" counts: codeload downloads are not API calls). */
  apiCalls(): RecordedRequest[] {
    return this.requests.filter((r) => r.url.startsWith(API));
  }

  /** Requests matching `METHOD /path-prefix`, e.g. `POST /repos/acme/fed/check-runs`. */
  find(methodAndPath: string): RecordedRequest[] {
    const [method, prefix] = methodAndPath.split(' ') as [string, string];
    return this.requests.filter((r) => r.method === method && new URL(r.url).pathname.startsWith(prefix));
  }

  verify(): void {
    nock.emitter.removeListener('no match', this.onNoMatch);
    const pending = nock.pendingMocks();
    const problems: string[] = [];
    if (this.unmatched.length > 0) problems.push(`*** Unmatched requests ***\n${this.unmatched.map((u) => `- ${u}`).join('\n')}`);
    if (pending.length > 0) problems.push(`*** Unused mocks ***\n${pending.map((p) => `- ${p}`).join('\n')}`);
    const api = this.apiCalls().flatMap((r) => checkRequest({ method: r.method, url: r.url, body: r.body }));
    if (api.length > 0) problems.push(`*** Requests GitHub's OpenAPI description does not allow ***\n${api.map((p) => `- ${p}`).join('\n')}`);
    nock.abortPendingRequests();
    nock.cleanAll();
    if (problems.length > 0) {
      const done = this.requests.map((r) => `- ${r.method} ${r.url}`).join('\n');
      throw new Error(`${problems.join('\n\n')}\n\nRequests made:\n${done}`);
    }
  }
}

function parseBody(body: unknown): unknown {
  if (typeof body !== 'string' || body === '') return body === '' ? undefined : body;
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}

function stringify(q: Record<string, string | number | boolean>): Record<string, string> {
  return Object.fromEntries(Object.entries(q).map(([k, v]) => [k, String(v)]));
}
