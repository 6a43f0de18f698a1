import { describe, expect, it } from 'vitest';
import { selectDestinationRule } from '../../../src/core/effect/destination-rule/select-destination-rule.js';
import type { IstioConfig, MeshView } from '../../../src/core/effect/istio-config.js';

const dr = (name: string, namespace: string, spec: Record<string, unknown>, creationTimestamp?: string): IstioConfig => ({
  kind: 'DestinationRule',
  metadata: { name, namespace, ...(creationTimestamp === undefined ? {} : { creationTimestamp }) },
  spec,
});
const subsets = (...names: string[]) => names.map((name) => ({ name }));
const subsetNames = (spec: { subsets?: readonly { name: string }[] } | undefined) => spec?.subsets?.map((s) => s.name);

// istio/istio pilot/pkg/model/push_context_test.go `TestSetDestinationRuleWithExportTo`: the same rules and cases.
describe('selectDestinationRule (push_context.go destinationRule) — TestSetDestinationRuleWithExportTo', () => {
  const testhost = 'httpbin.org';
  const mesh: MeshView = {
    rootNamespace: 'istio-system',
    configs: [
      dr('rule1', 'test1', { host: testhost, exportTo: ['.', 'ns1'], subsets: subsets('subset1', 'subset2') }),
      dr('rule2', 'test2', { host: testhost, exportTo: ['test2', 'ns1', 'test1', 'newNS'], subsets: subsets('subset3', 'subset4') }),
      dr('rule3', 'test3', { host: testhost, exportTo: ['test1', 'test2', '*'], subsets: subsets('subset5', 'subset6') }),
      dr('rule4-local', 'test4', { host: testhost, exportTo: ['test4'], subsets: subsets('subset15', 'subset16') }),
      dr('rule4', 'istio-system', { host: testhost, subsets: subsets('subset7', 'subset8') }),
      dr('rule1', 'istio-system', { host: testhost, exportTo: ['.'], subsets: subsets('subset9', 'subset10') }),
      dr('rule2', 'istio-system', { host: '*.org', exportTo: ['.'], subsets: subsets('subset11', 'subset12') }),
      dr('rule3', 'istio-system', { host: '*.app.org', exportTo: ['.'], subsets: subsets('subset13', 'subset14') }),
      dr('rule5', 'test5', { host: 'api.test.com', exportTo: ['istio-system'], subsets: subsets('subset5-0', 'subset5-1') }),
      dr('rule6', 'test6', { host: 'api.test.com', exportTo: ['istio-system'], subsets: subsets('subset6-0', 'subset6-1') }),
    ],
  };
  const cases: [string, string, string, string[] | undefined][] = [
    ['test1', 'test1', testhost, ['subset1', 'subset2']],
    ['test1', 'test2', testhost, ['subset1', 'subset2']],
    ['test2', 'test1', testhost, ['subset3', 'subset4']],
    ['newNS', 'test2', testhost, ['subset3', 'subset4']],
    ['test3', 'test1', testhost, ['subset5', 'subset6']],
    ['test5', 'test4', testhost, ['subset7', 'subset8']],
    ['ns1', 'test1', testhost, ['subset1', 'subset2']],
    ['ns1', 'random', testhost, ['subset7', 'subset8']],
    ['random', 'random', testhost, ['subset7', 'subset8']],
    ['test3', 'random', testhost, ['subset5', 'subset6']],
    ['istio-system', 'random', testhost, ['subset9', 'subset10']],
    ['istio-system', 'istio-system', testhost, ['subset9', 'subset10']],
    ['istio-system', 'istio-system', 'foo.app.org', ['subset13', 'subset14']],
    ['istio-system', 'test5', 'api.test.com', ['subset5-0', 'subset5-1']],
    ['istio-system', 'test6', 'api.test.com', ['subset6-0', 'subset6-1']],
    ['istio-system', 'test7', 'api.test.com', undefined],
  ];
  it.each(cases)('GIVEN a proxy in %s and the service in %s (%s) WHEN the rule is selected THEN its subsets are %j', (proxyNamespace, serviceNamespace, host, want) => {
    expect(subsetNames(selectDestinationRule(mesh, { host, serviceNamespace, proxyNamespace })?.spec)).toEqual(want);
  });
});

