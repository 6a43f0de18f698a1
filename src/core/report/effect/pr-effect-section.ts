import { diffEffects, type EffectDiff, type FlowChange } from './diff-effects.js';
import type { EffectReports } from './explain-report.js';
import { flowTitle } from './format-explain.js';

/** How many changed flows the comment details; the rest are counted (`meshfed explain` shows all). */
const MAX_FLOWS = 20;

/**
 * The "Effect on the mesh" section of the pull-request comment (and of the consent check's summary): per flow the
 * change touches, per port, the facts that change (before → after), with a ⚠️ line for everything the mesh would
 * enforce less than before. Nothing when no flow's effect changes. Text from intents (route matches) is escaped.
 */
export function effectSection(effects: EffectReports | undefined, heading = '###'): string[] {
  if (effects === undefined) return [];
  const diff = diffEffects(effects.base, effects.head);
  if (diff.flows.length === 0) return [];
  const weaker = weakerCount(diff);
  const lines = [
    `${heading} Effect on the mesh: ${diff.flows.length} flow${diff.flows.length === 1 ? '' : 's'} changed${weaker > 0 ? `, ⚠️ ${weaker} weaker` : ''}`,
    '',
    'What Istio would enforce, computed from the rendered objects (`meshfed explain` shows every flow in full).',
    '',
  ];
  for (const f of diff.flows.slice(0, MAX_FLOWS)) lines.push(...flowLines(f), '');
  if (diff.flows.length > MAX_FLOWS) lines.push(`… and ${diff.flows.length - MAX_FLOWS} more changed flows: run \`meshfed explain\` on both commits.`, '');
  return lines.slice(0, -1);
}

function weakerCount(d: EffectDiff): number {
  return d.flows.reduce((n, f) => n + f.ports.reduce((m, p) => m + p.weaker.length, 0), 0);
}

function flowLines(f: FlowChange): string[] {
  const title = `**${cell(flowTitle(f.flow))}**`;
  if (f.change === 'added') return [`${title}: 🆕 new flow (${f.flow.ports.length} port${f.flow.ports.length === 1 ? '' : 's'})`];
  if (f.change === 'removed') return [`${title}: removed; ${cell(f.flow.consumer)}'s traffic for ${cell(f.flow.targetHost)} no longer reaches ${cell(f.flow.provider)}`];
  const lines = [title];
  for (const p of f.ports) {
    if (p.change !== 'changed') {
      lines.push(`- port ${cell(p.port)}: ${p.change}`);
      continue;
    }
    for (const w of p.weaker) lines.push(`- ⚠️ **weaker** on port ${cell(p.port)}: ${cell(w)}`);
    if (p.facts.length > 0) {
      lines.push('', `| port ${cell(p.port)} | before | after |`, '|---|---|---|');
      for (const c of p.facts) lines.push(`| ${c.topic} | ${cell(c.before ?? '—')} | ${cell(c.after ?? '—')} |`);
      lines.push('');
    }
  }
  return lines[lines.length - 1] === '' ? lines.slice(0, -1) : lines;
}

/**
 * Text that may hold intent values (a header match written by the pull request's author) inside Markdown: one
 * line, no table break, no HTML, no @mention, no code span opened.
 */
function cell(s: string): string {
  return s
    .replace(/[\r\n]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|')
    .replace(/`/g, "'")
    .replace(/@(?=[A-Za-z0-9])/g, '@\u200b');
}
