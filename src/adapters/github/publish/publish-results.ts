import type { ConsentResult } from '../../../core/consent/consent-types.js';
import { formatConsent } from '../../../core/consent/format-consent.js';
import {
  clip,
  consentCheckOutput,
  internalErrorOutput,
  notEvaluatedOutput,
  type CheckOutput,
} from '../../../core/report/check-summary.js';
import { renderPrComment, type StickyMarker } from '../../../core/report/pr-comment.js';
import type { OwnCheckRun, PullRequestState } from '../evaluation/pull-request-state.js';
import type { Assessment } from '../evaluation/assess-pull-request.js';
import type { BotContext } from '../bot-context.js';
import { CHECK_CONSENT, CHECK_VALIDATE, externalIdFor, writeCheckRun, type HeadPush } from './check-run-writer.js';
import type { EvaluationOutcome, EvaluationTrigger } from '../evaluation/evaluate-pull-request.js';
import type { GatheredPullRequest } from '../snapshot/gather-pull-request.js';
import { describeError, httpStatus } from '../http-status.js';
import type { PullRequestRef } from '../evaluation/pull-request-ref.js';
import { RefNotFoundError } from '../snapshot/read-repo-snapshot.js';
import { requestReviews } from './request-reviews.js';
import { upsertStickyComment } from './sticky-comment.js';
import { MalformedArchiveError, TreeTooLargeError } from '../snapshot/tar-gz-reader.js';
import { ArchiveMismatchError } from '../snapshot/verify-archive.js';

export interface PublishInput {
  readonly pr: PullRequestRef;
  readonly trigger: EvaluationTrigger;
  /** The pull request as read at the start: the bot's own comment and its own check runs on the head. */
  readonly state: PullRequestState;
  readonly gathered: GatheredPullRequest;
  readonly assessment: Assessment;
  readonly consent: ConsentResult;
  readonly teamProblems: ReadonlyMap<string, string>;
  /** Who GitHub said pushed the head: kept in the check runs' `external_id` for later events (remembered-pusher.ts). */
  readonly remember?: HeadPush;
}

/**
 * Writes in this order: meshfed/validate, review requests, meshfed/consent, then the sticky comment. Check runs
 * gate the merge, so they go first. A check run this App already wrote on this head commit (found in this App's
 * own check suites, never through an id from a comment) is left alone when it already says the same, and
 * meshfed/consent is updated in place; meshfed/validate is created anew when it changed (an update would append
 * its annotations to the old ones).
 */
export async function publishResults(ctx: BotContext, input: PublishInput): Promise<EvaluationOutcome> {
  const { pr, assessment, state } = input;
  const force = input.trigger.force === true;
  const externalId = externalIdFor(pr.number, input.remember);
  const consent = assessment.headValid ? input.consent : headInvalid(input.consent);
  const existingValidate = state.ownCheckRuns.get(CHECK_VALIDATE);
  if (force || !says(existingValidate, assessment.validate, externalId)) {
    await writeCheckRun(ctx.client, pr.repo, { name: CHECK_VALIDATE, headSha: pr.headSha, externalId }, assessment.validate);
  }

  const problems: string[] = [];
  if (!consent.satisfied && !pr.draft) {
    const requested = await requestReviews(ctx.client, pr.repo, pr.number, consent.requestReviews, {
      users: pr.requestedUsers,
      teams: pr.requestedTeams,
    });
    problems.push(...requested.problems);
  }
  for (const [team, reason] of input.teamProblems) problems.push(`Could not read the members of \`${team}\`: ${reason}.`);

  // What the mesh enforces per flow before and after the change, from the rendered objects (effect model).
  const effects = assessment.effects;
  const consentOutput = consentCheckOutput({
    consent,
    ...(effects === undefined ? {} : { effects }),
    ...(assessment.planUnavailable === undefined ? {} : { planUnavailable: assessment.planUnavailable }),
    reviewRequestProblems: problems,
  });
  const existingConsent = state.ownCheckRuns.get(CHECK_CONSENT);
  if (force || !says(existingConsent, consentOutput, externalId)) {
    await writeCheckRun(
      ctx.client,
      pr.repo,
      { name: CHECK_CONSENT, headSha: pr.headSha, externalId, ...(existingConsent === undefined ? {} : { existingId: existingConsent.id }) },
      consentOutput,
    );
  }

  const marker: StickyMarker = { head: pr.headSha, base: input.gathered.base.ref };
  const body = renderPrComment({
    marker,
    diagnostics: assessment.head.diagnostics,
    ...(assessment.codeowners !== undefined && !assessment.codeowners.upToDate ? { codeownersOutdated: { path: assessment.codeowners.path } } : {}),
    ...(assessment.plan === undefined ? {} : { plan: assessment.plan }),
    ...(assessment.planUnavailable === undefined ? {} : { planUnavailable: assessment.planUnavailable }),
    consent,
    ...(assessment.plan === undefined ? {} : { flows: { base: assessment.diffBase.model, head: assessment.head.model } }),
    ...(effects === undefined ? {} : { effects }),
    notes: problems,
  });
  let commentId: number | undefined;
  try {
    commentId = await upsertStickyComment(ctx.client, pr.repo, pr.number, state.sticky, body);
  } catch (error) {
    // The checks (the merge gate) are written and correct; a failed comment must not turn them into errors.
    ctx.log.warn(`meshfed: #${pr.number}: the sticky comment could not be written: ${describeError(error)}`);
  }
  ctx.log.info(
    `meshfed: #${pr.number} at ${pr.headSha.slice(0, 7)}: validate ${assessment.validate.conclusion}, consent ${consentOutput.conclusion}`,
  );
  return {
    kind: 'evaluated',
    validate: assessment.validate.conclusion,
    consent: consentOutput.conclusion,
    ...(commentId === undefined ? { commentError: true } : { commentId }),
  };
}

