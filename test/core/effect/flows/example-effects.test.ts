import { describe, expect, it } from 'vitest';
import { federationEffects, type FlowEffect } from '../../../../src/core/effect/index.js';
import { renderFederation } from '../../../../src/core/render/render-federation.js';
import { EXAMPLES, exampleModel } from '../../render/example-federations.js';
import { expectFlowEnforcesIntent } from './flow-expectations.js';

// Effect tests of the bundled examples: every flow, every port, resolved by the effect model from the rendered
// objects (see flow-expectations.ts for what "enforces the intent" means).
describe.each(EXAMPLES)('effects of the $name example', ({ repoDir }) => {
  const model = exampleModel(repoDir);
  const rendered = renderFederation(model);
  const flows = federationEffects(model, rendered);

  it('GIVEN the example WHEN its effects are computed THEN there is one flow per import, each with every imported port', () => {
    const imports = [...model.peers.values()].reduce((n, p) => n + p.imports.length, 0);
    expect(flows).toHaveLength(imports);
    for (const f of flows) expect(f.ports.length).toBeGreaterThan(0);
  });

  it.each(flows.map((f) => [`${f.consumer}/${f.importName} (${f.policy})`, f] as [string, FlowEffect]))(
    'GIVEN flow %s WHEN resolved as Istio does THEN every port enforces the intent',
    (_name, flow) => {
      const view = { rootNamespace: 'istio-system', configs: rendered.get(flow.consumer) ?? [] };
      expectFlowEnforcesIntent(model, flow, view);
    },
  );

  it.each(flows.map((f) => [`${f.consumer}/${f.importName}`, f] as [string, FlowEffect]))(
    'GIVEN flow %s WHEN its callers run in another namespace THEN the effect is the same',
    (_name, flow) => {
      const elsewhere = federationEffects(model, rendered, { callerNamespace: () => 'meshfed-effect-callers' });
      const same = elsewhere.find((f) => f.consumer === flow.consumer && f.importName === flow.importName);
      expect(same?.ports).toEqual(flow.ports);
    },
  );
});
