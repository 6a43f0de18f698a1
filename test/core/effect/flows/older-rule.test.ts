import { describe, expect, it } from 'vitest';
import { federationEffects, type IstioConfig } from '../../../../src/core/effect/index.js';
import { renderFederation } from '../../../../src/core/render/render-federation.js';
import { EXAMPLES, exampleModel } from '../../render/example-federations.js';

// What an operator's own, older DestinationRule for a host meshfed configures does (istio/istio
// pilot/pkg/model/destination_rule.go `mergeDestinationRule`: the oldest rule's trafficPolicy wins, a newer rule
// only adds subsets), seen through the effect model. The runner refuses to apply next to such a rule; explain
// names it.
const older = (namespace: string, host: string): IstioConfig => ({
  kind: 'DestinationRule',
  metadata: { name: 'operators-tuning', namespace, creationTimestamp: '2024-03-01T10:00:00Z' },
  spec: { host, trafficPolicy: { loadBalancer: { simple: 'RANDOM' } } },
});
const NOTE = "DestinationRule %s decides the callers' policy for this port (the oldest rule for a host wins Istio's merge): meshfed's is ignored";

describe.each(EXAMPLES)('an operator\'s older DestinationRule next to meshfed\'s ($name)', ({ repoDir }) => {
  const model = exampleModel(repoDir);
  const rendered = renderFederation(model);
  const flows = federationEffects(model, rendered).filter((f) => f.policy === 'burst' || f.policy === 'failover');

  it.each(flows.map((f) => [`${f.consumer}/${f.importName}`, f] as const))('GIVEN %s without a foreign rule WHEN resolved THEN no note blames one', (_n, flow) => {
    for (const p of flow.ports) expect(p.notes.join('\n')).not.toContain('operators-tuning');
  });

  it.each(flows.map((f) => [`${f.consumer}/${f.importName} (${f.policy})`, f] as const))('GIVEN %s and an older rule of the operator for the target WHEN resolved THEN its policy wins where meshfed\'s is not repeated, and the notes name it', (_n, flow) => {
    const ns = flow.targetHost.split('.')[1] ?? '';
    const [after] = federationEffects(model, rendered, { existing: new Map([[flow.consumer, [older(ns, flow.targetHost)]]]) }).filter(
      (f) => f.consumer === flow.consumer && f.importName === flow.importName,
    );
    for (const p of after?.ports ?? []) {
      expect(p.notes).toContain(NOTE.replace('%s', `${ns}/operators-tuning`));
      // The pods' inbound clusters read the winning policy: burst.local is gone from the server side.
      expect(p.localServer).toBeUndefined();
      // Without a subset (failover) the callers' cluster loses ejection and priorities too; the burst subset repeats
      // meshfed's whole port policy (a subset's port entry replaces the base: MergeSubsetTrafficPolicy), so it keeps them.
      if (flow.policy === 'failover') expect(p.peerCluster?.ejection).toBeUndefined();
      else expect(p.peerCluster?.ejection).toBeDefined();
    }
  });
});
