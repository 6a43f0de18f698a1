/**
 * The sweep on a schedule in the serverless deployment: an EventBridge Scheduler rule invokes the webhook
 * Lambda directly (not through its URL) with `{"meshfed": "sweep", "repositories": ["acme/federation"]}`.
 * Only principals allowed to invoke the function (IAM) can send it; nothing arrives this way from the internet.
 */
export interface ScheduledSweepEvent {
  readonly meshfed: 'sweep';
  readonly repositories: readonly string[];
}

export function isScheduledSweepEvent(event: unknown): event is ScheduledSweepEvent {
  if (typeof event !== 'object' || event === null) return false;
  const e = event as { meshfed?: unknown; repositories?: unknown; headers?: unknown };
  return e.meshfed === 'sweep' && e.headers === undefined && Array.isArray(e.repositories) && e.repositories.every((r) => typeof r === 'string');
}
