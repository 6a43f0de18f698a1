import type { ConsentResult, PeerRequirement } from '../consent/consent-types.js';
import { reviewerHandles } from '../consent/format-consent.js';
import type { Diagnostic } from '../diagnostics.js';
import type { FederationModel } from '../model/federation-model.js';
import { peerHasChanges, planTotals, type FederationPlan, type PeerPlan } from '../plan/federation-plan.js';
import { summaryLine } from '../plan/format-plan.js';
import { fenceFor } from './check-summary.js';
import type { EffectReports } from './effect/explain-report.js';
import { effectSection } from './effect/pr-effect-section.js';
import { diffFlows } from './federation-flows.js';
import { plural } from './format-diagnostics.js';
import { mermaidGraphDiff } from './mermaid-graph.js';

/**
 * The one sticky pull-request comment: found again by its hidden marker and edited in place. It shows, per peer,
 * what the change does to that peer's cluster and whether the peer approved, the diffs (collapsed), a Mermaid
 * graph of the flows the change adds or removes, and what to do about anything that fails.
 */
export interface StickyMarker {
  /** Head commit the comment describes. */
  readonly head: string;
  /** Base commit the owners were read from. */
  readonly base: string;
  /** `pull_request.updated_at` of the event that wrote it: orders events for different heads. */
  readonly updatedAt?: string;
  /** Webhook delivery id that wrote it (a redelivery of the same id changes nothing). */
  readonly delivery?: string;
  /** Check-run ids written for `head`. */
  readonly validate?: number;
  readonly consent?: number;
}

const MARKER_PREFIX = '<!-- meshfed:sticky ';
const MARKER_RE = /<!-- meshfed:sticky ([^>]*?) -->/;
/** GitHub rejects comment bodies over 65536 characters; stay well below. */
export const MAX_COMMENT_CHARS = 60_000;

export function formatStickyMarker(m: StickyMarker): string {
  const fields: [string, string | number | undefined][] = [
    ['head', m.head], ['base', m.base], ['updated', m.updatedAt], ['delivery', m.delivery], ['validate', m.validate], ['consent', m.consent],
  ];
  return `${MARKER_PREFIX}${fields.filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`).join(' ')} -->`;
}

export function parseStickyMarker(body: string): StickyMarker | undefined {
  const m = MARKER_RE.exec(body);
  if (m?.[1] === undefined) return undefined;
  const fields = new Map<string, string>();
  for (const pair of m[1].split(/\s+/)) {
    const eq = pair.indexOf('=');
    if (eq > 0) fields.set(pair.slice(0, eq), safeDecode(pair.slice(eq + 1)));
  }
  const num = (k: string): number | undefined => {
    const v = Number(fields.get(k));
    return Number.isSafeInteger(v) && v > 0 ? v : undefined;
  };
  const str = (k: string): string | undefined => fields.get(k);
  return {
    head: str('head') ?? '',
    base: str('base') ?? '',
    ...(str('updated') === undefined ? {} : { updatedAt: str('updated') }),
    ...(str('delivery') === undefined ? {} : { delivery: str('delivery') }),
    ...(num('validate') === undefined ? {} : { validate: num('validate') }),
    ...(num('consent') === undefined ? {} : { consent: num('consent') }),
  };
}

export function isStickyComment(body: string | undefined | null): boolean {
  return typeof body === 'string' && body.includes(MARKER_PREFIX);
}

export interface PrCommentInput {
  readonly marker: StickyMarker;
  /** Head diagnostics, sorted. */
  readonly diagnostics: readonly Diagnostic[];
  /** CODEOWNERS at head differs from the generated one. */
  readonly codeownersOutdated?: { readonly path: string };
  /** Absent when the plan could not be computed (`planUnavailable` says why). */
  readonly plan?: FederationPlan;
  readonly planUnavailable?: string;
  readonly consent: ConsentResult;
  /** Base (the merge base) and head models, for the graph of flows added or removed. */
  readonly flows?: { readonly base: FederationModel; readonly head: FederationModel };
  /** Extra sentences (review requests GitHub refused, ...). */
  readonly notes?: readonly string[];
  /** What the mesh enforces per flow at the base and at the head (effect/pr-effect-section.ts). */
  readonly effects?: EffectReports;
}

export function renderPrComment(input: PrCommentInput): string {
  const sha = input.marker.head.slice(0, 7);
  const errors = input.diagnostics.filter((d) => d.severity === 'error');
  const c = input.consent;
  const lines: string[] = [formatStickyMarker(input.marker), `## meshfed plan for \`${sha}\``, ''];
  const status = [
    errors.length > 0 ? `❌ validation: ${plural(errors.length, 'error')}` : '✅ validation passed',
    input.codeownersOutdated ? '❌ CODEOWNERS out of date' : undefined,
    c.satisfied ? '✅ consent complete' : `⏳ consent: ${plural(missingCount(c), 'approval')} missing`,
  ].filter((s): s is string => s !== undefined);
  lines.push(status.join(' · '), '');

  if (input.plan !== undefined) {
    lines.push(`**${summaryLine(planTotals(input.plan))}**`, '');
  } else if (input.planUnavailable !== undefined) {
    lines.push(`**Plan unavailable:** ${prose(input.planUnavailable)}`, '');
  }
  lines.push(...peerTable(input.plan, c), '');
  if ((c.narrowed ?? []).length > 0) {
    lines.push('**Narrowed access** (each consumer named here must approve):', '');
    for (const n of c.narrowed ?? []) lines.push(`- ${code(n.consumer)} imports ${code(`${n.provider}/${n.export}`)} and loses access: ${prose(n.what)}.`);
    lines.push('');
  }
  lines.push(...flowSection(input.flows), '');
  const effects = effectSection(input.effects);
  if (effects.length > 0) lines.push(...effects, '');
  const fix = howToFix(input, errors);
  if (fix.length > 0) lines.push('### How to fix', '', ...fix, '');
  lines.push(
    '<sub>Approvals count on the current head commit, from owners listed in the **base** branch. ' +
      'Reviewers with write access can comment `/meshfed plan` to recompute or `/meshfed help` for help.</sub>',
  );
  const head = lines.join('\n');
  const diffs = diffSection(input.plan, MAX_COMMENT_CHARS - head.length - 200);
  return diffs.length === 0 ? head : `${head}\n\n${diffs}`;
}

