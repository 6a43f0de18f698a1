import { consentRelevantChanges } from '../../../core/consent/generated-codeowners.js';
import { CODEOWNERS_LOCATIONS } from '../../../core/consent/governed-paths.js';
import { CompileCache, WHOLE_RUN_CACHE_LIMITS } from '../../../core/compile-cache.js';
import { hasErrors } from '../../../core/diagnostics.js';
import { compileFederation, type CompileResult } from '../../../core/pipeline.js';
import type { FederationPlan } from '../../../core/plan/federation-plan.js';
import { planOnDemand } from '../../../core/plan/plan-change.js';
import { RenderedOnDemand } from '../../../core/render/rendered-on-demand.js';
import { peersUnchangedByChange } from '../../../core/plan/unchanged-peers.js';
import { effectsOfChange, type EffectReports } from '../../../core/report/effect/explain-report.js';
import { validateCheckOutput, type CheckOutput } from '../../../core/report/check-summary.js';
import { checkCodeowners } from '../../../core/report/codeowners.js';
import type { BotConfig } from '../bot-config.js';
import { changedPaths } from '../snapshot/changed-paths.js';
import type { GatheredPullRequest } from '../snapshot/gather-pull-request.js';
import { federationFiles, type RepoSnapshot } from '../snapshot/read-repo-snapshot.js';

/** The pure part of an evaluation: compile base, merge base and head, plan, effects, CODEOWNERS, validate output. */
export interface Assessment {
  /** Parsed and validated, not rendered: only the peers a change touches are (`plan`, `effects`). */
  readonly head: CompileResult;
  /** The head validates: it has a plan and effects, and consent can be given. */
  readonly headValid: boolean;
  /** Base branch tip: the policy (owners, admission). */
  readonly base: CompileResult;
  /** Merge base: the "before" of the plan. */
  readonly diffBase: CompileResult;
  /** Absent when it cannot be computed; `planUnavailable` then says why. */
  readonly plan?: FederationPlan;
  readonly planUnavailable?: string;
  /** What the mesh enforces per changed flow, before and after (absent when the head does not validate). */
  readonly effects?: EffectReports;
  readonly changedFiles: readonly string[];
  readonly codeowners?: { readonly path: string; readonly upToDate: boolean };
  readonly validate: CheckOutput;
}

export function assessPullRequest(g: GatheredPullRequest, config: BotConfig, cache = new CompileCache(WHOLE_RUN_CACHE_LIMITS)): Assessment {
  // The three commits share their parse (each distinct file content once) and their render (a peer's objects are
  // kept by render key), and so do later events on the same repository in a warm process. Nothing is rendered up
  // front: the plan renders the peers whose render inputs differ between the merge base and the head, the effect
  // section the peers at the ends of the flows that changed (a one-peer change at 1,000 peers: about 40, not 1,000).
  const compile = (s: RepoSnapshot): CompileResult =>
    compileFederation(federationFiles(s, config.root), { root: config.root, cache, render: false });
  const head = compile(g.head);
  const base = compile(g.base);
  const diffBase = g.diffBase === g.base ? base : compile(g.diffBase);
  const headValid = !hasErrors(head.diagnostics);

  let plan: FederationPlan | undefined;
  let planUnavailable: string | undefined;
  let effects: EffectReports | undefined;
  if (!headValid) {
    planUnavailable = 'the head commit does not validate, so nothing can be rendered for it. Fix the meshfed/validate errors to see the plan.';
  } else {
    const after = new RenderedOnDemand(head, cache);
    const before = hasErrors(diffBase.diagnostics) ? undefined : new RenderedOnDemand(diffBase, cache);
    plan = planOnDemand(before, after);
    if (before === undefined) {
      planUnavailable =
        'the commit this pull request starts from does not validate, so every object rendered at the head is shown as added ' +
        'and every peer with objects must approve.';
    }
    effects = effectsOfChange(
      { model: diffBase.model, ...(before === undefined ? {} : { rendered: before }) },
      { model: head.model, rendered: after },
      peersUnchangedByChange(plan, diffBase, head),
    );
  }

  let codeowners: { path: string; check: ReturnType<typeof checkCodeowners> } | undefined;
  if (headValid) {
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
    headValid,
    base,
    diffBase,
    ...(plan === undefined ? {} : { plan }),
    ...(planUnavailable === undefined ? {} : { planUnavailable }),
    ...(effects === undefined ? {} : { effects }),
    changedFiles: consentRelevantChanges(changedPaths(g.diffBase, g.head), codeowners === undefined ? undefined : { path: codeowners.path, upToDate: codeowners.check.upToDate }),
    ...(codeowners === undefined ? {} : { codeowners: { path: codeowners.path, upToDate: codeowners.check.upToDate } }),
    validate,
  };
}
