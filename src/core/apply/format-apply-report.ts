import { applySucceeded, countOutcomes, OUTCOMES, type ApplyReport, type ObjectResult } from './apply-report.js';
import { formatDifference, mdCell } from './format-value.js';
import { compareStrings } from '../compare-strings.js';

const MAX_DIFFS_PER_OBJECT = 10;

function summaryLine(report: ApplyReport): string {
  const counts = countOutcomes(report.objects);
  return OUTCOMES.map((o) => `${counts[o]} ${o}`).join(', ');
}

function title(report: ApplyReport): string {
  return `meshfed apply: peer ${report.peer}${report.dryRun ? ' (dry run: nothing was written)' : ''}`;
}

/**
 * Terminal report: every object that was (or would be) created, configured, pruned, failed or skipped, with
 * the fields that differ; unchanged objects are only counted.
 */
export function formatApplyReportText(report: ApplyReport): string {
  const lines = [title(report)];
  for (const r of report.refusals) lines.push(`  refused     ${r.key}: ${r.reason}`);
  for (const o of report.objects) {
    if (o.outcome === 'unchanged') continue;
    lines.push(`  ${o.outcome.padEnd(11)} ${o.key}${o.message ? `: ${o.message}` : ''}`);
    for (const d of (o.differences ?? []).slice(0, MAX_DIFFS_PER_OBJECT)) lines.push(`      ${formatDifference(d)}`);
    const more = (o.differences?.length ?? 0) - MAX_DIFFS_PER_OBJECT;
    if (more > 0) lines.push(`      … and ${more} more field(s)`);
  }
  for (const e of report.errors) lines.push(`error: ${e}`);
  for (const w of report.warnings) lines.push(`warning: ${w}`);
  lines.push(`prune: ${report.prune.status}${report.prune.message ? `: ${report.prune.message}` : ''}`);
  lines.push(`inventory: ${report.inventory.status}${report.inventory.message ? `: ${report.inventory.message}` : ''}`);
  lines.push(`summary: ${summaryLine(report)}${report.refusals.length ? `, ${report.refusals.length} refused` : ''}`);
  lines.push(applySucceeded(report) ? 'result: success' : 'result: FAILED');
  return `${lines.join('\n')}\n`;
}

function row(o: Pick<ObjectResult, 'key' | 'outcome' | 'message'>): string {
  return `| \`${mdCell(o.key)}\` | ${o.outcome} | ${mdCell(o.message)} |`;
}

/** GitHub job summary (Markdown): a table of what changed, failures first; unchanged objects folded away. */
export function formatApplyReportMarkdown(report: ApplyReport): string {
  const ok = applySucceeded(report);
  const counts = countOutcomes(report.objects);
  const out: string[] = [
    `### ${ok ? '✅' : '❌'} ${mdCell(title(report))}`,
    '',
    '| created | configured | unchanged | pruned | failed | skipped | refused |',
    '|---:|---:|---:|---:|---:|---:|---:|',
    `| ${counts.created} | ${counts.configured} | ${counts.unchanged} | ${counts.pruned} | ${counts.failed} | ${counts.skipped} | ${report.refusals.length} |`,
    '',
  ];
  for (const e of report.errors) out.push(`> **Error:** ${mdCell(e)}`, '');
  for (const w of report.warnings) out.push(`> **Warning:** ${mdCell(w)}`, '');
  const order: Record<string, number> = { failed: 0, refused: 1, skipped: 2, created: 3, configured: 4, pruned: 5 };
  const changed = [
    ...report.refusals.map((r) => ({ key: r.key, outcome: 'refused', message: r.reason })),
    ...report.objects.filter((o) => o.outcome !== 'unchanged'),
  ].sort((a, b) => (order[a.outcome] ?? 9) - (order[b.outcome] ?? 9) || compareStrings(a.key, b.key));
  if (changed.length > 0) {
    out.push('| Object | Result | Details |', '|---|---|---|');
    for (const o of changed) out.push(row(o as ObjectResult));
    out.push('');
  }
  out.push(`**Prune:** ${report.prune.status}${report.prune.message ? ` — ${mdCell(report.prune.message)}` : ''}`, '');
  out.push(`**Inventory:** ${report.inventory.status}${report.inventory.message ? ` — ${mdCell(report.inventory.message)}` : ''}`, '');
  const unchanged = report.objects.filter((o) => o.outcome === 'unchanged');
  if (unchanged.length > 0) {
    out.push(`<details><summary>${unchanged.length} unchanged object(s)</summary>`, '');
    for (const o of unchanged) out.push(`- \`${mdCell(o.key)}\``);
    out.push('', '</details>', '');
  }
  return `${out.join('\n')}\n`;
}
