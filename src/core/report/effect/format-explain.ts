import type { FlowEffect } from '../../effect/index.js';
import type { ExplainReport } from './explain-report.js';
import { portFacts } from './port-facts.js';

/** `meshfed explain`, human format: per flow, per port, one line per fact, labels aligned. */
export function formatExplain(report: ExplainReport): string {
  if (report.flows.length === 0) return 'No flows: no peer imports another peer\'s export.\n';
  const out: string[] = [];
  for (const flow of report.flows) out.push(...flowBlock(flow), '');
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}

export function flowTitle(flow: FlowEffect): string {
  return `${flow.consumer} → ${flow.provider}: import ${flow.importName} (${flow.policy}) of export ${flow.exportName}`;
}

function flowBlock(flow: FlowEffect): string[] {
  const lines = [flowTitle(flow), `  ${flow.consumer}'s ${flow.targetHost} → ${flow.provider}'s ${flow.providerHost} (${flow.importFile})`];
  for (const port of flow.ports) {
    lines.push(`  port ${port.port.name} (${port.port.number}/${port.port.protocol})`);
    const facts = portFacts(flow, port);
    const width = Math.max(...facts.map((f) => f.topic.length));
    for (const f of facts) lines.push(`    ${f.topic.padEnd(width)}  ${f.text}`);
  }
  return lines;
}

/** `meshfed explain --format json`: the report as the effect model builds it (fixed key order), two-space indented. */
export function explainJson(report: ExplainReport): string {
  return `${JSON.stringify({ ok: true, flows: report.flows }, null, 2)}\n`;
}
