import { describe, expect, it } from 'vitest';
import type { ConsentResult } from '../../../../src/core/consent/consent-types.js';
import { consentCheckOutput } from '../../../../src/core/report/check-summary.js';
import { effectSection } from '../../../../src/core/report/effect/pr-effect-section.js';
import { renderPrComment } from '../../../../src/core/report/pr-comment.js';
import { edited, exampleSources, explainFiles } from './explain-fixtures.js';

const PAPER = exampleSources('federation');
const EXPORT = 'federation/peers/gke/echo-export.yaml';
const base = explainFiles(PAPER);
const raised = explainFiles(edited(PAPER, EXPORT, 'maxConnections: 3', 'maxConnections: 30'));

const consent: ConsentResult = {
  satisfied: false,
  headSha: 'a'.repeat(40),
  peers: [],
  blockers: [],
  requestReviews: { users: [], teams: [] },
  unresolvedTeams: [],
  text: 'Consent: waiting.',
};

describe('effectSection: the pull request comment shows changed effects only', () => {
  it('GIVEN no effect changes WHEN rendered THEN the section is empty', () => {
    expect(effectSection({ base, head: explainFiles(PAPER) })).toEqual([]);
    expect(effectSection(undefined)).toEqual([]);
  });

  it('GIVEN a raised gateway cap WHEN rendered THEN a weaker line and a before/after row name it', () => {
    const text = effectSection({ base, head: raised }).join('\n');
    expect(text).toContain('### Effect on the mesh: 1 flow changed, ⚠️ 1 weaker');
    expect(text).toContain("- ⚠️ **weaker** on port http (80/HTTP): maxConnections on gke's east-west gateway raised from 3 to 30");
    expect(text).toMatch(/\| limits \| .*maxConnections 3, connectTimeout 5s \| .*maxConnections 30, connectTimeout 5s \|/);
  });

  it('GIVEN a new flow WHEN rendered THEN it is one line, not a table', () => {
    const lines = effectSection({ base: { flows: [] }, head: base });
    expect(lines.filter((l) => l.startsWith('**'))).toEqual(['**tein → gke: import echo-burst (burst) of export echo**: 🆕 new flow (1 port)']);
    expect(lines.join('\n')).not.toContain('| before |');
  });

  it('GIVEN a route match written by the pull request author WHEN rendered THEN it cannot break the table, inject HTML or mention anyone', () => {
    const mesh = exampleSources('three-peer-mesh');
    const file = 'federation/peers/milan/imports.yaml';
    const before = explainFiles(mesh);
    const after = explainFiles(edited(mesh, file, 'exact: gpu', 'exact: "a|b<img src=x>@org/all`"'));
    const section = effectSection({ base: before, head: after }).join('\n');
    expect(section).toContain('routing');
    expect(section).not.toContain('<img');
    expect(section).not.toMatch(/@org/);
    for (const row of section.split('\n').filter((l) => l.startsWith('| routing'))) expect(row.split(/(?<!\\)\|/)).toHaveLength(5);
  });

  it('GIVEN more changed flows than the section has room for WHEN rendered THEN it stays within its budget, weaker flows first, and counts the rest', () => {
    const mesh = exampleSources('three-peer-mesh');
    const before = explainFiles(mesh);
    // milan's catalog cap raised (weaker for its 2 consumers); milan's canary share and turin's mirror share changed (not weaker).
    let head = edited(mesh, 'federation/peers/milan/catalog.yaml', 'maxConnections: 200', 'maxConnections: 900');
    head = edited(head, 'federation/peers/milan/imports.yaml', 'remoteWeight: 10', 'remoteWeight: 5');
    head = edited(head, 'federation/peers/turin/imports.yaml', /percent: \d+/, 'percent: 7');
    const after = explainFiles(head);
    const full = effectSection({ base: before, head: after });
    expect(full[0]).toBe('### Effect on the mesh: 4 flows changed, ⚠️ 2 weaker');
    expect(full.filter((l) => l.startsWith('**')).slice(0, 2).every((t) => t.includes('(catalog)') || t.includes('of export catalog'))).toBe(true);
    expect(full.join('\n')).not.toContain('more changed flow');
    for (const budget of [3000, 1500, 700]) {
      const lines = effectSection({ base: before, head: after }, budget);
      const text = lines.join('\n');
      expect(text.length).toBeLessThanOrEqual(budget);
      expect(lines[0]).toBe(full[0]);
      const titles = lines.filter((l) => l.startsWith('**'));
      expect(titles.length).toBeGreaterThan(0);
      expect(titles[0]).toContain('of export catalog');
      if (titles.length < 4) expect(text).toMatch(/… and \d+ more changed flows?/);
    }
    expect(effectSection({ base: before, head: after }, 700).join('\n')).toContain('before/after rows left out for room');
  });

  it('GIVEN effects that got weaker WHEN the sticky comment and the consent check are written THEN both show the section', () => {
    const effects = { base, head: raised };
    const body = renderPrComment({ marker: { head: 'a'.repeat(40), base: 'b'.repeat(40) }, diagnostics: [], consent, effects });
    expect(body).toContain('### Effect on the mesh: 1 flow changed, ⚠️ 1 weaker');
    expect(consentCheckOutput({ consent, effects }).summary).toContain('⚠️ **weaker** on port http (80/HTTP)');
    expect(renderPrComment({ marker: { head: 'a'.repeat(40), base: 'b'.repeat(40) }, diagnostics: [], consent })).not.toContain('Effect on the mesh');
  });
});
