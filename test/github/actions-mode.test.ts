import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { runActionsEvent, runActionsEventFromEnv } from '../../src/adapters/github/events/actions-event.js';
import { notesChange } from './fixtures/federation-fixture.js';
import { useGitHubMock } from './http-mock.js';
import { mockPrReads, mockPrWrites, OWNER, pullRequestPayload, REPO, reviewPayload } from './harness.js';

const gh = useGitHubMock();
const TEMPLATE = new URL('../../workflows/meshfed-bot.yml', import.meta.url);
const FAST = { retryBaseMs: 1, throttleBaseMs: 1, writeSpacing: 'none' } as const;
const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

interface WorkflowStep {
  uses?: string;
  run?: string;
  env?: Record<string, unknown>;
}
interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<string, { permissions: Record<string, string>; steps: WorkflowStep[] }>;
}

function writeEvent(payload: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'meshfed-event-'));
  const path = join(dir, 'event.json');
  writeFileSync(path, JSON.stringify(payload));
  return path;
}

describe('workflows/meshfed-bot.yml (Actions mode template)', () => {
  const content = readFileSync(TEMPLATE, 'utf8');
  const workflow = parse(content, { schema: 'core' }) as Workflow;
  const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);

  it('GIVEN the template WHEN parsed by @actions/workflow-parser THEN it is a valid workflow with the events the bot handles', async () => {
    const result = parseWorkflow({ name: 'meshfed-bot.yml', content }, new NoOperationTraceWriter());
    expect(result.context.errors.getErrors()).toEqual([]);
    const template = await convertWorkflowTemplate(result.context, result.value!);
    expect(template.errors ?? []).toEqual([]);
    expect(Object.keys(template.events).sort()).toEqual(
      ['deployment_status', 'issue_comment', 'pull_request_review', 'pull_request_target', 'push', 'schedule', 'workflow_dispatch'].sort(),
    );
  });

  it('GIVEN pull requests from forks WHEN the template runs THEN it uses pull_request_target and never checks out code', () => {
    expect(workflow.on).not.toHaveProperty('pull_request');
    expect(steps.some((s) => s.uses?.startsWith('actions/checkout'))).toBe(false);
  });

  it('GIVEN every step WHEN inspected THEN actions are pinned by full commit SHA and no expression is interpolated into run:', () => {
    for (const s of steps) {
      if (s.uses !== undefined) expect(s.uses).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
      if (s.run !== undefined) expect(s.run).not.toContain('${{');
    }
    expect(steps.filter((s) => s.run !== undefined)).not.toHaveLength(0);
  });

  it('GIVEN the token WHEN scoped THEN the workflow default is none and the job asks only for what the bot writes', () => {
    expect(workflow.permissions).toEqual({});
    for (const job of Object.values(workflow.jobs)) {
      expect(job.permissions).toEqual({ contents: 'read', checks: 'write', 'pull-requests': 'write', deployments: 'write', statuses: 'write' });
    }
  });
});

describe('Actions mode runs the same handler with GITHUB_TOKEN', () => {
  it('GIVEN a pull_request_target event file WHEN run THEN the pull request is evaluated like a webhook', async () => {
    const { base, head } = notesChange();
    const mock = gh();
    mockPrReads(mock, { base, head });
    mockPrWrites(mock);
    const eventPath = writeEvent(pullRequestPayload('synchronize', { author: 'owner-0', fork: true }));

    const outcome = await runActionsEvent({ eventName: 'pull_request_target', eventPath, token: 'ghs_actions', runId: '99', runAttempt: '1', tuning: FAST, log: silent });

    expect(outcome).toMatchObject({ event: 'pull_request_target.synchronize', outcome: 'evaluated' });
    expect(String(mock.find(`POST /repos/${OWNER}/${REPO}/issues/7/comments`).map((r) => (r.body as { body: string }).body)[0])).toContain('<!-- meshfed:sticky head=');
  });

  it('GIVEN a review on a fork pull request (read-only token) WHEN run THEN it is deferred to the sweep without calling GitHub', async () => {
    gh();
    const payload = reviewPayload('submitted');
    ((payload.pull_request as { head: { repo: { full_name: string } } }).head.repo).full_name = 'mallory/federation';
    const outcome = await runActionsEvent({ eventName: 'pull_request_review', eventPath: writeEvent(payload), token: 't', tuning: FAST, log: silent });
    expect(outcome).toMatchObject({ outcome: 'deferred' });
  });

  it('GIVEN a schedule event WHEN run THEN the sweep runs for GITHUB_REPOSITORY', async () => {
    const mock = gh();
    mock.on('GET /repos/{owner}/{repo}/pulls', { owner: OWNER, repo: REPO, query: true }, { body: [] });
    const outcome = await runActionsEvent({ eventName: 'schedule', eventPath: '', token: 't', repository: `${OWNER}/${REPO}`, tuning: FAST, log: silent });
    expect(outcome).toEqual({ event: 'schedule', outcome: 'swept', detail: [] });
  });

  it('GIVEN an environment outside Actions WHEN bot-event runs THEN it says which variable is missing', async () => {
    gh();
    await expect(runActionsEventFromEnv({})).rejects.toThrow(/GITHUB_EVENT_NAME is not set: run `meshfed bot-event` inside a GitHub Actions job/);
  });
});