// push_context_test.go `TestSetDestinationRuleMerging`: rules for one host and exportTo merge; subsets concatenate.
describe('selectDestinationRule — merging (TestSetDestinationRuleMerging)', () => {
  it('GIVEN rule1 and rule2 for one host and a rule3 exported elsewhere WHEN a proxy of the namespace selects THEN rule1+rule2 merge into 4 subsets', () => {
    const mesh: MeshView = {
      rootNamespace: 'istio-system',
      configs: [
        dr('rule1', 'test', { host: 'httpbin.org', subsets: subsets('subset1', 'subset2') }),
        dr('rule2', 'test', { host: 'httpbin.org', subsets: subsets('subset3', 'subset4') }),
        dr('rule3', 'test', { host: 'httpbin.org', exportTo: ['istio-system'], subsets: subsets('subset5', 'subset6') }),
      ],
    };
    const got = selectDestinationRule(mesh, { host: 'httpbin.org', serviceNamespace: 'test', proxyNamespace: 'test' });
    expect(got?.from).toEqual(['test/rule1', 'test/rule2']);
    expect(subsetNames(got?.spec)).toEqual(['subset1', 'subset2', 'subset3', 'subset4']);
  });

  it('GIVEN an operator\'s older rule with a trafficPolicy and meshfed\'s newer one WHEN merged THEN the older policy wins and meshfed\'s only adds its subsets', () => {
    const mesh: MeshView = {
      rootNamespace: 'istio-system',
      configs: [
        dr('meshfed-import-x', 'shop', { host: 'catalog.shop.svc.cluster.local', trafficPolicy: { outlierDetection: { consecutive5xxErrors: 3 } }, subsets: subsets('meshfed-burst') }),
        dr('operator', 'shop', { host: 'catalog', trafficPolicy: { loadBalancer: { simple: 'RANDOM' } } }, '2024-01-01T00:00:00Z'),
      ],
    };
    const got = selectDestinationRule(mesh, { host: 'catalog.shop.svc.cluster.local', serviceNamespace: 'shop', proxyNamespace: 'shop' });
    expect(got?.trafficPolicyFrom).toBe('shop/operator');
    expect(got?.spec.trafficPolicy).toEqual({ loadBalancer: { simple: 'RANDOM' } });
    expect(subsetNames(got?.spec)).toEqual(['meshfed-burst']);
  });

  it('GIVEN a workloadSelector rule in the proxy\'s namespace matching its labels WHEN selected outbound THEN it wins; inbound it is ignored', () => {
    const mesh: MeshView = {
      rootNamespace: 'istio-system',
      configs: [
        dr('all', 'gw', { host: 'echo.echo.svc.cluster.local', trafficPolicy: { loadBalancer: { simple: 'RANDOM' } } }),
        dr('cap', 'gw', { host: 'echo.echo.svc.cluster.local', workloadSelector: { matchLabels: { istio: 'eastwestgateway' } }, trafficPolicy: { connectionPool: { tcp: { maxConnections: 3 } } } }),
      ],
    };
    const q = { host: 'echo.echo.svc.cluster.local', serviceNamespace: 'echo', proxyNamespace: 'gw', proxyLabels: { istio: 'eastwestgateway' } };
    expect(selectDestinationRule(mesh, q)?.from).toEqual(['gw/cap']);
    expect(selectDestinationRule(mesh, { ...q, direction: 'inbound' })?.spec.trafficPolicy).toEqual({ loadBalancer: { simple: 'RANDOM' } });
  });
});
