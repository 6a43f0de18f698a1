import { describe, expect, it } from 'vitest';
import type { ConsentResult } from '../../src/core/consent/consent-types.js';
import type { FederationPlan, ObjectChange } from '../../src/core/plan/federation-plan.js';
import { fenceFor, validateCheckOutput } from '../../src/core/report/check-summary.js';
import { formatStickyMarker, isStickyComment, MAX_COMMENT_CHARS, parseStickyMarker, renderPrComment } from '../../src/core/report/pr-comment.js';

const consent: ConsentResult = {
  satisfied: true,
  headSha: 'a'.repeat(40),
  peers: [],
  blockers: [],
  requestReviews: { users: [], teams: [] },
  unresolvedTeams: [],
  text: 'Consent: satisfied.',
};

function change(i: number, size: number): ObjectChange {
  return { type: 'changed', key: `g/K/ns/o${i}`, apiVersion: 'v1', kind: 'K', namespace: 'ns', name: `o${i}`, diff: `--- a\n+++ b\n@@ -1 +1 @@\n-${'x'.repeat(size)}\n+${'y'.repeat(size)}\n` };
}

describe('sticky comment and check texts', () => {
  it('GIVEN a marker WHEN formatted and parsed back THEN it round-trips and stays hidden in an HTML comment', () => {
    const m = { head: 'a'.repeat(40), base: 'b'.repeat(40), updatedAt: '2026-01-10T10:00:00Z', delivery: 'id with spaces/=&', validate: 5, consent: 6 };
    const text = formatStickyMarker(m);
    expect(text).toMatch(/^<!-- meshfed:sticky .* -->$/);
    expect(parseStickyMarker(`hello\n${text}\nworld`)).toEqual(m);
    expect(isStickyComment(text)).toBe(true);
    expect(isStickyComment('<!-- another bot -->')).toBe(false);
  });

  it('GIVEN diffs far larger than a comment can hold WHEN rendered THEN the body stays under GitHub\'s limit and says what was cut', () => {
    const plan: FederationPlan = {
      peers: Array.from({ length: 40 }, (_, p) => ({ peer: `p${p}`, presence: 'both' as const, added: [], changed: Array.from({ length: 20 }, (_, i) => change(i, 400)), removed: [], unchanged: 0 })),
    };
    const body = renderPrComment({ marker: { head: 'a'.repeat(40), base: 'b'.repeat(40) }, diagnostics: [], plan, consent });
    expect(body.length).toBeLessThanOrEqual(MAX_COMMENT_CHARS);
    expect(body).toMatch(/diff truncated|do not fit in a comment/);
    expect(body.split('<details>').length - 1).toBeGreaterThan(0);
  });

  it('GIVEN content with backticks WHEN fenced THEN the fence is longer than any backtick run', () => {
    expect(fenceFor('a ``` b')).toBe('````');
    expect(fenceFor('plain')).toBe('```');
  });

  it('GIVEN a valid head and a current CODEOWNERS WHEN the validate text is built THEN it succeeds with counts', () => {
    const out = validateCheckOutput({ headSha: 'c'.repeat(40), diagnostics: [], files: 4, peers: 2, codeowners: { path: '.github/CODEOWNERS', check: { upToDate: true, expected: '', diff: '' } } });
    expect(out).toMatchObject({ conclusion: 'success', title: 'Valid: 2 peers, 4 files', annotations: [] });
  });

  it('GIVEN intent text that mentions a team or breaks tables WHEN it reaches the comment THEN nobody is pinged and the table holds', () => {
    const body = renderPrComment({
      marker: { head: 'a'.repeat(40), base: 'b'.repeat(40) },
      diagnostics: [{ file: 'federation/peers/x/a.yaml', line: 3, col: 5, code: 'schema/x', severity: 'error', message: 'owner "@acme/everyone" is not allowed', hint: 'ask @root | or not' }],
      consent: {
        ...consent,
        satisfied: false,
        peers: [{ peer: 'we`ird|peer', reasons: ['folder-touched'], owners: ['@acme/everyone'], approvedBy: [], approvals: [], satisfied: false }],
        requestReviews: { users: [], teams: [{ org: 'acme', slug: 'everyone' }] },
      },
    });
    expect(body).not.toMatch(/(^|[^`\u200b])@acme/);
    expect(body).toContain('@\u200bacme/everyone');
    expect(body).toContain("| `we'ird\\|peer` | — | — | — |");
  });
});
