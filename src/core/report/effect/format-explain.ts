import type { ExplainReport, FlowEffect } from './flow-effect.js';
import { portFacts } from './port-facts.js';

/** `meshfed explain`, human format: per flow, per port, one line per fact, labels aligned. */
export function formatExplain(report: ExplainReport): string {
  if (report.flows.length === 0) return 'No flows: no peer imports another peer\'s export.\n';
  const out: string[] = [];
  for (const flow of report.flows) out.push(...flowBlock(flow), '');
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}

export function flowTitle(flow: FlowEffect): string {
  return `${flow.consumer} → ${flow.provider}: import ${flow.import} (${flow.policy}) of export ${flow.export}`;
}

function flowBlock(flow: FlowEffect): string[] {
  const lines = [flowTitle(flow), `  ${flow.consumer}'s ${flow.target} shares traffic with ${flow.provider}'s ${flow.service}`];
  for (const port of flow.ports) {
    lines.push(`  port ${port.name} (${port.number}/${port.protocol})`);
    const facts = portFacts(flow, port);
    const width = Math.max(...facts.map((f) => f.topic.length));
    for (const f of facts) lines.push(`    ${f.topic.padEnd(width)}  ${f.text}`);
  }
  return lines;
}

/** `meshfed explain --format json`: the report as is (its builder fixes the key order), two-space indented. */
export function explainJson(report: ExplainReport): string {
  return `${JSON.stringify({ flows: report.flows }, null, 2)}\n`;
}

/** The flows `peer` takes part in, as consumer or provider. */
export function flowsOfPeer(report: ExplainReport, peer: string): ExplainReport {
  return { flows: report.flows.filter((f) => f.consumer === peer || f.provider === peer) };
}