function missingCount(c: ConsentResult): number {
  return c.peers.filter((p) => !p.satisfied).length + (c.admission !== undefined && !c.admission.satisfied ? 1 : 0);
}

function peerTable(plan: FederationPlan | undefined, c: ConsentResult): string[] {
  const planned = new Map((plan?.peers ?? []).map((p) => [p.peer, p]));
  const required = new Map(c.peers.map((p) => [p.peer, p]));
  const newPeers = new Set(c.admission?.newPeers ?? []);
  const shown = [...new Set([
    ...[...planned.values()].filter(peerHasChanges).map((p) => p.peer),
    ...required.keys(),
    ...newPeers,
  ])].sort();
  if (shown.length === 0) return ['No peer is affected: nothing is added, changed or removed in any cluster, and no peer must approve.'];
  const rows = ['| peer | added | changed | removed | approval |', '|---|---:|---:|---:|---|'];
  for (const peer of shown) {
    const p = planned.get(peer);
    const counts = p === undefined ? ['—', '—', '—'] : [p.added.length, p.changed.length, p.removed.length].map(String);
    const tag = p?.presence === 'added' || newPeers.has(peer) ? ' 🆕' : p?.presence === 'removed' ? ' (leaving)' : '';
    rows.push(`| ${code(peer)}${tag} | ${counts.join(' | ')} | ${approvalCell(required.get(peer), newPeers.has(peer), c)} |`);
  }
  const untouched = (plan?.peers.length ?? 0) - shown.filter((s) => planned.has(s)).length;
  if (untouched > 0) rows.push('', `${plural(untouched, 'other peer')} unchanged.`);
  return rows;
}

function approvalCell(req: PeerRequirement | undefined, isNew: boolean, c: ConsentResult): string {
  if (isNew && c.admission !== undefined) {
    const a = c.admission;
    return `${a.satisfied ? '✅' : '⏳'} admission (${a.policy}): ${a.approvingPeers.length} of ${a.needed} existing peers`;
  }
  if (req === undefined) return '— not needed';
  if (req.satisfied) return `✅ ${req.approvals.map((a) => prose(a.via === 'author' ? `${a.login} (author)` : a.login)).join(', ')}`;
  if (req.blocker !== undefined) return '⛔ no owners in base';
  return `⏳ waiting for ${req.owners.map(code).join(' ')}`;
}

