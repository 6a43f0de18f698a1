import { describe, expect, it } from 'vitest';
import { evaluateAuthorization, type AuthorizationRequest, type IstioConfig, type MeshView } from '../../../../src/core/effect/index.js';
import { exportSnis } from '../../../../src/core/render/provider/provider-foreign-deny.js';
import { renderFederation } from '../../../../src/core/render/render-federation.js';
import type { RenderedObject } from '../../../../src/core/render/rendered-object.js';
import { EXAMPLES, exampleModel } from '../../render/example-federations.js';

/**
 * Effect tests of the provider side: what meshfed's objects do to callers of a provider's workloads, decided by
 * `evaluateAuthorization` over meshfed's objects plus the operator's own policies:
 * - local callers (the provider's own trust domain, and plaintext) get exactly the decisions the operator's
 *   policies alone give them, both with no ALLOW policy and with a restrictive ALLOW in the exporting namespace;
 * - every foreign identity that no export admits is denied at every workload of the mesh (a trust domain accepted
 *   for a consumer is accepted mesh-wide), and consumers are denied on SNIs meshfed does not export to them;
 * - consumers are admitted on their exported SNIs where the operator's policies allow them, i.e. always without
 *   an ALLOW policy, and a restrictive ALLOW keeps its restriction.
 */

const ap = (name: string, namespace: string, spec: Record<string, unknown>): IstioConfig => ({
  kind: 'AuthorizationPolicy',
  metadata: { name, namespace, creationTimestamp: '2024-01-01T00:00:00Z' },
  spec,
});

describe.each(EXAMPLES)('provider admission in the $name example', ({ repoDir }) => {
  const model = exampleModel(repoDir);
  const rendered = renderFederation(model);
  const providers = [...model.peers.values()].filter((p) => p.exports.length > 0 && p.peer !== undefined);

  describe.each(providers.map((p) => [p.name, p] as const))('provider %s', (_name, pm) => {
    const peer = pm.peer?.value;
    if (peer === undefined) return;
    const td = { trustDomain: peer.spec.trustDomain };
    const root = peer.spec.eastWest.namespace;
    const exportedNamespaces = [...new Set(pm.exports.map((e) => e.value.spec.service.namespace))].sort();
    const workloadNamespaces = [...exportedNamespaces, root, 'meshfed-effect-unrelated'];
    const allSnis = pm.exports.flatMap((e) => exportSnis(e.value));
    const snis = [...allSnis, `outbound_.8443_._.internal-only.${exportedNamespaces[0]}.svc.cluster.local`];
    const mine: readonly RenderedObject[] = rendered.get(pm.name) ?? [];
    const restrictive = exportedNamespaces.map((ns) => ap('frontend-only', ns, { rules: [{ from: [{ source: { principals: [`${td.trustDomain}/ns/${ns}/sa/frontend`] } }] }] }));
    const scenarios: [string, IstioConfig[]][] = [
      ['no ALLOW policy', []],
      ['a restrictive ALLOW in each exporting namespace', restrictive],
    ];
    const view = (operator: IstioConfig[], withMeshfed: boolean): MeshView => ({ rootNamespace: root, configs: withMeshfed ? [...operator, ...mine] : operator });
    const request = (ns: string, principal: string | undefined, sni: string): AuthorizationRequest => ({
      workloadNamespace: ns,
      principal,
      sni,
      port: 8080,
      protocol: 'http',
      http: { method: 'GET', path: '/' },
    });

    it.each(scenarios)('GIVEN %s WHEN local callers call any workload on any SNI THEN meshfed changes no decision', (_s, operator) => {
      const locals = [undefined, ...exportedNamespaces.flatMap((ns) => [`${td.trustDomain}/ns/${ns}/sa/frontend`, `${td.trustDomain}/ns/${ns}/sa/other`]), `${td.trustDomain}/ns/elsewhere/sa/x`];
      for (const ns of workloadNamespaces) {
        for (const principal of locals) {
          for (const sni of snis) {
            const without = evaluateAuthorization(view(operator, false), request(ns, principal, sni), td).allowed;
            const withMeshfed = evaluateAuthorization(view(operator, true), request(ns, principal, sni), td).allowed;
            expect(withMeshfed, `${principal ?? 'plaintext'} at ${ns} on ${sni}`).toBe(without);
          }
        }
      }
    });

    it.each(scenarios)('GIVEN %s WHEN identities no export admits call any workload THEN they are denied, consumers too off their SNIs', (_s, operator) => {
      const consumerDomains = [...new Set(pm.exports.flatMap((e) => e.value.spec.consumers.map((c) => model.peers.get(c.peer)?.peer?.value.spec.trustDomain ?? '')))];
      const strangers = ['intruder.example/ns/default/sa/default', ...consumerDomains.map((d) => `${d}/ns/meshfed-effect-unlisted/sa/default`)];
      for (const ns of workloadNamespaces) {
        for (const principal of strangers) {
          for (const sni of snis) expect(evaluateAuthorization(view(operator, true), request(ns, principal, sni), td).allowed, `${principal} at ${ns} on ${sni}`).toBe(false);
        }
      }
      for (const exp of pm.exports) {
        for (const c of exp.value.spec.consumers) {
          const cd = model.peers.get(c.peer)?.peer?.value.spec.trustDomain;
          for (const sa of c.serviceAccounts ?? []) {
            const p = `${cd}/ns/${sa.namespace}/sa/${sa.serviceAccount}`;
            const admittedAnywhere = new Set(pm.exports.filter((e) => e.value.spec.consumers.some((x) => x.peer === c.peer && (x.serviceAccounts === undefined || x.serviceAccounts.some((y) => y.namespace === sa.namespace && y.serviceAccount === sa.serviceAccount)))).flatMap((e) => exportSnis(e.value)));
            for (const sni of snis.filter((s) => !admittedAnywhere.has(s))) {
              expect(evaluateAuthorization(view(operator, true), request(exp.value.spec.service.namespace, p, sni), td).allowed, `${p} on ${sni}`).toBe(false);
            }
          }
        }
      }
    });

    it('GIVEN a restrictive ALLOW in an exporting namespace WHEN consumers call on their SNI THEN the restriction holds; without it they are admitted', () => {
      for (const exp of pm.exports) {
        const ns = exp.value.spec.service.namespace;
        for (const c of exp.value.spec.consumers) {
          const cd = model.peers.get(c.peer)?.peer?.value.spec.trustDomain;
          const principals = (c.serviceAccounts ?? [{ namespace: 'shop', serviceAccount: 'any' }]).map((sa) => `${cd}/ns/${sa.namespace}/sa/${sa.serviceAccount}`);
          for (const p of principals) {
            for (const sni of exportSnis(exp.value)) {
              expect(evaluateAuthorization(view([], true), request(ns, p, sni), td).allowed, `${p} admitted on ${sni}`).toBe(true);
              expect(evaluateAuthorization(view(restrictive, true), request(ns, p, sni), td).allowed, `${p} kept out by the operator's ALLOW`).toBe(false);
            }
          }
        }
      }
    });

    it('GIVEN the provider WHEN rendered THEN every exporting namespace is STRICT mTLS (no plaintext reaches the exported workloads)', () => {
      for (const ns of exportedNamespaces) {
        const pa = mine.find((o) => o.kind === 'PeerAuthentication' && o.metadata.namespace === ns);
        expect(pa?.spec).toEqual({ mtls: { mode: 'STRICT' } });
      }
    });
  });
});
