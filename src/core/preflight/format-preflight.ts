import { mdCell } from '../apply/format-value.js';
import type { PreflightReport } from './preflight-report.js';

/** What a run with --skip-preflight did not check. */
export const SKIPPED_WHAT = 'the mesh config, the root CA and foreign DestinationRules/VirtualServices were NOT checked';

/** One line for the apply/drift report and the deployment status: `preflight: passed` etc. */
export function preflightSummary(report: PreflightReport): string {
  switch (report.status) {
    case 'passed':
      return `preflight: passed${report.warnings.length > 0 ? ` with ${report.warnings.length} warning(s)` : ''}`;
    case 'refused':
      return `preflight: REFUSED, ${report.problems.length} problem(s): ${[...new Set(report.problems.map((p) => p.code))].join(', ')}`;
    case 'skipped':
      return `preflight: SKIPPED (--skip-preflight): ${SKIPPED_WHAT}`;
    case 'failed':
      return `preflight: FAILED: ${report.error ?? 'the cluster could not be read'}`;
  }
}

function indent(text: string, by: string): string {
  return text
    .trimEnd()
    .split('\n')
    .map((l) => `${by}${l}`)
    .join('\n');
}

/** Terminal text: every problem with its code, what, how to fix, and the fragment to add; then warnings. */
export function formatPreflightText(report: PreflightReport): string {
  const lines = [`meshfed preflight: peer ${report.peer}`, `  ${preflightSummary(report)}`];
  if (report.status !== 'skipped' && report.status !== 'failed') lines.push(`  checked: ${report.checked.join('; ')}`);
  for (const p of report.problems) {
    lines.push(`  refused [${p.code}]: ${p.message}`, `    fix: ${p.fix}`);
    if (p.fragment !== undefined) lines.push('    add:', indent(p.fragment, '      '));
  }
  for (const w of report.warnings) lines.push(`  warning: ${w}`);
  return `${lines.join('\n')}\n`;
}

/** GitHub job summary and drift issue body (Markdown). */
export function formatPreflightMarkdown(report: PreflightReport): string {
  const icon = { passed: '✅', refused: '❌', skipped: '⚠️', failed: '❌' }[report.status];
  const out = [`#### ${icon} ${mdCell(preflightSummary(report))}`, ''];
  if (report.status === 'skipped') {
    out.push(`> **Warning:** this run was started with \`--skip-preflight\`: ${SKIPPED_WHAT}. The apply went ahead regardless.`, '');
  }
  if (report.status !== 'skipped' && report.status !== 'failed') out.push(`Checked: ${report.checked.map((c) => mdCell(c)).join('; ')}`, '');
  for (const p of report.problems) {
    out.push(`- **\`${p.code}\`**: ${mdCell(p.message)}`, `  - **Fix:** ${mdCell(p.fix)}`);
    if (p.fragment !== undefined) out.push('  - **Add:**', '', '    ```yaml', indent(p.fragment, '    '), '    ```', '');
  }
  for (const w of report.warnings) out.push(`> **Warning:** ${mdCell(w)}`, '');
  return `${out.join('\n')}\n`;
}

/** The report of a run with --skip-preflight: loud, and recorded in every output of the run. */
export function skippedPreflight(peer: string): PreflightReport {
  return { peer, status: 'skipped', problems: [], warnings: [], checked: [] };
}