function flowSection(flows: PrCommentInput['flows']): string[] {
  if (flows === undefined) return [];
  const d = diffFlows(flows.base, flows.head);
  if (d.added.length + d.removed.length === 0) return ['No traffic flow between peers is added or removed.'];
  const involved = new Set([...d.added, ...d.removed].flatMap((f) => [f.consumer, f.provider]));
  const graph = mermaidGraphDiff(flows.base, flows.head, { focus: involved });
  return [
    `### Flows: ${d.added.length} added, ${d.removed.length} removed`,
    '',
    'Thick green arrows are added, dotted red ones removed (consumer → provider); peers the change touches have a thick border.',
    '',
    '```mermaid',
    graph.replace(/\n$/, ''),
    '```',
  ];
}

function howToFix(input: PrCommentInput, errors: readonly Diagnostic[]): string[] {
  const out: string[] = [];
  const shown = errors.slice(0, 10);
  for (const d of shown) out.push(`- ${code(`${d.file}:${d.line}:${d.col}`)} ${prose(d.message)}: ${prose(d.hint)}.`);
  if (errors.length > shown.length) out.push(`- … and ${plural(errors.length - shown.length, 'more error')}: see the **meshfed/validate** check.`);
  if (input.codeownersOutdated !== undefined) {
    const p = input.codeownersOutdated.path;
    out.push(`- ${code(p)} does not match the peers' owners: run ${code(`meshfed codeowners > ${p}`)} and commit it (the expected file is in the **meshfed/validate** check).`);
  }
  const c = input.consent;
  if (!c.satisfied) {
    const ask = reviewerHandles(c.requestReviews);
    if (ask.length > 0) out.push(`- Approval needed from ${ask.map(code).join(', ')} on commit ${code(c.headSha.slice(0, 7))} (approvals of older commits do not count).`);
    for (const b of c.blockers) out.push(`- ${prose(b)}.`);
  }
  for (const n of input.notes ?? []) out.push(`- ${prose(n)}`);
  return out;
}

function diffSection(plan: FederationPlan | undefined, budget: number): string {
  if (plan === undefined) return '';
  const changed = plan.peers.filter(peerHasChanges);
  if (changed.length === 0 || budget < 500) return '';
  const parts: string[] = ['### Changes per peer', ''];
  let remaining = budget - 40;
  let omitted = 0;
  for (const [i, p] of changed.entries()) {
    const share = Math.floor(remaining / (changed.length - i));
    const block = peerDiffBlock(p, share);
    if (block === undefined) {
      omitted++;
      continue;
    }
    parts.push(block, '');
    remaining -= block.length + 1;
  }
  if (omitted > 0) parts.push(`${plural(omitted, 'peer')}'s diffs do not fit in a comment: run \`meshfed plan\` locally to see them.`);
  return parts.join('\n').replace(/\n+$/, '');
}

function peerDiffBlock(p: PeerPlan, budget: number): string | undefined {
  const head = `<details><summary><code>${html(p.peer)}</code>: +${p.added.length} ~${p.changed.length} -${p.removed.length}</summary>\n\n`;
  const tail = '\n</details>';
  const diff = [...p.added, ...p.changed, ...p.removed].map((c) => c.diff.replace(/\n$/, '')).join('\n');
  const fence = fenceFor(diff);
  const room = budget - head.length - tail.length - 2 * fence.length - 40;
  if (room < 200) return undefined;
  const body = diff.length <= room ? diff : `${diff.slice(0, Math.max(0, diff.lastIndexOf('\n', room)))}\n… (diff truncated: run \`meshfed plan\` for all of it)`;
  return `${head}${fence}diff\n${body}\n${fence}${tail}`;
}

/** Inline code that stays inline code whatever the text holds (backticks, pipes, line breaks). */
function code(s: string): string {
  return `\`${s.replace(/`/g, "'").replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ')}\``;
}

/**
 * Text that comes from intents or GitHub (messages, hints, notes): one line, table-safe, and unable to
 * @mention anyone (a value like "@org/everyone" echoed in an error must not notify a whole team).
 */
function prose(s: string): string {
  return s.replace(/[\r\n]+/g, ' ').replace(/@(?=[A-Za-z0-9])/g, '@\u200b');
}

function html(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
