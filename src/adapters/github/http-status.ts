/** The HTTP status of an Octokit `RequestError` (or anything shaped like one), else undefined. */
export function httpStatus(error: unknown): number | undefined {
  if (typeof error === 'object' && error !== null && 'status' in error) {
    const s = (error as { status: unknown }).status;
    return typeof s === 'number' ? s : undefined;
  }
  return undefined;
}

/** One line for logs and check-run text: `HTTP 502 on GET /repos/...: message`. */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const status = httpStatus(error);
    const req = (error as { request?: { method?: string; url?: string } }).request;
    const where = req?.method !== undefined && req.url !== undefined ? ` on ${req.method} ${req.url.replace(/\?.*$/, '')}` : '';
    return status === undefined ? error.message : `HTTP ${status}${where}: ${error.message}`;
  }
  return String(error);
}
