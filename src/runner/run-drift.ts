import { writeFile } from 'node:fs/promises';
import { formatDriftReportMarkdown, formatDriftReportText } from '../core/apply/format-drift-report.js';
import type { DriftReport } from '../core/apply/compute-drift.js';
import { mdCell } from '../core/apply/format-value.js';
import { DEFAULT_CONCURRENCY } from './apply-peer.js';
import { driftPeer } from './drift-peer.js';
import { appendStepSummary } from './github-actions.js';
import { formatPreflightMarkdown, formatPreflightText } from '../core/preflight/format-preflight.js';
import type { PreflightReport } from '../core/preflight/preflight-report.js';
import { loadDesiredState } from './load-desired-state.js';
import { runPreflight } from './run-preflight.js';
import { processIo, type RunnerIo } from './run-apply.js';
import { runnerKubeApi, type RunnerKubeOptions } from './runner-kube-api.js';

/** `meshfed drift` exit codes: 0 no drift, 2 drift found, 1 errors (nothing could be compared). */
export const DRIFT_EXIT = { none: 0, drift: 2, error: 1 } as const;

export interface RunDriftOptions extends RunnerKubeOptions {
  readonly peer: string;
  readonly dir?: string | undefined;
  readonly concurrency?: number;
  readonly io?: RunnerIo;
  /** Also write the Markdown report here (the drift workflow uses it as the issue body). */
  readonly markdownFile?: string | undefined;
}

export interface RunDriftResult {
  readonly exitCode: 0 | 1 | 2;
  readonly report?: DriftReport;
  /** The prerequisites as the apply's preflight sees them; problems there count as drift (exit 2). */
  readonly preflight?: PreflightReport;
  readonly errors: readonly string[];
}

export async function runDrift(options: RunDriftOptions): Promise<RunDriftResult> {
  const io = options.io ?? processIo;
  const warn = (w: string | undefined) => w && io.err(`warning: ${w}`);
  const stop = async (errors: readonly string[]): Promise<RunDriftResult> => {
    for (const e of errors) io.err(`error: ${e}`);
    warn(await appendStepSummary(io.env, `### ❌ meshfed drift: peer ${mdCell(options.peer)}\n\n${errors.map((e) => `> ${mdCell(e)}`).join('\n>\n')}\n`));
    return { exitCode: DRIFT_EXIT.error, errors };
  };
  const desired = await loadDesiredState(options.dir, options.peer, io.cwd, 'drift');
  if (!desired.ok) return stop(desired.errors);
  const cluster = runnerKubeApi(options, (m) => io.err(`retrying: ${m}`));
  if (!cluster.ok) return stop([cluster.error]);
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const result = await driftPeer(cluster.api, desired.scope, desired.objects, concurrency);
  if (!result.ok) return stop(result.errors);
  // The same prerequisites the apply's preflight checks, read-only; a problem there is drift of the cluster too.
  const preflight = await runPreflight(cluster.api, desired.scope, desired.requirements, desired.objects, concurrency);
  if (preflight.status === 'failed') return stop([preflight.error ?? 'the preflight could not read the cluster']);
  io.out(formatPreflightText(preflight));
  io.out(formatDriftReportText(result.report));
  const markdown = formatDriftReportMarkdown(result.report) + formatPreflightMarkdown(preflight);
  warn(await appendStepSummary(io.env, markdown));
  if (options.markdownFile) {
    try {
      await writeFile(options.markdownFile, markdown, 'utf8');
    } catch (e) {
      return stop([`cannot write ${options.markdownFile}: ${(e as Error).message}`]);
    }
  }
  const drift = result.report.hasDrift || preflight.status === 'refused';
  return { exitCode: drift ? DRIFT_EXIT.drift : DRIFT_EXIT.none, report: result.report, preflight, errors: [] };
}
