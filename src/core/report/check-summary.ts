import type { ConsentResult } from '../consent/consent-types.js';
import { reviewerHandles } from '../consent/format-consent.js';
import type { Diagnostic } from '../diagnostics.js';
import type { CodeownersCheck } from './codeowners.js';
import type { EffectReports } from './effect/explain-report.js';
import { effectSection } from './effect/pr-effect-section.js';
import { plural } from './format-diagnostics.js';

/**
 * The text of the two check runs, `meshfed/validate` and `meshfed/consent`, as plain data (the GitHub adapter
 * sends it). GitHub caps `output.summary` and `output.text` at 65535 characters and takes at most 50
 * annotations per request; the adapter batches annotations, this module keeps texts under the cap.
 */
export type CheckConclusion = 'success' | 'failure' | 'neutral';

export interface CheckAnnotation {
  readonly path: string;
  readonly start_line: number;
  readonly end_line: number;
  /** Only when the annotation is on one line (GitHub's rule). */
  readonly start_column?: number;
  readonly end_column?: number;
  readonly annotation_level: 'notice' | 'warning' | 'failure';
  readonly title: string;
  readonly message: string;
}

export interface CheckOutput {
  readonly conclusion: CheckConclusion;
  readonly title: string;
  readonly summary: string;
  readonly text?: string;
  readonly annotations: readonly CheckAnnotation[];
}

/** GitHub's limit on `output.summary` / `output.text`. */
export const MAX_CHECK_TEXT = 65_535;
/** GitHub's limit on annotations per create/update request. */
export const ANNOTATIONS_PER_REQUEST = 50;

export interface ValidateCheckInput {
  readonly headSha: string;
  /** Head diagnostics (parse, schema, cross-peer), sorted. */
  readonly diagnostics: readonly Diagnostic[];
  readonly files: number;
  readonly peers: number;
  /** Generated CODEOWNERS vs the one at head; absent when not checked (the head does not validate). */
  readonly codeowners?: { readonly path: string; readonly check: CodeownersCheck };
}

export function validateCheckOutput(input: ValidateCheckInput): CheckOutput {
  const errors = input.diagnostics.filter((d) => d.severity === 'error');
  const warnings = input.diagnostics.length - errors.length;
  const outdated = input.codeowners !== undefined && !input.codeowners.check.upToDate;
  const failed = errors.length > 0 || outdated;
  const title = errors.length > 0
    ? `${plural(errors.length, 'error')}${warnings > 0 ? `, ${plural(warnings, 'warning')}` : ''}${outdated ? ', CODEOWNERS out of date' : ''}`
    : outdated
      ? 'CODEOWNERS is out of date with the peers\' owners'
      : `Valid: ${plural(input.peers, 'peer')}, ${plural(input.files, 'file')}${warnings > 0 ? `, ${plural(warnings, 'warning')}` : ''}`;

  const summary: string[] = [
    `| | count |`,
    `|---|---:|`,
    `| errors | ${errors.length} |`,
    `| warnings | ${warnings} |`,
    `| files with problems | ${new Set(input.diagnostics.map((d) => d.file)).size} |`,
    `| peers | ${input.peers} |`,
    `| intent files | ${input.files} |`,
    '',
    `Checked commit \`${input.headSha.slice(0, 7)}\`. Every problem is annotated on its file and line.`,
  ];
  if (outdated && input.codeowners !== undefined) {
    summary.push(
      '',
      `**\`${input.codeowners.path}\` does not match the peers' owners.** GitHub requests reviews from CODEOWNERS, so it must follow every peer.yaml. ` +
        `Regenerate it with \`meshfed codeowners > ${input.codeowners.path}\` and commit the result.`,
    );
  }
  const text: string[] = [];
  if (errors.length + warnings > 0) {
    text.push('## Problems', '');
    for (const d of input.diagnostics) {
      text.push(`- \`${d.file}:${d.line}:${d.col}\` **${d.severity}** ${d.message} — ${d.hint} \`[${d.code}]\``);
    }
  }
  if (outdated && input.codeowners !== undefined) {
    const fence = fenceFor(input.codeowners.check.expected);
    text.push('', `## The expected \`${input.codeowners.path}\``, '', `${fence}text`, input.codeowners.check.expected.replace(/\n$/, ''), fence);
    if (input.codeowners.check.diff !== '') {
      const f2 = fenceFor(input.codeowners.check.diff);
      text.push('', '## Difference', '', `${f2}diff`, input.codeowners.check.diff.replace(/\n$/, ''), f2);
    }
  }
  const annotations: CheckAnnotation[] = input.diagnostics.map(annotationOf);
  if (outdated && input.codeowners !== undefined) {
    annotations.push({
      path: input.codeowners.path,
      start_line: 1,
      end_line: 1,
      annotation_level: 'failure',
      title: 'meshfed codeowners/out-of-date',
      message: `${input.codeowners.path} does not match the owners in the peers' peer.yaml files. Run \`meshfed codeowners > ${input.codeowners.path}\` and commit the result (the expected file is in the check details).`,
    });
  }
  return {
    conclusion: failed ? 'failure' : 'success',
    title,
    summary: clip(summary.join('\n')),
    ...(text.length > 0 ? { text: clip(text.join('\n')) } : {}),
    annotations,
  };
}

