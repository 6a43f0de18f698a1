import { diffEffects, type FlowChange } from './diff-effects.js';
import type { EffectReports } from './explain-report.js';
import { flowTitle } from './format-explain.js';

/**
 * Characters the section may take: the comment's whole body must stay under GitHub's limit (pr-comment.ts
 * MAX_COMMENT_CHARS) next to the plan's diffs, and the consent check's summary under 65535.
 */
export const MAX_EFFECT_SECTION_CHARS = 20_000;

/**
 * The "Effect on the mesh" section of the pull-request comment (and of the consent check's summary): per flow the
 * change touches, per port, the facts that change (before → after), with a ⚠️ line for everything the mesh would
 * enforce less than before. Nothing when no flow's effect changes. Text from intents (route matches) is escaped.
 * Flows with weaker effects come first; when the section runs out of room a flow keeps only its ⚠️ lines, and
 * what does not fit at all is counted.
 */
export function effectSection(effects: EffectReports | undefined, maxChars = MAX_EFFECT_SECTION_CHARS): string[] {
  if (effects === undefined) return [];
  const diff = diffEffects(effects.base, effects.head);
  if (diff.flows.length === 0) return [];
  const weaker = weakerCount(diff.flows);
  const lines = [
    `### Effect on the mesh: ${diff.flows.length} flow${diff.flows.length === 1 ? '' : 's'} changed${weaker > 0 ? `, ⚠️ ${weaker} weaker` : ''}`,
    '',
    'What Istio would enforce, computed from the rendered objects (`meshfed explain` shows every flow in full).',
    '',
  ];
  let used = lines.join('\n').length;
  const room = maxChars - 200;
  const omitted: FlowChange[] = [];
  const ordered = [...diff.flows.filter((f) => weakerCount([f]) > 0), ...diff.flows.filter((f) => weakerCount([f]) === 0)];
  for (const f of ordered) {
    const full = flowLines(f);
    const compact = [full[0] as string, ...f.ports.flatMap((p) => p.weaker.map((w) => weakerLine(p.port, w))), '- (before/after rows left out for room: run `meshfed explain`)'];
    const block = [full, compact].find((b) => used + b.join('\n').length + 1 <= room);
    if (block === undefined) {
      omitted.push(f);
      continue;
    }
    lines.push(...block, '');
    used += block.join('\n').length + 2;
  }
  if (omitted.length > 0) {
    const w = weakerCount(omitted);
    lines.push(`… and ${omitted.length} more changed flow${omitted.length === 1 ? '' : 's'}${w > 0 ? ` (⚠️ ${w} weaker among them)` : ''}: run \`meshfed explain\` on both commits.`, '');
  }
  return lines.slice(0, -1);
}

function weakerCount(flows: readonly FlowChange[]): number {
  return flows.reduce((n, f) => n + f.ports.reduce((m, p) => m + p.weaker.length, 0), 0);
}

function weakerLine(port: string, w: string): string {
  return `- ⚠️ **weaker** on port ${cell(port)}: ${cell(w)}`;
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
    for (const w of p.weaker) lines.push(weakerLine(p.port, w));
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
