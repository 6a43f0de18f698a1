import { describe, expect, it } from 'vitest';
import { API_VERSION_RULES, apiVersionFor, istioMinor, type RenderedKind } from '../../../src/core/render/api-versions.js';
import { ALLOWED_KINDS } from '../../../src/core/render/rendered-object.js';
import { FederationBuilder, echoExport } from './federation-builder.js';
import { objectsFor } from './render-helpers.js';

describe('apiVersionFor', () => {
  const table: [string | undefined, RenderedKind, string][] = [
    ['1.30.3', 'DestinationRule', 'networking.istio.io/v1'],
    ['1.30.3', 'AuthorizationPolicy', 'security.istio.io/v1'],
    ['1.22', 'Gateway', 'networking.istio.io/v1'],
    ['1.22.0', 'PeerAuthentication', 'security.istio.io/v1'],
    ['1.21.6', 'VirtualService', 'networking.istio.io/v1beta1'],
    ['1.21', 'PeerAuthentication', 'security.istio.io/v1beta1'],
    ['1.21', 'AuthorizationPolicy', 'security.istio.io/v1'],
    ['1.17', 'AuthorizationPolicy', 'security.istio.io/v1'],
    ['1.16.7', 'AuthorizationPolicy', 'security.istio.io/v1beta1'],
    ['not-a-version', 'ServiceEntry', 'networking.istio.io/v1'],
    [undefined, 'WorkloadEntry', 'networking.istio.io/v1'],
  ];
  it.each(table)('GIVEN Istio %s WHEN rendering a %s THEN the API version is %s', (version, kind, expected) => {
    expect(apiVersionFor(kind, version)).toBe(expected);
  });

  it('GIVEN the rule table THEN it covers exactly the kinds a runner may apply', () => {
    const ruled = API_VERSION_RULES.map((r) => `${r.group}/${r.kind}`).sort();
    const allowed = ALLOWED_KINDS.map((k) => `${k.group}/${k.kind}`).sort();
    expect(ruled).toEqual(allowed);
  });

  it.each([
    ['1.30.3', 30],
    ['1.9', 9],
    ['2.0', undefined],
    ['1.x', undefined],
  ])('GIVEN version text %s THEN the minor is %s', (text, minor) => {
    expect(istioMinor(text)).toBe(minor);
  });
});

describe('API versions in a mixed federation', () => {
  it('GIVEN a provider on Istio 1.21 and a consumer on 1.30 WHEN rendered THEN each cluster gets the versions its control plane serves', () => {
    const model = new FederationBuilder()
      .peer('old', { istioVersion: '1.21.2', address: '192.0.2.1' })
      .peer('new', { istioVersion: '1.30.3', address: '192.0.2.2' })
      .export('old', 'echo', echoExport(['new'], { inbound: { maxConnections: 5 } }))
      .import('new', 'echo-split', { from: { peer: 'old', export: 'echo' }, split: { remoteWeight: 20 } })
      .build();
    const old = objectsFor(model, 'old').map((o) => `${o.kind}=${o.apiVersion}`).sort();
    expect(old).toEqual([
      'AuthorizationPolicy=security.istio.io/v1',
      'AuthorizationPolicy=security.istio.io/v1',
      'DestinationRule=networking.istio.io/v1beta1',
      'Gateway=networking.istio.io/v1beta1',
      'PeerAuthentication=security.istio.io/v1beta1',
    ]);
    expect(new Set(objectsFor(model, 'new').map((o) => o.apiVersion.split('/')[1]))).toEqual(new Set(['v1']));
  });
});
