import { ANNOTATIONS_PER_REQUEST, type CheckOutput } from '../../core/report/check-summary.js';
import type { GitHubClient } from './github-client.js';
import type { RepoRef } from './repo-ref.js';

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

/** `pr:<n>` <-> n. */
export function externalIdFor(prNumber: number): string {
  return `pr:${prNumber}`;
}

export function prNumberFromExternalId(externalId: string | null | undefined): number | undefined {
  const m = /^pr:(\d+)$/.exec(externalId ?? '');
  return m?.[1] === undefined ? undefined : Number(m[1]);
}
