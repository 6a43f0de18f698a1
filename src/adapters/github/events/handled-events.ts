/**
 * Which deliveries the bot acts on, decided from the event name and `action` alone, before any heavy code
 * is loaded: GitHub sends many events the bot ignores (every `check_run.completed`, `pull_request.labeled`,
 * ...), and on a cold Lambda they should cost no more than a bare Probot app.
 */
export const PULL_REQUEST_ACTIONS: ReadonlySet<string> = new Set(['opened', 'synchronize', 'reopened', 'ready_for_review', 'edited']);
export const REVIEW_ACTIONS: ReadonlySet<string> = new Set(['submitted', 'dismissed', 'edited']);
export const CHECK_RUN_ACTIONS: ReadonlySet<string> = new Set(['rerequested', 'requested_action']);

export function isHandledEvent(name: string, payload: unknown): boolean {
  const action = typeof payload === 'object' && payload !== null ? (payload as { action?: unknown }).action : undefined;
  const a = typeof action === 'string' ? action : '';
  switch (name) {
    case 'pull_request':
    case 'pull_request_target':
      return PULL_REQUEST_ACTIONS.has(a);
    case 'pull_request_review':
      return REVIEW_ACTIONS.has(a);
    case 'check_run':
      return CHECK_RUN_ACTIONS.has(a);
    case 'issue_comment':
      return a === 'created';
    case 'push':
    case 'deployment_status':
      return true;
    default:
      return false;
  }
}

/** `event.action` as the outcome names it (`pull_request.labeled`), or the bare event name. */
export function eventLabel(name: string, payload: unknown): string {
  const action = typeof payload === 'object' && payload !== null ? (payload as { action?: unknown }).action : undefined;
  return typeof action === 'string' ? `${name}.${action}` : name;
}
