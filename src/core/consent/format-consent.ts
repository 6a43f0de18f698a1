import { escapeData } from '../report/format-diagnostics.js';
import type { Approval, ConsentResult, PeerRequirement, ReviewRequest } from './consent-types.js';

/** Whom to ask, as `@login` and `@org/slug` handles: users first, then teams. */
export function reviewerHandles(r: ReviewRequest): string[] {
  return [...r.users.map((u) => `@${u}`), ...r.teams.map((t) => `@${t.org}/${t.slug}`)];
}

/** GitHub Actions log: the consent text as one notice (satisfied) or warning (not yet), multi-line escaped. */
export function consentToGithub(r: ConsentResult): string[] {
  return [`::${r.satisfied ? 'notice' : 'warning'} title=meshfed consent::${escapeData(r.text)}`];
}

/** Plain text for terminals and check-run summaries; one line per requirement, then who to ask. */
export function formatConsent(r: Omit<ConsentResult, 'text'>): string {
  const sha = r.headSha.slice(0, 7);
  const lines: string[] = [];
  const total = r.peers.length + (r.admission === undefined ? 0 : 1);
  const met = r.peers.filter((p) => p.satisfied).length + (r.admission?.satisfied === true ? 1 : 0);
  if (total === 0 && r.blockers.length === 0) {
    lines.push("Consent: satisfied. No peer's approval is needed: the change touches no peer's folder or output and no federation-wide file.");
  } else {
    lines.push(
      `Consent: ${r.satisfied ? 'satisfied' : 'NOT satisfied'}. ${met} of ${total} ${total === 1 ? 'requirement' : 'requirements'} met on ${sha}.`,
    );
  }
  for (const p of r.peers) lines.push(peerLine(p));
  const a = r.admission;
  if (a !== undefined) {
    const plural = a.newPeers.length === 1 ? 'peer' : 'peers';
    lines.push(
      `  [${a.satisfied ? 'x' : ' '}] admission of new ${plural} ${a.newPeers.join(', ')} (policy ${a.policy}): ` +
        (a.existingPeers.length === 0
          ? 'no existing peer can admit'
          : `${a.approvingPeers.length} of ${a.needed} needed from existing peers ${a.existingPeers.join(', ')}` +
            (a.approvingPeers.length > 0 ? `; approved by ${a.approvingPeers.join(', ')}` : '')),
    );
    for (const peer of a.newPeers) {
      const owners = a.proposedOwners[peer] ?? [];
      lines.push(`      ${peer} proposes owners ${owners.length > 0 ? owners.join(', ') : '(none)'}; they cannot admit their own peer`);
    }
  }
  for (const n of r.narrowed ?? []) lines.push(`Narrowed: ${n.consumer} imports ${n.provider}/${n.export} and loses access: ${n.what}.`);
  if (r.authorNotCounted !== undefined) lines.push(`Authorship: ${r.authorNotCounted}.`);
  for (const b of r.blockers) lines.push(`Blocked: ${b}.`);
  const ask = reviewerHandles(r.requestReviews);
  if (ask.length > 0) lines.push(`Reviews needed from: ${ask.join(', ')} (approve the current head commit ${sha}).`);
  if (r.unresolvedTeams.length > 0) {
    lines.push(`Teams whose members could not be read (counted as empty): ${r.unresolvedTeams.join(', ')}.`);
  }
  return lines.join('\n');
}

function peerLine(p: PeerRequirement): string {
  const head = `  [${p.satisfied ? 'x' : ' '}] ${p.peer} (${p.reasons.join(', ')})`;
  if (p.satisfied) return `${head}: approved by ${p.approvals.map(approvalText).join(', ')}`;
  if (p.blocker !== undefined) return `${head}: no owners in the base branch`;
  return `${head}: waiting for ${p.owners.join(', ')}`;
}

function approvalText(a: Approval): string {
  const as = a.as.toLowerCase() === `@${a.login.toLowerCase()}` ? '' : ` as ${a.as}`;
  return a.via === 'author' ? `${a.login} (author${as})` : `${a.login}${as}`;
}
