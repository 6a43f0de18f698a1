import { ANNOTATIONS_PER_REQUEST, type CheckOutput } from '../../../core/report/check-summary.js';
import type { GitHubClient } from '../github-client.js';
import type { RepoRef } from '../repo-ref.js';

export const CHECK_VALIDATE = 'meshfed/validate';
export const CHECK_CONSENT = 'meshfed/consent';

export interface CheckRunTarget {
  readonly name: string;
  readonly headSha: string;
  /** `pr:<number>`: lets `check_run.rerequested` find the pull request even for forks (where `pull_requests` is empty). */
  readonly externalId: string;
  /** Update this check run (same head) instead of creating one. Annotations are never re-sent on update. */
  readonly existingId?: number;
  readonly detailsUrl?: string;
}

/**
 * Writes a COMPLETED check run in one go (never left `in_progress`): create with the first 50 annotations,
 * then one update per further 50 (GitHub appends annotations on update). Returns the check run id.
 */
export async function writeCheckRun(client: GitHubClient, repo: RepoRef, target: CheckRunTarget, output: CheckOutput): Promise<number> {
  const batches: CheckOutput['annotations'][] = [];
  for (let i = 0; i < output.annotations.length; i += ANNOTATIONS_PER_REQUEST) {
    batches.push(output.annotations.slice(i, i + ANNOTATIONS_PER_REQUEST));
  }
  const text = output.text === undefined ? {} : { text: output.text };
  const base = { title: output.title, summary: output.summary, ...text };
  let id: number;
  if (target.existingId !== undefined) {
    id = target.existingId;
    await client.request('PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}', {
      owner: repo.owner,
      repo: repo.repo,
      check_run_id: id,
      status: 'completed',
      conclusion: output.conclusion,
      external_id: target.externalId,
      output: base,
    });
    return id;
  }
  const first = batches[0];
  const { data } = await client.request('POST /repos/{owner}/{repo}/check-runs', {
    owner: repo.owner,
    repo: repo.repo,
    name: target.name,
    head_sha: target.headSha,
    external_id: target.externalId,
    status: 'completed',
    conclusion: output.conclusion,
    ...(target.detailsUrl === undefined ? {} : { details_url: target.detailsUrl }),
    output: { ...base, ...(first === undefined ? {} : { annotations: [...first] }) },
  });
  id = Number(data.id);
  for (const batch of batches.slice(1)) {
    await client.request('PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}', {
      owner: repo.owner,
      repo: repo.repo,
      check_run_id: id,
      output: { title: output.title, summary: output.summary, annotations: [...batch] },
    });
  }
  return id;
}

/**
 * A check run's `external_id`: `pr:<n>`, and, when GitHub said who pushed the head commit, ` pushed-by:<login>@<sha>`.
 * Only the App that created a check run can write it (https://docs.github.com/rest/checks/runs#update-a-check-run),
 * so read back from this App's own check suites it is the bot's own memory; from anywhere else it is input.
 */
export function externalIdFor(prNumber: number, pushedBy?: HeadPush): string {
  return pushedBy === undefined ? `pr:${prNumber}` : `pr:${prNumber} pushed-by:${pushedBy.login}@${pushedBy.sha}`;
}

export interface HeadPush {
  readonly login: string;
  readonly sha: string;
}

const EXTERNAL_ID = /^pr:(\d+)(?: pushed-by:([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\[bot\])?)@([0-9a-f]{40}))?$/;

export function parseExternalId(externalId: string | null | undefined): { readonly prNumber: number; readonly pushedBy?: HeadPush } | undefined {
  const m = EXTERNAL_ID.exec(externalId ?? '');
  if (m?.[1] === undefined) return undefined;
  return { prNumber: Number(m[1]), ...(m[2] === undefined || m[3] === undefined ? {} : { pushedBy: { login: m[2], sha: m[3] } }) };
}

export function prNumberFromExternalId(externalId: string | null | undefined): number | undefined {
  return parseExternalId(externalId)?.prNumber;
}
