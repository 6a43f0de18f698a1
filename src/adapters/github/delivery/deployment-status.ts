import type { BotContext } from '../bot-context.js';
import type { RepoRef } from '../repo-ref.js';

export interface DeploymentStatusInput {
  readonly repo: RepoRef;
  readonly deployment: {
    readonly id: number;
    readonly sha: string;
    readonly environment: string;
    readonly payload: unknown;
  };
  readonly status: {
    readonly id: number;
    readonly state: string;
    readonly description?: string | null;
    readonly log_url?: string | null;
    readonly target_url?: string | null;
  };
}

export type DeploymentStatusOutcome =
  | { readonly kind: 'ignored'; readonly reason: string }
  | { readonly kind: 'status'; readonly context: string; readonly state: CommitState };

type CommitState = 'error' | 'failure' | 'pending' | 'success';

const STATE: Readonly<Record<string, CommitState>> = {
  success: 'success',
  failure: 'failure',
  error: 'error',
  pending: 'pending',
  queued: 'pending',
  in_progress: 'pending',
};

/** `meshfed-<peer>` -> peer (the deployment payload's `peer` wins when present). */
export function peerOfDeployment(environment: string, payload: unknown): string | undefined {
  const fromPayload = typeof payload === 'object' && payload !== null ? (payload as { peer?: unknown }).peer : undefined;
  if (typeof fromPayload === 'string' && fromPayload !== '') return fromPayload;
  return environment.startsWith('meshfed-') ? environment.slice('meshfed-'.length) : undefined;
}

/**
 * A peer's runner reports progress as deployment statuses; the bot mirrors each as the commit status
 * `meshfed/deploy/<peer>` so the commit shows where the change is applied and where it failed. Events can arrive
 * out of order: the deployment's newest status is read back and wins, so a late "pending" never hides a result.
 */
export async function mirrorDeploymentStatus(ctx: BotContext, input: DeploymentStatusInput): Promise<DeploymentStatusOutcome> {
  if (!input.deployment.environment.startsWith('meshfed-')) return { kind: 'ignored', reason: 'not a meshfed environment' };
  const peer = peerOfDeployment(input.deployment.environment, input.deployment.payload);
  if (peer === undefined) return { kind: 'ignored', reason: 'no peer' };
  const { data: latest } = await ctx.client.request('GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses', {
    owner: input.repo.owner,
    repo: input.repo.repo,
    deployment_id: input.deployment.id,
    per_page: 1,
  });
  const newest = latest[0] ?? input.status;
  const state = STATE[newest.state];
  if (state === undefined) return { kind: 'ignored', reason: `deployment state ${newest.state}` };
  const url = newest.log_url || newest.target_url || undefined;
  const context = `meshfed/deploy/${peer}`;
  const description = newest.description?.trim() || `${peer}: ${newest.state.replace('_', ' ')}`;
  await ctx.client.request('POST /repos/{owner}/{repo}/statuses/{sha}', {
    owner: input.repo.owner,
    repo: input.repo.repo,
    sha: input.deployment.sha,
    state,
    context,
    description: description.slice(0, 140),
    ...(url === undefined ? {} : { target_url: url }),
  });
  return { kind: 'status', context, state };
}
