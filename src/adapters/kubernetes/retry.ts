import { toKubeApiError, type KubeApiError } from './kube-api-error.js';

/**
 * Retries for 429 (honouring Retry-After), 5xx, dropped connections and timeouts, with exponential backoff
 * and jitter. Everything else (409, 422, 404, 403, ...) fails at once: retrying cannot fix it.
 */
export interface RetryPolicy {
  /** Attempts in total, including the first. */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** Upper bound on a server-requested Retry-After. */
  readonly maxRetryAfterMs: number;
  readonly sleep: (ms: number) => Promise<void>;
  /** In [0, 1); jitter source. */
  readonly random: () => number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 250,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

export function retryDelayMs(error: KubeApiError, attempt: number, policy: RetryPolicy): number {
  if (error.retryAfterMs !== undefined) return Math.min(error.retryAfterMs, policy.maxRetryAfterMs);
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(exp / 2 + (exp / 2) * policy.random());
}

export async function withRetry<T>(
  what: string,
  fn: () => Promise<T>,
  policy: RetryPolicy,
  onRetry?: (error: KubeApiError, attempt: number, delayMs: number) => void,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (raw) {
      const error = toKubeApiError(raw, what);
      if (!error.retryable || attempt >= policy.maxAttempts) throw error;
      const delay = retryDelayMs(error, attempt, policy);
      onRetry?.(error, attempt, delay);
      await policy.sleep(delay);
    }
  }
}
