import type { DriftReport } from './compute-drift.js';
import { formatFieldPath } from './field-paths.js';
import { formatDifference, formatValue, mdCell } from './format-value.js';

const STATUS_TEXT = {
  missing: 'missing: desired but not in the cluster',
  differs: 'differs',
  extra: 'extra: carries meshfed\'s labels for this peer but is not desired (a later `meshfed apply --prune` deletes it if it is in the inventory)',
} as const;

export function formatDriftReportText(report: DriftReport): string {
  const lines = [`meshfed drift: peer ${report.peer}`];
  for (const e of report.entries) {
    lines.push(`  ${e.status.padEnd(8)} ${e.key}`);
    for (const d of e.differences) lines.push(`      ${formatDifference(d)}`);
  }
  const n = (s: string) => report.entries.filter((e) => e.status === s).length;
  lines.push(
    report.hasDrift
      ? `drift: ${n('missing')} missing, ${n('differs')} differ, ${n('extra')} extra; ${report.inSync} in sync`
      : `no drift: all ${report.inSync} object(s) are as desired`,
  );
  return `${lines.join('\n')}\n`;
}

/** Markdown, for the job summary and the drift issue body. */
export function formatDriftReportMarkdown(report: DriftReport): string {
  if (!report.hasDrift) return `### ✅ meshfed drift: peer ${mdCell(report.peer)}\n\nNo drift: all ${report.inSync} object(s) are as desired.\n`;
  const out = [
    `### ⚠️ meshfed drift: peer ${mdCell(report.peer)}`,
    '',
    `${report.entries.length} object(s) drifted; ${report.inSync} in sync.`,
    '',
    '| Object | Drift | Field | Live | Desired | Held by |',
    '|---|---|---|---|---|---|',
  ];
  for (const e of report.entries) {
    if (e.differences.length === 0) {
      out.push(`| \`${mdCell(e.key)}\` | ${mdCell(STATUS_TEXT[e.status])} | | | | |`);
      continue;
    }
    for (const d of e.differences) {
      out.push(
        `| \`${mdCell(e.key)}\` | ${e.status} | \`${mdCell(formatFieldPath(d.path))}\` | \`${mdCell(formatValue(d.live))}\` | \`${mdCell(formatValue(d.desired))}\` | ${mdCell((d.managers ?? []).join(', '))} |`,
      );
    }
  }
  out.push('', 'Run `meshfed apply` for this peer (re-run its last deployment) to bring the cluster back to the desired state.', '');
  return `${out.join('\n')}\n`;
}
