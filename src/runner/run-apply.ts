import { applyExitCode, countOutcomes, type ApplyReport } from '../core/apply/apply-report.js';
import { formatApplyReportMarkdown, formatApplyReportText } from '../core/apply/format-apply-report.js';
import { mdCell } from '../core/apply/format-value.js';
import { applyPeer, DEFAULT_CONCURRENCY } from './apply-peer.js';
import {
  appendStepSummary,
  deploymentPeerMismatch,
  postDeploymentStatus,
  readDeploymentTarget,
  type DeploymentTarget,
  type Env,
} from './github-actions.js';
import { checkAllowlist } from '../core/apply/check-allowlist.js';
import { formatPreflightMarkdown, formatPreflightText, preflightSummary, SKIPPED_WHAT, skippedPreflight } from '../core/preflight/format-preflight.js';
import type { PreflightReport } from '../core/preflight/preflight-report.js';
import { loadDesiredState } from './load-desired-state.js';
import { runPreflight } from './run-preflight.js';
import { runnerKubeApi, type RunnerKubeOptions } from './runner-kube-api.js';

export interface RunnerIo {
  readonly cwd: string;
  readonly env: Env;
  out(text: string): void;
  err(text: string): void;
}

export const processIo: RunnerIo = {
  get cwd() {
    return process.cwd();
  },
  get env() {
    return process.env;
  },
  out: (t) => void process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
  err: (t) => void process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
};

export interface RunApplyOptions extends RunnerKubeOptions {
  readonly peer: string;
  /** Federation folder (default `federation`). */
  readonly dir?: string | undefined;
  readonly dryRun?: boolean;
  readonly prune?: boolean;
  readonly allowMassPrune?: boolean;
  readonly massPruneThreshold?: number;
  readonly forceConflicts?: boolean;
  /** Apply without the preflight (docs/runners.md, "The preflight"): loud, and recorded in every output of the run. */
  readonly skipPreflight?: boolean;
  readonly concurrency?: number;
  readonly io?: RunnerIo;
}

export interface RunApplyResult {
  readonly exitCode: 0 | 1;
  /** Absent when the run stopped before the apply (invalid federation, unknown peer, no credentials, the preflight). */
  readonly report?: ApplyReport;
  /** Absent when the run stopped before it, or the allowlist refused objects (then nothing was read). */
  readonly preflight?: PreflightReport;
  readonly errors: readonly string[];
}

function describeOutcome(report: ApplyReport): string {
  const c = countOutcomes(report.objects);
  return `${report.peer}: ${c.created} created, ${c.configured} configured, ${c.unchanged} unchanged, ${c.pruned} pruned, ${c.failed} failed`;
}

/** `meshfed apply`: render from the files on disk, apply the peer's objects, report (terminal, job summary, deployment status). */
export async function runApply(options: RunApplyOptions): Promise<RunApplyResult> {
  const io = options.io ?? processIo;
  const warn = (w: string | undefined) => w && io.err(`warning: ${w}`);
  let target: DeploymentTarget | undefined;
  const stop = async (errors: string[]): Promise<RunApplyResult> => {
    for (const e of errors) io.err(`error: ${e}`);
    if (target) warn(await postDeploymentStatus(target, 'failure', `${options.peer}: ${errors[0] ?? 'failed'}`));
    warn(await appendStepSummary(io.env, `### ❌ meshfed apply: peer ${mdCell(options.peer)}\n\n${errors.map((e) => `> ${mdCell(e)}`).join('\n>\n')}\n`));
    return { exitCode: 1, errors };
  };

  try {
    target = await readDeploymentTarget(io.env);
  } catch (e) {
    return stop([(e as Error).message]);
  }
  if (target) {
    const mismatch = deploymentPeerMismatch(target, options.peer);
    if (mismatch) {
      // Not this runner's deployment: say so on the deployment, touch nothing.
      io.err(`error: ${mismatch}`);
      warn(await postDeploymentStatus(target, 'error', mismatch));
      return { exitCode: 1, errors: [mismatch] };
    }
    warn(await postDeploymentStatus(target, 'in_progress', `${options.peer}: applying`));
  }

  const desired = await loadDesiredState(options.dir, options.peer, io.cwd);
  if (!desired.ok) return stop([...desired.errors]);
  for (const w of desired.warnings) warn(w);

  const cluster = runnerKubeApi(options, (m) => io.err(`retrying: ${m}`));
  if (!cluster.ok) return stop([cluster.error]);

  // The preflight reads the cluster, so it waits until the allowlist (inside applyPeer, before any request) would pass.
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  let preflight: PreflightReport | undefined;
  if (options.skipPreflight) {
    preflight = skippedPreflight(options.peer);
    warn(`--skip-preflight: ${SKIPPED_WHAT}; applying regardless`);
  } else if (checkAllowlist(desired.objects, desired.scope).refusals.length === 0) {
    preflight = await runPreflight(cluster.api, desired.scope, desired.requirements, desired.objects, concurrency);
    if (preflight.status === 'refused' || preflight.status === 'failed') {
      io.out(formatPreflightText(preflight));
      const why =
        preflight.status === 'refused'
          ? `the preflight refused this cluster (${preflight.problems.length} problem(s), above); nothing was applied`
          : `${preflight.error ?? 'the preflight could not read the cluster'}; nothing was applied`;
      io.err(`error: ${why}`);
      if (target) warn(await postDeploymentStatus(target, 'failure', `${options.peer}: ${preflightSummary(preflight)}`));
      warn(await appendStepSummary(io.env, `### ❌ meshfed apply: peer ${mdCell(options.peer)}\n\n${formatPreflightMarkdown(preflight)}`));
      return { exitCode: 1, errors: [why], preflight };
    }
  }
  if (preflight !== undefined) io.out(formatPreflightText(preflight));

  const report = await applyPeer(cluster.api, desired.scope, desired.objects, {
    dryRun: options.dryRun ?? false,
    prune: options.prune ?? false,
    allowMassPrune: options.allowMassPrune ?? false,
    ...(options.massPruneThreshold !== undefined ? { massPruneThreshold: options.massPruneThreshold } : {}),
    forceConflicts: options.forceConflicts ?? false,
    concurrency,
  });
  const exitCode = applyExitCode(report);
  io.out(formatApplyReportText(report));
  if (preflight?.status === 'skipped') io.out(`${preflightSummary(preflight)}\n`);
  warn(await appendStepSummary(io.env, formatApplyReportMarkdown(report) + (preflight === undefined ? '' : formatPreflightMarkdown(preflight))));
  const skipped = preflight?.status === 'skipped' ? 'PREFLIGHT SKIPPED; ' : '';
  if (target) warn(await postDeploymentStatus(target, exitCode === 0 ? 'success' : 'failure', `${skipped}${describeOutcome(report)}`));
  return { exitCode, report, errors: [...report.errors], ...(preflight === undefined ? {} : { preflight }) };
}
