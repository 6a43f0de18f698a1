import { describe, expect, it } from 'vitest';
import { formatDriftReportMarkdown, formatDriftReportText } from '../../src/core/apply/format-drift-report.js';
import { applyPeer } from '../../src/runner/apply-peer.js';
import { driftPeer } from '../../src/runner/drift-peer.js';
import { useFakeKubeApiServer, type FakeKubeApiServer } from '../kubernetes/fake-kube-api-server.js';
import { ALPHA, body, destinationRule, serviceEntry, testKubeApi } from '../kubernetes/helpers.js';

let fake: FakeKubeApiServer;
useFakeKubeApiServer((f) => (fake = f));

const a = destinationRule('echo-a', 'a.demo.svc.cluster.local');
const se = serviceEntry('echo-beta', ['echo.demo.beta.global']);
const desired = [a, se];

async function applied(): Promise<void> {
  await applyPeer(testKubeApi().api, ALPHA, desired, { dryRun: false, prune: false, allowMassPrune: false, forceConflicts: false, concurrency: 4 });
}

async function drift() {
  const { api } = testKubeApi();
  const r = await driftPeer(api, ALPHA, desired, 4);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return { report: r.report, stats: api.stats };
}

describe('driftPeer', () => {
  it('GIVEN the cluster is as desired THEN no drift, and drift only reads', async () => {
    await applied();
    const writes = fake.writes.length;
    const dryRuns = fake.dryRuns.length;
    const { report, stats } = await drift();
    expect(report.hasDrift).toBe(false);
    expect(report.inSync).toBe(2);
    expect(stats).toMatchObject({ writes: 0, dryRuns: 0 });
    expect(fake.writes.length).toBe(writes);
    expect(fake.dryRuns.length).toBe(dryRuns);
    expect(formatDriftReportText(report)).toContain('no drift: all 2 object(s) are as desired');
  });

  it('GIVEN someone edited a field meshfed manages THEN it differs, with the field path, live and desired values', async () => {
    await applied();
    fake.edit('DestinationRule', 'demo', 'echo-a', (v) => {
      ((v.spec as Record<string, unknown>).trafficPolicy as Record<string, unknown>).tls = { mode: 'DISABLE' };
    });
    const { report } = await drift();
    expect(report.entries).toEqual([
      {
        key: 'networking.istio.io/DestinationRule/demo/echo-a',
        status: 'differs',
        differences: [{ path: ['spec', 'trafficPolicy', 'tls', 'mode'], live: 'DISABLE', desired: 'ISTIO_MUTUAL', managers: ['kubectl-edit'] }],
      },
    ]);
    expect(formatDriftReportText(report)).toContain('.spec.trafficPolicy.tls.mode: live "DISABLE" → desired "ISTIO_MUTUAL" (held by field manager "kubectl-edit")');
    expect(formatDriftReportMarkdown(report)).toContain(
      '| `networking.istio.io/DestinationRule/demo/echo-a` | differs | `.spec.trafficPolicy.tls.mode` | `"DISABLE"` | `"ISTIO_MUTUAL"` | kubectl-edit |',
    );
  });

  it('GIVEN another tool added a spec field meshfed does not set THEN it is drift naming that manager', async () => {
    await applied();
    fake.edit('DestinationRule', 'demo', 'echo-a', (v) => {
      (v.spec as Record<string, unknown>).exportTo = ['.'];
    }, 'some-controller');
    const { report } = await drift();
    expect(report.entries).toEqual([
      {
        key: 'networking.istio.io/DestinationRule/demo/echo-a',
        status: 'differs',
        differences: [{ path: ['spec', 'exportTo'], live: ['.'], desired: undefined, managers: ['some-controller'], foreign: true }],
      },
    ]);
    expect(formatDriftReportText(report)).toContain(
      '.spec.exportTo: live ["."] → desired (absent) (added by field manager "some-controller"; meshfed does not set it, apply removes it)',
    );
  });

  it('GIVEN another tool added an annotation (outside spec) THEN it is not drift', async () => {
    await applied();
    fake.edit('DestinationRule', 'demo', 'echo-a', (v) => {
      const meta = v.metadata as Record<string, Record<string, string>>;
      meta.annotations = { ...meta.annotations, 'example.org/owner': 'team-a' };
    }, 'some-controller');
    const { report } = await drift();
    expect(report.hasDrift).toBe(false);
  });

  it('GIVEN an object was deleted and another meshfed-labelled one appeared THEN missing and extra', async () => {
    await applied();
    fake.objects.delete('networking.istio.io/serviceentries/demo/echo-beta');
    fake.seed(body(destinationRule('leftover', 'l.demo.svc.cluster.local')));
    const { report } = await drift();
    expect(report.entries.map((e) => [e.status, e.key])).toEqual([
      ['extra', 'networking.istio.io/DestinationRule/demo/leftover'],
      ['missing', 'networking.istio.io/ServiceEntry/demo/echo-beta'],
    ]);
  });

  it('GIVEN the labels of a desired object were removed THEN it is found by name and reported as differing labels', async () => {
    await applied();
    fake.edit('DestinationRule', 'demo', 'echo-a', (v) => {
      delete (v.metadata as Record<string, unknown>).labels;
    });
    const { report } = await drift();
    expect(report.entries).toHaveLength(1);
    expect(report.entries[0]?.status).toBe('differs');
    expect(report.entries[0]?.differences.map((d) => d.path.join('.'))).toContain('metadata.labels.meshfed.io/peer');
  });

  it('GIVEN objects of another peer THEN drift refuses to read them', async () => {
    const { api } = testKubeApi();
    const r = await driftPeer(api, ALPHA, [destinationRule('x', 'x.demo.svc.cluster.local', { peer: 'beta' })], 4);
    expect(r.ok).toBe(false);
    expect(fake.requests).toEqual([]);
  });
});
