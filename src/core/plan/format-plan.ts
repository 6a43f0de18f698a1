import { escapeData, plural } from '../report/format-diagnostics.js';
import {
  affectedPeers,
  peerHasChanges,
  planTotals,
  type FederationPlan,
  type ObjectChange,
  type PeerPlan,
  type PlanTotals,
} from './federation-plan.js';

export interface FormatPlanOptions {
  /** Print each change's unified diff (default true). */
  readonly diffs?: boolean;
}

const MARK: Record<ObjectChange['type'], string> = { added: '+', changed: '~', removed: '-' };

/**
 * Terminal text: a one-line summary, then per peer with changes the changed objects and their diffs, then one
 * line naming the peers without changes (a 1,000-peer federation does not print 999 "no changes" lines).
 */
export function planToHuman(plan: FederationPlan, options: FormatPlanOptions = {}): string[] {
  const lines = [summaryLine(planTotals(plan))];
  for (const p of plan.peers) {
    if (!peerHasChanges(p)) continue;
    lines.push('', peerHeadline(p));
    lines.push(...peerBody(p, options.diffs ?? true));
  }
  const quiet = plan.peers.filter((p) => !peerHasChanges(p));
  if (quiet.length > 0 && quiet.length < plan.peers.length) {
    lines.push('', `No changes for ${plural(quiet.length, 'peer')}: ${quiet.map((p) => p.peer).join(', ')}`);
  }
  return lines;
}

/**
 * GitHub Actions log: one collapsible group per peer with changes, and a notice with the summary.
 * Diff lines start with ' ', '+', '-', '@' or '\\', never with '::', so they cannot be read as workflow commands.
 * https://docs.github.com/en/actions/reference/workflow-commands-for-github-actions#grouping-log-lines
 */
export function planToGithub(plan: FederationPlan, options: FormatPlanOptions = {}): string[] {
  const lines: string[] = [];
  for (const p of plan.peers) {
    if (!peerHasChanges(p)) continue;
    lines.push(`::group::${escapeData(peerHeadline(p))}`, ...peerBody(p, options.diffs ?? true), '::endgroup::');
  }
  lines.push(`::notice title=meshfed plan::${escapeData(summaryLine(planTotals(plan)))}`);
  return lines;
}

export interface PlanJson {
  readonly totals: PlanTotals;
  readonly affectedPeers: readonly string[];
  readonly peers: FederationPlan['peers'];
}

/** The shape `--format json` prints: the plan plus its totals and affected peers. */
export function planToJson(plan: FederationPlan): PlanJson {
  return { totals: planTotals(plan), affectedPeers: affectedPeers(plan), peers: plan.peers };
}

/**
 * One line of totals. Peers whose render inputs did not change are not rendered (plan-change.ts), so their objects
 * are not counted among the unchanged ones: the line says how many peers that is.
 */
export function summaryLine(t: PlanTotals): string {
  const notRendered = t.inputsUnchangedPeers > 0 ? `; ${plural(t.inputsUnchangedPeers, 'peer')} with unchanged inputs not rendered` : '';
  if (t.affectedPeers === 0) return `Plan: no changes (${plural(t.peers, 'peer')}, ${plural(t.unchanged, 'object')} unchanged${notRendered})`;
  return (
    `Plan: ${t.affectedPeers} of ${plural(t.peers, 'peer')} change: ` +
    `${t.added} to add, ${t.changed} to change, ${t.removed} to remove, ${t.unchanged} unchanged${notRendered}`
  );
}

function peerHeadline(p: PeerPlan): string {
  const tag = p.presence === 'added' ? ' (new peer)' : p.presence === 'removed' ? ' (peer removed)' : '';
  if (p.unchanged === undefined) return `${p.peer}${tag}: no changes (inputs unchanged, not rendered)`;
  if (!peerHasChanges(p)) return `${p.peer}${tag}: no changes (${plural(p.unchanged, 'object')})`;
  return `${p.peer}${tag}: +${p.added.length} ~${p.changed.length} -${p.removed.length} (${p.unchanged} unchanged)`;
}

function peerBody(p: PeerPlan, diffs: boolean): string[] {
  const changes = [...p.added, ...p.changed, ...p.removed];
  const lines = changes.map((c) => `  ${MARK[c.type]} ${c.key}${apiVersionNote(c)}`);
  if (diffs) for (const c of changes) lines.push(...c.diff.replace(/\n$/, '').split('\n'));
  return lines;
}

function apiVersionNote(c: ObjectChange): string {
  return c.previousApiVersion === undefined ? '' : ` (apiVersion ${c.previousApiVersion} -> ${c.apiVersion})`;
}
