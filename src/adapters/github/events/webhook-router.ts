import type { BotContext } from '../bot-context.js';
import { CHECK_CONSENT, CHECK_VALIDATE, prNumberFromExternalId } from '../publish/check-run-writer.js';
import { deliverAfterMerge } from '../delivery/deliver-after-merge.js';
import { mirrorDeploymentStatus } from '../delivery/deployment-status.js';
import { evaluatePullRequest } from '../evaluation/evaluate-pull-request.js';
import { fetchPullRequest, pullRequestRef } from '../evaluation/pull-request-ref.js';
import { repoOf } from '../repo-ref.js';
import { eventLabel, PULL_REQUEST_ACTIONS, REVIEW_ACTIONS } from './handled-events.js';
import { handleSlashCommand } from './slash-commands.js';
import {
  checkRunEvent,
  deploymentStatusEvent,
  issueCommentEvent,
  parsePayload,
  pullRequestEvent,
  pushEvent,
} from './webhook-payloads.js';

export interface WebhookEvent {
  /** X-GitHub-Delivery. */
  readonly id: string;
  /** X-GitHub-Event. */
  readonly name: string;
  readonly payload: unknown;
}

export interface HandlerOutcome {
  readonly event: string;
  /** `evaluated`, `delivered`, `status`, `ignored`, `duplicate`, `stale`, `failed`, ... */
  readonly outcome: string;
  readonly detail?: unknown;
}

const OUR_CHECKS = new Set([CHECK_VALIDATE, CHECK_CONSENT]);

/**
 * Every webhook the app subscribes to (app.yml), dispatched to its handler; everything else is ignored.
 * The same function serves Probot (Lambda, dev server), GitHub Actions mode and tests.
 */
export async function handleWebhookEvent(ctx: BotContext, event: WebhookEvent): Promise<HandlerOutcome> {
  const name = eventLabel(event.name, event.payload);
  const done = (outcome: string, detail?: unknown): HandlerOutcome => ({ event: name, outcome, ...(detail === undefined ? {} : { detail }) });

  switch (event.name) {
    case 'pull_request':
    case 'pull_request_target': {
      const p = parsePayload(pullRequestEvent, event.name, event.payload);
      if (!PULL_REQUEST_ACTIONS.has(p.action)) return done('ignored');
      if (p.action === 'edited' && !hasBaseChange(event.payload)) return done('ignored');
      // A synchronize delivery's sender is the one who pushed `after`: who pushed the head, for free.
      const pushed = p.action === 'synchronize' && p.after !== undefined && p.sender !== undefined ? { sha: p.after, login: p.sender.login } : undefined;
      const r = await evaluatePullRequest(ctx, pullRequestRef(repoOf(p), p.pull_request, pushed), { delivery: event.id });
      return done(r.kind, r);
    }
    case 'pull_request_review': {
      const p = parsePayload(pullRequestEvent, event.name, event.payload);
      if (!REVIEW_ACTIONS.has(p.action)) return done('ignored');
      const r = await evaluatePullRequest(ctx, pullRequestRef(repoOf(p), p.pull_request), { delivery: event.id });
      return done(r.kind, r);
    }
    case 'check_run': {
      const p = parsePayload(checkRunEvent, event.name, event.payload);
      const retry = p.action === 'rerequested' || (p.action === 'requested_action' && p.requested_action?.identifier === 'retry');
      if (!retry || !OUR_CHECKS.has(p.check_run.name)) return done('ignored');
      const number = prNumberFromExternalId(p.check_run.external_id) ?? p.check_run.pull_requests[0]?.number;
      if (number === undefined) return done('ignored', 'check run names no pull request');
      const pr = await fetchPullRequest(ctx.client, repoOf(p), number);
      const r = await evaluatePullRequest(ctx, pr, { delivery: event.id, force: true });
      return done(r.kind, r);
    }
    case 'issue_comment': {
      const p = parsePayload(issueCommentEvent, event.name, event.payload);
      if (p.action !== 'created') return done('ignored');
      const r = await handleSlashCommand(ctx, {
        repo: repoOf(p),
        issueNumber: p.issue.number,
        isPullRequest: p.issue.pull_request != null,
        commentUser: p.comment.user,
        body: p.comment.body ?? '',
        delivery: event.id,
      });
      return done(r.kind, r);
    }
    case 'push': {
      const p = parsePayload(pushEvent, event.name, event.payload);
      const r = await deliverAfterMerge(ctx, {
        repo: repoOf(p),
        ref: p.ref,
        defaultBranch: p.repository.default_branch ?? 'main',
        before: p.before,
        after: p.after,
        deleted: p.deleted,
      });
      return done(r.kind, r);
    }
    case 'deployment_status': {
      const p = parsePayload(deploymentStatusEvent, event.name, event.payload);
      const r = await mirrorDeploymentStatus(ctx, {
        repo: repoOf(p),
        deployment: p.deployment,
        status: p.deployment_status,
      });
      return done(r.kind, r);
    }
    default:
      return done('ignored');
  }
}

function hasBaseChange(payload: unknown): boolean {
  const changes = (payload as { changes?: { base?: unknown } }).changes;
  return changes?.base !== undefined;
}