export function annotationOf(d: Diagnostic): CheckAnnotation {
  return {
    path: d.file,
    start_line: d.line,
    end_line: d.line,
    start_column: d.col,
    end_column: d.col,
    annotation_level: d.severity === 'error' ? 'failure' : 'warning',
    title: `meshfed ${d.code}`,
    message: `${d.message}\n${d.hint}`,
  };
}

export interface ConsentCheckInput {
  readonly consent: ConsentResult;
  /** The head does not validate: consent is computed from folders and files only, without the rendered plan. */
  readonly planUnavailable?: string;
  /** Review requests GitHub refused, one sentence each. */
  readonly reviewRequestProblems?: readonly string[];
  /** Effects per flow at base and head: the summary shows what the approvals would let change. */
  readonly effects?: EffectReports;
}

export function consentCheckOutput(input: ConsentCheckInput): CheckOutput {
  const c = input.consent;
  const missing = c.peers.filter((p) => !p.satisfied);
  const admissionMissing = c.admission !== undefined && !c.admission.satisfied;
  const title = c.satisfied
    ? c.peers.length === 0 && c.admission === undefined
      ? 'No peer approval needed'
      : `Approved by every peer it needs (${plural(c.peers.length + (c.admission ? 1 : 0), 'requirement')})`
    : c.blockers.length > 0 && missing.length === 0 && !admissionMissing
      ? 'Blocked: no peer can approve this change'
      : `Waiting for ${[...missing.map((p) => p.peer), ...(admissionMissing ? ['admission of new peers'] : [])].join(', ')}`;
  const summary: string[] = [];
  if (c.peers.length > 0) {
    summary.push('| peer | why | owners (base branch) | approval |', '|---|---|---|---|');
    for (const p of c.peers) {
      const approval = p.satisfied
        ? `✅ ${p.approvals.map((a) => (a.via === 'author' ? `${a.login} (author)` : a.login)).join(', ')}`
        : p.blocker !== undefined
          ? '⛔ no owners in the base branch'
          : '⏳ missing';
      summary.push(`| \`${p.peer}\` | ${p.reasons.join(', ')} | ${p.owners.map(md).join(' ') || '—'} | ${approval} |`);
    }
    summary.push('');
  }
  const a = c.admission;
  if (a !== undefined) {
    summary.push(
      `**New ${a.newPeers.length === 1 ? 'peer' : 'peers'} ${a.newPeers.map((p) => `\`${p}\``).join(', ')}**: policy \`${a.policy}\` needs ` +
        `${a.needed} of ${a.existingPeers.length} existing peers; ${a.approvingPeers.length} approved` +
        `${a.approvingPeers.length > 0 ? ` (${a.approvingPeers.join(', ')})` : ''}. ${a.satisfied ? '✅' : '⏳'}`,
      '',
    );
  }
  summary.push(`Approvals count only on the head commit \`${c.headSha.slice(0, 7)}\`, from owners as listed in the **base** branch.`);
  if (!c.satisfied) {
    const ask = reviewerHandles(c.requestReviews);
    if (ask.length > 0) summary.push('', `**To pass:** ${ask.map(md).join(', ')} approve${ask.length === 1 ? 's' : ''} this pull request at its current head.`);
  }
  if (c.authorNotCounted !== undefined) summary.push('', `⚠️ ${c.authorNotCounted}.`);
  for (const b of c.blockers) summary.push('', `⛔ ${b}.`);
  if (input.planUnavailable !== undefined) summary.push('', `ℹ️ ${input.planUnavailable}`);
  for (const p of input.reviewRequestProblems ?? []) summary.push('', `⚠️ ${p}`);
  if (c.unresolvedTeams.length > 0) {
    summary.push('', `⚠️ Members of ${c.unresolvedTeams.map(md).join(', ')} could not be read; their members' approvals are not counted until they can.`);
  }
  const effects = effectSection(input.effects);
  if (effects.length > 0) summary.push('', ...effects);
  return {
    conclusion: c.satisfied ? 'success' : 'failure',
    title,
    summary: clip(summary.join('\n')),
    text: clip(['```text', c.text.replace(/```/g, '`\u200b``'), '```'].join('\n')),
    annotations: [],
  };
}

/** A check that could not run to the end: it fails (never passes by accident) and says why and what to do. */
export function internalErrorOutput(what: string, reason: string, retry: string): CheckOutput {
  return {
    conclusion: 'failure',
    title: `meshfed could not ${what}`,
    summary: clip([`meshfed could not ${what}: ${reason}.`, '', `Nothing was decided for this commit. ${retry}`].join('\n')),
    annotations: [],
  };
}

/** The consent check while validation has failed in a way that leaves nothing to evaluate. */
export function notEvaluatedOutput(reason: string): CheckOutput {
  return {
    conclusion: 'failure',
    title: 'Not evaluated',
    summary: clip(`Consent was not evaluated: ${reason}. Fix the meshfed/validate problems and push again.`),
    annotations: [],
  };
}

/** Owners such as `@org/team` would ping people from a check summary: wrap them in code. */
function md(owner: string): string {
  return `\`${owner}\``;
}

export function clip(s: string, max = MAX_CHECK_TEXT): string {
  if (s.length <= max) return s;
  const note = '\n\n… (truncated: the full report is in the pull-request comment and from `meshfed plan`)';
  return s.slice(0, max - note.length) + note;
}

/** A Markdown code fence longer than any backtick run in `content`. */
export function fenceFor(content: string): string {
  let longest = 0;
  for (const m of content.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  return '`'.repeat(Math.max(3, longest + 1));
}
