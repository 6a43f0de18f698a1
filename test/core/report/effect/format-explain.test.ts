import { describe, expect, it } from 'vitest';
import { explainJson, flowsOfPeer, formatExplain } from '../../../../src/core/report/effect/format-explain.js';
import { burstFlow, burstPort } from './flow-effect-fixtures.js';

describe('formatExplain: one block per flow, one line per fact', () => {
  it('GIVEN a burst flow WHEN formatted THEN every fact is on its own aligned line', () => {
    const text = formatExplain({ flows: [burstFlow()] });
    expect(text.split('\n').slice(0, 4)).toEqual([
      'tein → gke: import echo-burst (burst) of export echo',
      "  tein's echo.echo.svc.cluster.local shares traffic with gke's echo.echo.svc.cluster.local",
      '  port http (80/HTTP)',
      expect.stringMatching(/^ {4}routing {8}local pods first; gke takes what they cannot serve/),
    ]);
    expect(text).toContain("    failover       1. tein's pods (network tein-net) → 2. gke's east-west gateway 203.0.113.20:15443 (network gke-net)");
    expect(text).toContain('fewer than 71.4 % of its endpoints are healthy (Envoy\'s overprovisioning factor 1.4)');
    expect(text).toContain("tein's pods (inbound): maxConnections 10 · gke's east-west gateway: maxConnections 100, connectTimeout 5s");
    expect(text).toContain("gke's pods (STRICT mTLS) admit tein.example.org/ns/echo/sa/*; everyone else is denied");
  });

  it('GIVEN no flows WHEN formatted THEN it says so', () => {
    expect(formatExplain({ flows: [] })).toBe("No flows: no peer imports another peer's export.\n");
  });

  it('GIVEN a consumer not admitted and others not denied WHEN formatted THEN both are said plainly', () => {
    const port = burstPort({ admission: { admitted: ['*'], consumerAdmitted: false, othersDenied: false, mtls: 'PERMISSIVE' } });
    const text = formatExplain({ flows: [burstFlow(port)] });
    expect(text).toContain('other identities are NOT denied; tein is NOT admitted: the flow cannot work');
  });

  it('GIVEN a report WHEN printed as JSON twice THEN the bytes are equal and parse back to the report', () => {
    const report = { flows: [burstFlow()] };
    expect(explainJson(report)).toBe(explainJson(structuredClone(report)));
    expect(JSON.parse(explainJson(report))).toEqual(report);
  });

  it('GIVEN --peer WHEN filtering THEN flows the peer consumes or provides remain', () => {
    const other = burstFlow(burstPort(), { consumer: 'milan', provider: 'turin', import: 'pay' });
    const report = { flows: [burstFlow(), other] };
    expect(flowsOfPeer(report, 'gke').flows).toEqual([burstFlow()]);
    expect(flowsOfPeer(report, 'turin').flows).toEqual([other]);
    expect(flowsOfPeer(report, 'nobody').flows).toEqual([]);
  });
});
