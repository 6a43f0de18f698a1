import type { GitHubClient } from '../github-client.js';
import { describeError } from '../http-status.js';

/** Who put the head commit on the pull request's branch, or why that cannot be told. */
export type HeadPusher = { readonly login: string; readonly source: string } | { readonly unknown: string; readonly settle?: string };

export interface HeadPushQuestion {
  readonly headSha: string;
  /** `owner/name` of the repository the head branch lives in (the fork, for a fork's pull request). */
  readonly headRepository?: string;
  readonly headRef: string;
  /** The base branch's name, for messages. */
  readonly baseRef: string;
  /** From a `pull_request.synchronize` delivery: its `sender` pushed `after`. */
  readonly pushedBy?: { readonly sha: string; readonly login: string };
  /**
   * What an earlier evaluation of this pull request learned from GitHub and wrote into the `external_id` of this
   * App's own check run on the head (check-run-writer.ts): only this App can write it, and it is taken only for
   * this pull request and this head SHA (remembered-pusher.ts).
   */
  readonly remembered?: { readonly sha: string; readonly login: string };
  /**
   * The branch is behind the base branch, so the evaluation already read a third snapshot (the merge base): the
   * activity read would be the 13th call of the event, over meshfed's budget of 12, and is not made.
   */
  readonly behindBase?: boolean;
}

const PUSHES: ReadonlySet<string> = new Set(['push', 'force_push', 'branch_creation']);

/**
 * GitHub's own rule for this is branch protection's "require approval of the most recent reviewable push" by
 * someone other than its pusher. meshfed counts the author's ownership as approval only when the author pushed
 * the head commit, and asks GitHub who did:
 * - a `pull_request.synchronize` delivery says it for free: its `sender` pushed `after`
 *   (https://docs.github.com/webhooks/webhook-events-and-payloads#pull_request);
 * - so does an earlier evaluation's answer for the same head, kept in this App's own check run (`remembered`):
 *   a SHA names exact bytes, so whoever pushed that commit onto the branch vouched for exactly the head's content;
 * - otherwise the newest entry of the head branch's activity, `GET /repos/{owner}/{repo}/activity?ref=…`
 *   ("List repository activities": pushes, force pushes and branch creations with their `actor` and `after`,
 *   https://docs.github.com/rest/repos/repos#list-repository-activities), read in the repository the branch
 *   lives in (a fork's pull request is pushed to in the fork).
 * Anything else (the newest push is not the head, the fork cannot be read, an API error) is "unknown", and the
 * caller then does not count authorship (fail closed). So is a branch behind its base when the event does not name
 * the pusher: the activity read is then not made, to keep every event within 12 API calls (docs/github-app.md).
 */
export async function whoPushedHead(client: GitHubClient, q: HeadPushQuestion): Promise<HeadPusher> {
  if (q.pushedBy !== undefined && q.pushedBy.sha === q.headSha) return { login: q.pushedBy.login, source: 'the synchronize event' };
  if (q.remembered !== undefined && q.remembered.sha === q.headSha) return { login: q.remembered.login, source: "meshfed's own check run" };
  if (q.behindBase === true) {
    // A push to the branch (the author's own, or GitHub's "Update branch" clicked by the author) is delivered as a
    // `synchronize` whose sender is its pusher: that event settles the question without any read.
    return {
      unknown: `GitHub's event did not say who pushed ${q.headSha.slice(0, 7)} and the branch is behind ${q.baseRef}`,
      settle: "update the branch (push, or GitHub's Update branch) so the push names its pusher",
    };
  }
  const [owner, repo] = (q.headRepository ?? '').split('/');
  if (!owner || !repo || q.headRef === '') return { unknown: 'the head branch no longer exists' };
  try {
    const { data } = await client.request('GET /repos/{owner}/{repo}/activity', {
      owner,
      repo,
      ref: `refs/heads/${q.headRef}`,
      direction: 'desc',
      per_page: 1,
    });
    const latest = data[0];
    if (latest === undefined) return { unknown: `GitHub lists no push to ${q.headRef} in ${owner}/${repo}` };
    if (latest.after !== q.headSha || !PUSHES.has(latest.activity_type)) {
      return { unknown: `the newest change of ${q.headRef} GitHub lists (${latest.activity_type} of ${latest.after.slice(0, 7)}) is not the head commit ${q.headSha.slice(0, 7)}` };
    }
    if (latest.actor === null) return { unknown: `GitHub does not say who pushed ${q.headSha.slice(0, 7)}` };
    return { login: latest.actor.login, source: `the activity of ${q.headRef}` };
  } catch (error) {
    return { unknown: `GitHub's activity of ${owner}/${repo} could not be read (${describeError(error)})` };
  }
}
