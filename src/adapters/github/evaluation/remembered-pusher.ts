import { CHECK_CONSENT, parseExternalId, type HeadPush } from '../publish/check-run-writer.js';
import type { HeadPusher } from './head-pusher.js';
import type { PullRequestState } from './pull-request-state.js';

/**
 * Who pushed the head, as an earlier evaluation wrote it into the `external_id` of this App's own meshfed/consent
 * run on the head commit. `state.ownCheckRuns` holds only runs of this App's check suites on the head
 * (pull-request-state.ts), and GitHub lets only the App that created a check run modify it ("check run can only be
 * modified by the GitHub App that created it", HTTP 403, e.g. https://github.com/OP5dev/TF-via-PR/issues/538):
 * nobody else can have written it. It is taken only when it names this pull request and this head SHA (two pull
 * requests of the same commit share the commit's check runs). Comments and anything else a user can write are
 * never read for it.
 */
export function rememberedPusher(state: PullRequestState, prNumber: number, headSha: string): HeadPush | undefined {
  const id = parseExternalId(state.ownCheckRuns.get(CHECK_CONSENT)?.externalId);
  if (id?.prNumber !== prNumber || id.pushedBy?.sha !== headSha) return undefined;
  return id.pushedBy;
}

/** What the next check runs remember: the pusher GitHub named for this head (event, activity, or remembered). */
export function pushToRemember(pusher: HeadPusher | undefined, headSha: string): HeadPush | undefined {
  return pusher !== undefined && 'login' in pusher ? { login: pusher.login, sha: headSha } : undefined;
}
