/**
 * Every failure of a Kubernetes request, normalized: the HTTP status and Status reason/causes the API server
 * sent, or the network error code. Carries enough to decide on a retry and to tell the operator what to do.
 */
export interface StatusCause {
  readonly reason?: string;
  readonly message?: string;
  readonly field?: string;
}

export interface FieldConflict {
  readonly manager: string;
  readonly field: string;
}

const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);
const RETRYABLE_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED', 'UND_ERR_SOCKET']);

export class KubeApiError extends Error {
  override readonly name = 'KubeApiError';
  /** HTTP status, when the server answered. */
  readonly status: number | undefined;
  /** Status.reason, e.g. `Conflict`, `Invalid`, `NotFound`. */
  readonly reason: string | undefined;
  readonly causes: readonly StatusCause[];
  /** Network error code (`ECONNRESET`) or `TIMEOUT`, when the server did not answer. */
  readonly code: string | undefined;
  /** From `Retry-After` (or Status.details.retryAfterSeconds). */
  readonly retryAfterMs: number | undefined;

  constructor(
    message: string,
    init: { status?: number; reason?: string; causes?: readonly StatusCause[]; code?: string; retryAfterMs?: number; cause?: unknown },
  ) {
    super(message, init.cause !== undefined ? { cause: init.cause } : undefined);
    this.status = init.status;
    this.reason = init.reason;
    this.causes = init.causes ?? [];
    this.code = init.code;
    this.retryAfterMs = init.retryAfterMs;
  }

  /**
   * Server-side apply of a custom resource with a field its CRD schema does not declare: the API server answers
   * 500 "failed to create typed patch object (…): .spec.x: field not declared in schema" (seen against
   * kube-apiserver 1.32 with Istio's CRDs, whatever fieldValidation says). An invalid object, not a server fault.
   */
  get undeclaredField(): boolean {
    return this.status === 500 && /failed to create typed patch object/.test(this.message);
  }

  get retryable(): boolean {
    if (this.undeclaredField) return false;
    if (this.status !== undefined) return RETRYABLE_STATUS.has(this.status);
    return this.code === 'TIMEOUT' || (this.code !== undefined && RETRYABLE_CODES.has(this.code));
  }

  /** Server-side apply conflicts: which other field manager owns which field. */
  get conflicts(): FieldConflict[] {
    return this.causes
      .filter((c) => c.reason === 'FieldManagerConflict')
      .map((c) => ({ manager: /conflict with "([^"]*)"/.exec(c.message ?? '')?.[1] ?? '(unknown manager)', field: c.field ?? '' }));
  }
}

function asRecord(x: unknown): Record<string, unknown> | undefined {
  return x !== null && typeof x === 'object' && !Array.isArray(x) ? (x as Record<string, unknown>) : undefined;
}

function parseRetryAfter(header: unknown, body: Record<string, unknown> | undefined, now: number): number | undefined {
  if (typeof header === 'string' && header.trim() !== '') {
    const s = header.trim();
    if (/^\d+$/.test(s)) return Number(s) * 1000;
    const at = Date.parse(s);
    if (!Number.isNaN(at)) return Math.max(0, at - now);
  }
  const seconds = asRecord(body?.details)?.retryAfterSeconds;
  return typeof seconds === 'number' && seconds > 0 ? seconds * 1000 : undefined;
}

/**
 * Normalize what @kubernetes/client-node throws: `ApiException` (has `code` = HTTP status, `body`, `headers`),
 * node-fetch's `FetchError` (`code` = errno such as ECONNRESET), or `AbortError` (our per-request timeout).
 */
export function toKubeApiError(err: unknown, what: string, now = Date.now()): KubeApiError {
  if (err instanceof KubeApiError) return err;
  const e = asRecord(err) ?? {};
  const name = typeof e.name === 'string' ? e.name : '';
  if (typeof e.code === 'number' && 'body' in e) {
    let body = asRecord(e.body);
    if (!body && typeof e.body === 'string') {
      try {
        body = asRecord(JSON.parse(e.body));
      } catch {
        body = undefined;
      }
    }
    const status = e.code;
    const headers = asRecord(e.headers) ?? {};
    const serverMessage = typeof body?.message === 'string' ? body.message : typeof e.body === 'string' && e.body ? e.body.slice(0, 500) : `HTTP ${status}`;
    const causesRaw = asRecord(body?.details)?.causes;
    const causes: StatusCause[] = Array.isArray(causesRaw)
      ? causesRaw.map((c) => {
          const r = asRecord(c) ?? {};
          return {
            ...(typeof r.reason === 'string' ? { reason: r.reason } : {}),
            ...(typeof r.message === 'string' ? { message: r.message } : {}),
            ...(typeof r.field === 'string' ? { field: r.field } : {}),
          };
        })
      : [];
    const retryAfterMs = parseRetryAfter(headers['retry-after'] ?? headers['Retry-After'], body, now);
    return new KubeApiError(`${what}: ${serverMessage}`, {
      status,
      ...(typeof body?.reason === 'string' ? { reason: body.reason } : {}),
      causes,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      cause: err,
    });
  }
  if (name === 'AbortError' || e.type === 'aborted') {
    return new KubeApiError(`${what}: no answer within the request timeout`, { code: 'TIMEOUT', cause: err });
  }
  const code = typeof e.code === 'string' ? e.code : typeof e.errno === 'string' ? e.errno : undefined;
  const message = err instanceof Error ? err.message : String(err);
  return new KubeApiError(`${what}: ${message}`, { ...(code !== undefined ? { code } : {}), cause: err });
}

/** One line for the report: the server's words, plus what to do about it. */
export function describeKubeError(e: KubeApiError): string {
  const conflicts = e.conflicts;
  if (e.status === 409 && conflicts.length > 0) {
    const byManager = new Map<string, string[]>();
    for (const c of conflicts) byManager.set(c.manager, [...(byManager.get(c.manager) ?? []), c.field]);
    const who = [...byManager].map(([m, fields]) => `field manager "${m}" owns ${fields.join(', ')}`).join('; ');
    return `conflict: ${who}. Another tool changed fields meshfed manages; re-run with --force-conflicts to take them over, or make that tool stop managing them (${e.message})`;
  }
  if (e.status === 422) {
    const detail = e.causes.map((c) => `${c.field ?? '?'}: ${c.message ?? c.reason ?? ''}`).join('; ');
    return `rejected as invalid by the API server${detail ? ` (${detail})` : ''}: ${e.message}`;
  }
  if (e.undeclaredField) return `rejected as invalid by the API server: a field is not in the CRD's schema (${e.message})`;
  if (e.status === 404) return `not found: ${e.message} (is the namespace created and are the Istio CRDs installed?)`;
  if (e.status === 403) return `forbidden: ${e.message} (grant the runner's identity the meshfed-runner role, see deploy/rbac and docs/runners.md)`;
  if (e.status === 401) return `unauthorized: ${e.message} (the kubeconfig's credentials were refused)`;
  if (e.retryable) return `${e.message} (gave up after retries)`;
  return e.message;
}

/** Any failure of a cluster step as one line: `describeKubeError` when the server or the network failed, else the message. */
export function describeError(e: unknown): string {
  const k = toKubeApiError(e, 'request failed');
  if (k.status !== undefined || k.code !== undefined) return describeKubeError(k);
  return e instanceof Error ? e.message : String(e);
}
