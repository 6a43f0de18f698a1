import { ProbotOctokit } from 'probot';

/**
 * The one GitHub client type the bot uses: Probot's Octokit (retry + throttling plugins built in).
 * Every call goes through `request('METHOD /path/{param}', params)` so each one can be checked against
 * GitHub's OpenAPI description in tests, and so the same code runs with an App installation token
 * (Probot), a GITHUB_TOKEN (Actions mode) or a personal token (`meshfed sweep`).
 */
export type GitHubClient = Pick<ProbotOctokit, 'request'>;

export interface OctokitTuning {
  /** Multiplier (ms) for plugin-retry's quadratic backoff on 5xx (default 1000: 1 s, 4 s, 9 s). */
  readonly retryBaseMs?: number;
  /** Retries after a 5xx (default 2: the whole handler has GitHub's 10-second delivery window). */
  readonly retries?: number;
  /** Multiplier (ms) for the throttling plugin's `retry-after` seconds (default 1000). */
  readonly throttleBaseMs?: number;
  /** Longest `retry-after` (seconds) the bot waits out on a rate limit before giving up (default 20). */
  readonly maxRetryAfterSeconds?: number;
  /**
   * Spacing of mutating requests per installation, in this process. Default `DEFAULT_WRITE_SPACING`:
   * 750 ms between writes (GitHub's documented ceiling of 80 content-generating requests a minute) and
   * 1 s between notification-triggering ones (comments, review requests). The throttling plugin's own
   * defaults (1 s / 3 s) would put a single evaluation at ~5 s of deliberate waiting, half of GitHub's 10 s
   * webhook timeout. `none`: no spacing (tests and benchmarks only).
   */
  readonly writeSpacing?: 'none' | WriteSpacing;
}

export interface WriteSpacing {
  readonly writeMs: number;
  readonly notificationMs: number;
}

/** https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits */
export const DEFAULT_WRITE_SPACING: WriteSpacing = { writeMs: 750, notificationMs: 1000 };

interface LimitOptions {
  readonly method: string;
  readonly url: string;
}
interface LoggerLike {
  warn(message: string): void;
}
type Scheduler = { key(id: string): { schedule<R>(options: unknown, fn: (...a: unknown[]) => R, ...args: unknown[]): Promise<R> } };

/** A Bottleneck.Group stand-in that runs every job at once (for `writeSpacing: 'none'`). */
const UNSPACED: Scheduler = {
  key: () => ({
    schedule: async <R>(_options: unknown, fn: (...a: unknown[]) => R, ...args: unknown[]) => fn(...args),
  }),
};

/**
 * A Bottleneck.Group stand-in (the throttling plugin calls only `key(id).schedule(options, fn, ...args)` on its
 * write and notification groups): jobs of one key start at least `minTimeMs` apart, in order.
 */
function spacedScheduler(minTimeMs: number): Scheduler {
  const nextStart = new Map<string, number>();
  return {
    key: (id) => ({
      schedule: async <R>(_options: unknown, fn: (...a: unknown[]) => R, ...args: unknown[]) => {
        const now = Date.now();
        const at = Math.max(now, nextStart.get(id) ?? 0);
        nextStart.set(id, at + minTimeMs);
        if (at > now) await new Promise((resolve) => setTimeout(resolve, at - now));
        return fn(...args);
      },
    }),
  };
}

/**
 * Probot's Octokit class with meshfed's retry and rate-limit policy: retry 5xx with backoff, wait out a
 * primary or secondary rate limit at most twice and only when GitHub asks for a short pause (the webhook
 * must finish; the sweep catches up on anything that gives up).
 */
export function meshfedOctokitClass(tuning: OctokitTuning = {}): typeof ProbotOctokit {
  const maxWait = tuning.maxRetryAfterSeconds ?? 20;
  const onLimit = (kind: string) =>
    (retryAfter: number, options: LimitOptions, octokit: { log: LoggerLike }, retryCount: number): boolean => {
      const retry = retryCount < 2 && retryAfter <= maxWait;
      octokit.log.warn(
        `${kind} rate limit on ${options.method} ${options.url}: ${retry ? `retrying in ${retryAfter} s` : 'giving up'}`,
      );
      return retry;
    };
  const ws = tuning.writeSpacing ?? DEFAULT_WRITE_SPACING;
  // One pair of groups per class: in a Lambda container or the dev server, every event's client shares them,
  // so the spacing holds per installation across concurrent events (the plugin keys jobs by installation id).
  const spacing =
    ws === 'none'
      ? { write: UNSPACED, notifications: UNSPACED }
      : { write: spacedScheduler(ws.writeMs), notifications: spacedScheduler(ws.notificationMs) };
  return ProbotOctokit.defaults((options: Record<string, unknown>) => ({
    ...options,
    retry: { retries: tuning.retries ?? 2, retryAfterBaseValue: tuning.retryBaseMs ?? 1000 },
    throttle: {
      ...(options.throttle as Record<string, unknown> | undefined),
      retryAfterBaseValue: tuning.throttleBaseMs ?? 1000,
      fallbackSecondaryRateRetryAfter: 60,
      onRateLimit: onLimit('primary'),
      onSecondaryRateLimit: onLimit('secondary'),
      ...spacing,
    },
  }));
}

export interface TokenClientOptions extends OctokitTuning {
  /** REST API root, e.g. `https://ghe.example.com/api/v3` (default https://api.github.com). */
  readonly baseUrl?: string;
  /** Where the client's warnings go (default: stderr). */
  readonly log?: { warn(msg: string): void; info(msg: string): void; debug(msg: string): void; error(msg: string): void };
}

/** A client authenticated with a token (GITHUB_TOKEN in Actions, a PAT or installation token for the sweep). */
export function createTokenClient(token: string, options: TokenClientOptions = {}): ProbotOctokit {
  const Octokit = meshfedOctokitClass(options);
  const log = options.log ?? {
    debug: () => undefined,
    info: () => undefined,
    warn: (m: string) => console.error(m),
    error: (m: string) => console.error(m),
  };
  return new Octokit({
    auth: { token },
    log,
    ...(options.baseUrl === undefined ? {} : { baseUrl: options.baseUrl }),
    userAgent: 'meshfed-bot',
  });
}
