import { appendFile, readFile } from 'node:fs/promises';
import { Octokit } from '@octokit/core';

/**
 * GitHub Actions integration of the runner, active only when GITHUB_ACTIONS=true:
 * - for a `deployment` event, deployment statuses (`in_progress`, then `success` or `failure`) on the
 *   deployment the meshfed app created, with the run's log URL, using GITHUB_TOKEN (`deployments: write`);
 * - a job summary (Markdown appended to GITHUB_STEP_SUMMARY) for any event.
 * See https://docs.github.com/en/rest/deployments/statuses and
 * https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/workflow-commands-for-github-actions#adding-a-job-summary
 */
export type Env = Readonly<Record<string, string | undefined>>;

export interface DeploymentTarget {
  readonly owner: string;
  readonly repo: string;
  readonly deploymentId: number;
  readonly environment: string;
  /** `${GITHUB_SERVER_URL}/${GITHUB_REPOSITORY}/actions/runs/${GITHUB_RUN_ID}` */
  readonly logUrl: string;
  readonly apiUrl: string;
  readonly token: string | undefined;
  /** The peer the deployment is for: payload.peer, else the environment without `meshfed-`. */
  readonly peer: string | undefined;
}

export type DeploymentState = 'in_progress' | 'success' | 'failure' | 'error';

/** The deployment this run is for, or undefined outside a GitHub Actions `deployment` run. Throws on a broken event. */
export async function readDeploymentTarget(env: Env): Promise<DeploymentTarget | undefined> {
  if (env.GITHUB_ACTIONS !== 'true' || env.GITHUB_EVENT_NAME !== 'deployment') return undefined;
  const path = env.GITHUB_EVENT_PATH;
  if (!path) throw new Error('GITHUB_EVENT_PATH is not set in a deployment run');
  let event: { deployment?: { id?: unknown; environment?: unknown; payload?: unknown } };
  try {
    event = JSON.parse(await readFile(path, 'utf8')) as typeof event;
  } catch (cause) {
    throw new Error(`cannot read the deployment event at ${path}`, { cause });
  }
  const d = event.deployment;
  if (!d || typeof d.id !== 'number' || typeof d.environment !== 'string') {
    throw new Error(`the event at ${path} has no deployment id and environment`);
  }
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  if (!owner || !repo) throw new Error('GITHUB_REPOSITORY is not "owner/name"');
  const server = env.GITHUB_SERVER_URL || 'https://github.com';
  const payloadPeer = d.payload !== null && typeof d.payload === 'object' ? (d.payload as { peer?: unknown }).peer : undefined;
  return {
    owner,
    repo,
    deploymentId: d.id,
    environment: d.environment,
    logUrl: `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID ?? ''}`,
    apiUrl: env.GITHUB_API_URL || 'https://api.github.com',
    token: env.GITHUB_TOKEN || undefined,
    peer: typeof payloadPeer === 'string' ? payloadPeer : d.environment.startsWith('meshfed-') ? d.environment.slice('meshfed-'.length) : undefined,
  };
}

/**
 * A runner holds one peer's credentials (its environment's secret, or its in-cluster service account): it
 * must refuse a deployment meant for another peer rather than apply that peer's objects to its own cluster.
 */
export function deploymentPeerMismatch(target: DeploymentTarget, peer: string): string | undefined {
  const expected = `meshfed-${peer}`;
  if (target.environment !== expected) {
    return `this deployment is for environment "${target.environment}", but this runner applies peer "${peer}" (environment "${expected}"); nothing is applied`;
  }
  if (target.peer !== undefined && target.peer !== peer) {
    return `this deployment's payload names peer "${target.peer}", but this runner applies peer "${peer}"; nothing is applied`;
  }
  return undefined;
}

/** POST a deployment status. Failing to report never fails the apply: returns a warning instead. */
export async function postDeploymentStatus(
  target: DeploymentTarget,
  state: DeploymentState,
  description: string,
  octokit?: Pick<Octokit, 'request'>,
): Promise<string | undefined> {
  if (!target.token && !octokit) return 'GITHUB_TOKEN is not set: no deployment status posted (pass `GITHUB_TOKEN: ${{ github.token }}` to the step)';
  const client = octokit ?? new Octokit({ auth: target.token, baseUrl: target.apiUrl, userAgent: 'meshfed-runner' });
  try {
    await client.request('POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses', {
      owner: target.owner,
      repo: target.repo,
      deployment_id: target.deploymentId,
      state,
      log_url: target.logUrl,
      description: description.length > 140 ? `${description.slice(0, 139)}…` : description,
      environment: target.environment,
    });
    return undefined;
  } catch (e) {
    return `could not post the "${state}" deployment status: ${(e as Error).message}`;
  }
}

/** Append Markdown to the job summary when GITHUB_STEP_SUMMARY is set. */
export async function appendStepSummary(env: Env, markdown: string): Promise<string | undefined> {
  const path = env.GITHUB_STEP_SUMMARY;
  if (!path) return undefined;
  try {
    await appendFile(path, markdown.endsWith('\n') ? markdown : `${markdown}\n`, 'utf8');
    return undefined;
  } catch (e) {
    return `could not write the job summary to ${path}: ${(e as Error).message}`;
  }
}