/** The check run this App already has on the head says exactly this (completed, same conclusion, title, summary, external id). */
function says(run: OwnCheckRun | undefined, output: CheckOutput, externalId: string): boolean {
  return (
    run !== undefined &&
    run.externalId === externalId &&
    run.status === 'COMPLETED' &&
    run.conclusion?.toLowerCase() === output.conclusion &&
    run.title === output.title &&
    run.summary === output.summary
  );
}

/**
 * Consent is never given for a head that does not validate: nothing can be rendered for it, so nobody can see
 * what it would do to any cluster (fail closed). The requirements found from the changed files stay listed.
 */
function headInvalid(c: ConsentResult): ConsentResult {
  const blocker = 'the head commit does not validate, so nothing can be rendered for it and no approval can count: fix the meshfed/validate errors and push again';
  const { text: _text, ...rest } = c;
  const result = { ...rest, satisfied: false, blockers: [...c.blockers, blocker] };
  return { ...result, text: formatConsent(result) };
}

/**
 * Something went wrong after the evaluation started: both checks are concluded (failure, with the reason and
 * what to do), so none is left pending and nothing passes by accident. If even that fails, the original error
 * is thrown (the delivery shows as failed; the sweep evaluates the pull request again later).
 */
export async function publishFailure(ctx: BotContext, pr: PullRequestRef, error: unknown): Promise<EvaluationOutcome> {
  const { validate, consent, reason } = failureOutputs(error);
  ctx.log.warn(`meshfed: #${pr.number} at ${pr.headSha.slice(0, 7)} not evaluated: ${reason}`);
  const externalId = externalIdFor(pr.number, pr.pushedBy?.sha === pr.headSha ? pr.pushedBy : undefined);
  try {
    await writeCheckRun(ctx.client, pr.repo, { name: CHECK_VALIDATE, headSha: pr.headSha, externalId }, validate);
    await writeCheckRun(ctx.client, pr.repo, { name: CHECK_CONSENT, headSha: pr.headSha, externalId }, consent);
  } catch (writeError) {
    if (error instanceof RefNotFoundError && httpStatus(writeError) === 422) {
      return { kind: 'skipped', reason: `${reason}; no check run can be attached to a commit that is gone` };
    }
    throw new Error(`meshfed could not evaluate #${pr.number} (${reason}) nor report it: ${describeError(writeError)}`, { cause: error });
  }
  return { kind: 'failed', reason };
}

function failureOutputs(error: unknown): { validate: CheckOutput; consent: CheckOutput; reason: string } {
  const retry = 'Comment `/meshfed plan` on the pull request or re-run this check to try again; the scheduled `meshfed sweep` retries too.';
  if (error instanceof TreeTooLargeError) {
    return {
      reason: error.message,
      validate: {
        conclusion: 'failure',
        title: 'The repository is too large for meshfed to read',
        summary:
          `meshfed did not evaluate this commit: ${error.message}.\n\n` +
          'Keep the federation repository to intents (no binaries, vendored code or generated files), or split unrelated content into another repository. Nothing was written for this commit besides this check.',
        annotations: [],
      },
      consent: notEvaluatedOutput('the repository is too large to read'),
    };
  }
  if (error instanceof ArchiveMismatchError) {
    const list = error.differences.slice(0, 50).map((d) => `- ${d}`).join('\n');
    const more = error.differences.length > 50 ? `\n- … and ${error.differences.length - 50} more` : '';
    const why =
      `GitHub's archive of ${error.commit.slice(0, 7)} is not the commit's files, so meshfed cannot judge what a peer's runner would apply ` +
      '(its checkout ignores `.gitattributes` `export-ignore` and `export-subst`, the archive honours them):\n\n' + list + more +
      '\n\nRemove the `export-ignore` / `export-subst` rules that apply to the federation folder, CODEOWNERS, `.github/` or `.gitattributes` files, and push again.';
    const output = (title: string): CheckOutput => ({ conclusion: 'failure', title, summary: clip(why), annotations: [] });
    return {
      reason: error.message,
      validate: output('The archive differs from the commit'),
      consent: output('Refused: the archive differs from the commit'),
    };
  }
  if (error instanceof RefNotFoundError) {
    return {
      reason: error.message,
      validate: internalErrorOutput('read this commit', error.message, 'Push the branch again (or reopen the pull request) to evaluate its current head.'),
      consent: notEvaluatedOutput('the commit could not be read'),
    };
  }
  const reason = error instanceof MalformedArchiveError ? error.message : describeError(error);
  return {
    reason,
    validate: internalErrorOutput('evaluate this pull request', reason, retry),
    consent: internalErrorOutput('evaluate this pull request', reason, retry),
  };
}
