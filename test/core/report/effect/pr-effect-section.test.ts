import { describe, expect, it } from 'vitest';
import type { ConsentResult } from '../../../../src/core/consent/consent-types.js';
import { consentCheckOutput } from '../../../../src/core/report/check-summary.js';
import { effectSection } from '../../../../src/core/report/effect/pr-effect-section.js';
import { renderPrComment } from '../../../../src/core/report/pr-comment.js';
import { burstFlow, burstPort } from './flow-effect-fixtures.js';

describe('effectSection: the pull request comment shows changed effects only', () => {
  it('GIVEN no effect changes WHEN rendered THEN the section is empty', () => {
    expect(effectSection({ base: { flows: [burstFlow()] }, head: { flows: [burstFlow()] } })).toEqual([]);
    expect(effectSection(undefined)).toEqual([]);
  });

  it('GIVEN a removed local limit WHEN rendered THEN a weaker line and a before/after row name it', () => {
    const text = effectSection({ base: { flows: [burstFlow()] }, head: { flows: [burstFlow(burstPort({ localPods: {} }))] } }).join('\n');
    expect(text).toContain('### Effect on the mesh: 1 flow changed, ⚠️ 1 weaker');
    expect(text).toContain('- ⚠️ **weaker** on port http (80/HTTP): maxConnections on tein\'s pods removed (was 10)');
    expect(text).toMatch(/\| limits \| .*tein's pods \(inbound\): maxConnections 10.* \| .*tein's pods \(inbound\): no limit.* \|/);
  });

  it('GIVEN a new flow WHEN rendered THEN it is one line, not a table', () => {
    const lines = effectSection({ base: { flows: [] }, head: { flows: [burstFlow()] } });
    expect(lines.filter((l) => l.startsWith('**'))).toEqual(['**tein → gke: import echo-burst (burst) of export echo**: 🆕 new flow (1 port)']);
    expect(lines.join('\n')).not.toContain('| before |');
  });

  it('GIVEN a header match written by the pull request author WHEN rendered THEN it cannot break the table, inject HTML or mention anyone', () => {
    const evil = 'header x "a|b<img src=x>@org/all`\nrow"';
    const head = burstFlow(burstPort({ routing: { kind: 'match', matches: [evil] } }), { policy: 'route' });
    const text = effectSection({ base: { flows: [burstFlow(burstPort(), { policy: 'route' })] }, head: { flows: [head] } }).join('\n');
    expect(text).not.toContain('<img');
    expect(text).not.toContain('@org');
    expect(text).not.toContain('`\n');
    const row = text.split('\n').find((l) => l.startsWith('| routing |')) ?? '';
    expect(row.split(/(?<!\\)\|/)).toHaveLength(5);
  });

  it('GIVEN effects that got weaker WHEN the sticky comment and the consent check are written THEN both show the section', () => {
    const consent: ConsentResult = {
      satisfied: false,
      headSha: 'a'.repeat(40),
      peers: [],
      blockers: [],
      requestReviews: { users: [], teams: [] },
      unresolvedTeams: [],
      text: 'Consent: waiting.',
    };
    const effects = { base: { flows: [burstFlow()] }, head: { flows: [burstFlow(burstPort({ localPods: {} }))] } };
    const body = renderPrComment({ marker: { head: 'a'.repeat(40), base: 'b'.repeat(40) }, diagnostics: [], consent, effects });
    expect(body).toContain('### Effect on the mesh: 1 flow changed, ⚠️ 1 weaker');
    expect(consentCheckOutput({ consent, effects }).summary).toContain('⚠️ **weaker** on port http (80/HTTP)');
    expect(renderPrComment({ marker: { head: 'a'.repeat(40), base: 'b'.repeat(40) }, diagnostics: [], consent })).not.toContain('Effect on the mesh');
  });
});
