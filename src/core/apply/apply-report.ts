import type { Refusal } from './check-allowlist.js';
import type { FieldDifference } from './compare-with-live.js';
import { compareStrings } from '../compare-strings.js';

/**
 * What `meshfed apply` did, per object and overall. With `dryRun`, outcomes say what a real run would do.
 * `skipped` marks a desired object that was not applied because the run stopped before it (another
 * object's dry run failed, or a refusal).
 */
export type ObjectOutcome = 'created' | 'configured' | 'unchanged' | 'pruned' | 'failed' | 'skipped';

export const OUTCOMES: readonly ObjectOutcome[] = ['created', 'configured', 'unchanged', 'pruned', 'failed', 'skipped'];

export interface ObjectResult {
  readonly key: string;
  readonly outcome: ObjectOutcome;
  /** For `failed`: the server's message (and what to do); otherwise a short note. */
  readonly message: string;
  readonly differences?: readonly FieldDifference[];
}

export type PruneStatus = 'not-requested' | 'done' | 'skipped' | 'refused' | 'failed';
export type InventoryStatus = 'unchanged' | 'written' | 'not-written' | 'failed';

export interface ApplyReport {
  readonly peer: string;
  readonly dryRun: boolean;
  /** Sorted by key; includes pruned objects. */
  readonly objects: readonly ObjectResult[];
  /** Objects refused before contacting the cluster (any refusal means nothing was applied). */
  readonly refusals: readonly Refusal[];
  readonly prune: { readonly status: PruneStatus; readonly message: string };
  readonly inventory: { readonly status: InventoryStatus; readonly message: string };
  /** Run-level failures (cannot reach the cluster, kinds not served, ...). */
  readonly errors: readonly string[];
  readonly warnings: readonly string[];
}

export function countOutcomes(objects: readonly ObjectResult[]): Record<ObjectOutcome, number> {
  const counts = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<ObjectOutcome, number>;
  for (const o of objects) counts[o.outcome]++;
  return counts;
}

/** True when the run did everything it was asked to do. */
export function applySucceeded(report: ApplyReport): boolean {
  return (
    report.errors.length === 0 &&
    report.refusals.length === 0 &&
    report.objects.every((o) => o.outcome !== 'failed' && o.outcome !== 'skipped') &&
    report.prune.status !== 'refused' &&
    report.prune.status !== 'failed' &&
    report.inventory.status !== 'failed'
  );
}

/** `meshfed apply` exit code: 0 when everything succeeded, 1 otherwise. */
export function applyExitCode(report: ApplyReport): 0 | 1 {
  return applySucceeded(report) ? 0 : 1;
}

export function sortResults(objects: readonly ObjectResult[]): ObjectResult[] {
  return [...objects].sort((a, b) => compareStrings(a.key, b.key));
}
