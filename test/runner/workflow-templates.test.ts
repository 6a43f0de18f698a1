import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TEMPLATES = ['meshfed-apply.yml', 'meshfed-drift.yml', 'meshfed-validate.yml'];

async function load(name: string): Promise<{ text: string; doc: Record<string, unknown> }> {
  const text = await readFile(`${ROOT}workflows/${name}`, 'utf8');
  return { text, doc: parse(text, { schema: 'core' }) as Record<string, unknown> };
}

async function parserErrors(name: string, content: string): Promise<string[]> {
  const result = parseWorkflow({ name, content }, new NoOperationTraceWriter());
  const errors = result.context.errors.getErrors().map((e) => e.message);
  if (result.value) {
    const template = await convertWorkflowTemplate(result.context, result.value);
    errors.push(...(template.errors ?? []).map((e) => e.Message));
  }
  return errors;
}

type Step = { uses?: string; run?: string; with?: Record<string, unknown> };
function steps(doc: Record<string, unknown>): Step[] {
  return Object.values(doc.jobs as Record<string, { steps?: Step[] }>).flatMap((j) => j.steps ?? []);
}

/** Expressions in shell or script bodies are template injection; values must come in through `env:`. */
export function injectedExpressions(doc: Record<string, unknown>): string[] {
  return steps(doc).flatMap((s) =>
    [s.run, s.with?.script].filter((x): x is string => typeof x === 'string' && x.includes('${{')).map((x) => x.slice(x.indexOf('${{'), x.indexOf('${{') + 60)),
  );
}

describe('workflow templates', () => {
  it.each(TEMPLATES)('GIVEN %s THEN @actions/workflow-parser accepts it without errors', async (name) => {
    const { text } = await load(name);
    expect(await parserErrors(name, text)).toEqual([]);
  });

  it('GIVEN a broken workflow THEN the parser check reports it (the check can fail)', async () => {
    expect(await parserErrors('broken.yml', 'on: deployment\njobs:\n  x:\n    runs-on: ubuntu-24.04\n    stepz: []\n')).not.toEqual([]);
  });

  it.each(TEMPLATES)('GIVEN %s THEN every action is pinned by a full commit SHA', async (name) => {
    const uses = steps((await load(name)).doc).flatMap((s) => (s.uses ? [s.uses] : []));
    expect(uses.length).toBeGreaterThan(0);
    for (const u of uses) expect(u).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
  });

  it.each(TEMPLATES)('GIVEN %s THEN no ${{ }} expression is expanded inside run: or script:', async (name) => {
    expect(injectedExpressions((await load(name)).doc)).toEqual([]);
  });

  it('GIVEN a step with ${{ github.event... }} in run: THEN the injection check catches it', () => {
    const doc = { jobs: { j: { steps: [{ run: 'meshfed apply --peer ${{ github.event.deployment.payload.peer }}' }] } } };
    expect(injectedExpressions(doc)).toHaveLength(1);
  });

  it('GIVEN meshfed-apply.yml THEN it runs on deployments of meshfed-<peer> environments, one at a time per peer, with least privilege', async () => {
    const { doc } = await load('meshfed-apply.yml');
    expect(Object.keys(doc.on as object)).toEqual(['deployment', 'workflow_dispatch']);
    expect(doc.permissions).toEqual({});
    const job = (doc.jobs as Record<string, Record<string, unknown>>).apply as Record<string, unknown>;
    const environment = "${{ github.event.deployment.environment || format('meshfed-{0}', inputs.peer) }}";
    expect(job.if).toBe(
      "startsWith(github.event.deployment.environment, 'meshfed-') || (github.event_name == 'workflow_dispatch' && github.ref_name == github.event.repository.default_branch)",
    );
    expect(job.environment).toEqual({ name: environment, deployment: false });
    expect(job.concurrency).toEqual({ group: `meshfed-apply-${environment}`, 'cancel-in-progress': false });
    expect(job.permissions).toEqual({ contents: 'read', deployments: 'write' });
    expect(String(job['runs-on'])).toContain("contains(fromJSON(vars.MESHFED_IN_CLUSTER_PEERS || '[]'), github.event.deployment.environment || format('meshfed-{0}', inputs.peer))");
    const run = steps(doc).map((s) => s.run ?? '').join('\n');
    expect(run).toContain('flags=(--prune)');
    expect(run).toContain('meshfed apply --peer "$peer" "${flags[@]}" "$root"');
    expect(steps(doc)[0]?.with).toMatchObject({ ref: '${{ github.event.deployment.sha || github.sha }}', 'persist-credentials': false });
  });

  it('GIVEN meshfed-apply.yml THEN only a run by hand can pass --allow-mass-prune, never a deployment', async () => {
    const { doc } = await load('meshfed-apply.yml');
    const dispatch = (doc.on as Record<string, { inputs: Record<string, Record<string, unknown>> }>).workflow_dispatch;
    expect(dispatch?.inputs['allow-mass-prune']).toMatchObject({ type: 'boolean', default: false });
    expect(dispatch?.inputs.peer).toMatchObject({ type: 'string', required: true });
    const step = steps(doc).find((s) => (s.run ?? '').includes('meshfed apply')) as Step & { env: Record<string, string> };
    expect(step.env.ALLOW_MASS_PRUNE).toBe("${{ github.event_name == 'workflow_dispatch' && inputs.allow-mass-prune }}");
    expect(step.run).toContain('if [ "${ALLOW_MASS_PRUNE:-}" = true ]; then');
  });

  it('GIVEN meshfed-drift.yml THEN it runs on a schedule per peer with a read-only environment and manages one issue per peer', async () => {
    const { doc, text } = await load('meshfed-drift.yml');
    expect(Object.keys(doc.on as object)).toContain('schedule');
    const job = (doc.jobs as Record<string, Record<string, unknown>>).drift as Record<string, unknown>;
    expect(job.environment).toEqual({ name: 'meshfed-${{ matrix.peer }}-drift', deployment: false });
    expect(job.permissions).toEqual({ contents: 'read', issues: 'write' });
    expect(text).toContain('meshfed drift --peer "$PEER" --markdown');
    expect(text).toMatch(/state: 'closed'/);
  });

  it('GIVEN meshfed-validate.yml THEN it is safe for forks: pull_request only, read-only, no secrets', async () => {
    const { doc, text } = await load('meshfed-validate.yml');
    expect(Object.keys(doc.on as object)).toEqual(['pull_request']);
    const code = text.split('\n').filter((l) => !l.trimStart().startsWith('#')).join('\n');
    expect(code).not.toContain('pull_request_target');
    expect(code).not.toMatch(/secrets\./);
    const job = (doc.jobs as Record<string, Record<string, unknown>>).validate as Record<string, unknown>;
    expect(job.permissions).toEqual({ contents: 'read' });
  });
});
