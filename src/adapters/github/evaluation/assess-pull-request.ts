import { consentRelevantChanges } from '../../../core/consent/generated-codeowners.js';
import { CODEOWNERS_LOCATIONS } from '../../../core/consent/governed-paths.js';
import type { CompileCache } from '../../../core/compile-cache.js';
import { compileFederation, type CompileResult } from '../../../core/pipeline.js';
import type { FederationPlan } from '../../../core/plan/federation-plan.js';
import { planFederation } from '../../../core/plan/plan-federation.js';
import { validateCheckOutput, type CheckOutput } from '../../../core/report/check-summary.js';
import { checkCodeowners } from '../../../core/report/codeowners.js';
import type { BotConfig } from '../bot-config.js';
import { changedPaths } from '../snapshot/changed-paths.js';
import type { GatheredPullRequest } from '../snapshot/gather-pull-request.js';
import { federationFiles, type RepoSnapshot } from '../snapshot/read-repo-snapshot.js';

/** The pure part of an evaluation: compile base, merge base and head, plan, CODEOWNERS, validate output. */
export interface Assessment {
  readonly head: CompileResult;
  /** Base branch tip: the policy (owners, admission). */
  readonly base: CompileResult;
  /** Merge base: the "before" of the plan. */
  readonly diffBase: CompileResult;
  /** Absent when it cannot be computed; `planUnavailable` then says why. */
  readonly plan?: FederationPlan;
  readonly planUnavailable?: string;
  readonly changedFiles: readonly string[];
  readonly codeowners?: { readonly path: string; readonly upToDate: boolean };
  readonly validate: CheckOutput;
}

export function assessPullRequest(g: GatheredPullRequest, config: BotConfig, cache?: CompileCache): Assessment {
  // With a cache the three commits share their parse (each distinct file content once) and their render (only peers
  // whose inputs differ are rendered again), and so do later events on the same repository in a warm process.
  const compile = (s: RepoSnapshot): CompileResult =>
    compileFederation(federationFiles(s, config.root), { root: config.root, ...(cache === undefined ? {} : { cache }) });
  const head = compile(g.head);
  const base = compile(g.base);
  const diffBase = g.diffBase === g.base ? base : compile(g.diffBase);

  let plan: FederationPlan | undefined;
  let planUnavailable: string | undefined;
  if (head.rendered === undefined) {
    planUnavailable = 'the head commit does not validate, so nothing can be rendered for it. Fix the meshfed/validate errors to see the plan.';
  } else if (diffBase.rendered === undefined) {
    plan = planFederation(new Map(), head.rendered);
    planUnavailable =
      'the commit this pull request starts from does not validate, so every object rendered at the head is shown as added ' +
      'and every peer with objects must approve.';
  } else {
    plan = planFederation(diffBase.rendered, head.rendered);
  }

  let codeowners: { path: string; check: ReturnType<typeof checkCodeowners> } | undefined;
  if (head.rendered !== undefined) {
    const path = CODEOWNERS_LOCATIONS.find((p) => g.head.files.has(p)) ?? config.codeownersPath;
    const actual = g.head.files.get(path)?.content;
    codeowners = {
      path,
      check: checkCodeowners(head.model, actual, {
        root: config.root,
        codeownersPath: config.codeownersPath,
        workflowsPrefix: config.workflowsPrefix,
        federationWidePaths: config.federationWidePaths,
      }),
    };
  }
  const files = federationFiles(g.head, config.root);
  const validate = validateCheckOutput({
    headSha: g.head.ref,
    diagnostics: head.diagnostics,
    files: files.length,
    peers: head.model.peers.size,
    ...(codeowners === undefined ? {} : { codeowners }),
  });
  return {
    head,
    base,
    diffBase,
    ...(plan === undefined ? {} : { plan }),
    ...(planUnavailable === undefined ? {} : { planUnavailable }),
    changedFiles: consentRelevantChanges(changedPaths(g.diffBase, g.head), codeowners === undefined ? undefined : { path: codeowners.path, upToDate: codeowners.check.upToDate }),
    ...(codeowners === undefined ? {} : { codeowners: { path: codeowners.path, upToDate: codeowners.check.upToDate } }),
    validate,
  };
}
