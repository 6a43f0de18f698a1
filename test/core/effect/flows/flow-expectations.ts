import { expect } from 'vitest';
import type { FlowEffect, Limits, PortEffect } from '../../../../src/core/effect/index.js';
import type { FederationModel } from '../../../../src/core/model/federation-model.js';
import { routeHttp } from '../../../../src/core/effect/routing/virtual-service-route.js';
import type { MeshView } from '../../../../src/core/effect/istio-config.js';

/**
 * What every flow must do on a real mesh, checked on the effect model's resolution of the rendered objects
 * (issue 7, "effect tests"), never on the objects' shape:
 * - burst/failover: the callers' cluster for each port holds the peer, ejects failing endpoints with the intent's
 *   thresholds (a reset is not a 5xx), ranks the peer after every local endpoint, keeps the intent's load
 *   balancer, sends ISTIO_MUTUAL with the provider's SNI, speaks HTTP/2 to the peer on HTTP ports, and never caps
 *   callers below a server's limit; burst: each local pod's inbound cluster enforces `burst.local`, HTTP requests
 *   a full pod refuses are retried on the peer; failover: no limits anywhere;
 * - split/route/mirror: the share / the matching requests / the mirrored percentage reach the peer's cluster,
 *   which sends ISTIO_MUTUAL with the provider's SNI and pinned identities and has no client-side limit;
 * - every kind: the provider admits every consumer identity on the port's SNI and denies the probes (an unlisted
 *   identity of the consumer's trust domain, a third trust domain, a consumer on an SNI meshfed never exports).
 */

const HTTP = new Set(['HTTP', 'HTTP2', 'GRPC']);

function importOf(model: FederationModel, flow: FlowEffect) {
  const imp = model.peers.get(flow.consumer)?.imports.find((i) => i.value.metadata.name === flow.importName)?.value;
  expect(imp, `import ${flow.consumer}/${flow.importName}`).toBeDefined();
  return (imp as NonNullable<typeof imp>).spec;
}

/** `spiffe://<provider trust domain>/ns/<ns>/sa/<sa>` of every account the export lists. */
function providerIdentities(model: FederationModel, flow: FlowEffect): string[] {
  const pm = model.peers.get(flow.provider);
  const exp = pm?.exports.find((e) => e.value.metadata.name === flow.exportName)?.value;
  const td = pm?.peer?.value.spec.trustDomain;
  return [...(exp?.spec.serviceAccounts ?? [])].map((sa) => `spiffe://${td}/ns/${exp?.spec.service.namespace}/sa/${sa}`).sort();
}

function notBelow(client: Limits, server: Limits | undefined, where: string): void {
  if (server === undefined) return;
  for (const k of ['maxConnections', 'maxPendingRequests', 'maxRequests'] as const) {
    const c = client[k];
    const s = server[k];
    if (c !== null && s !== null) expect(c, `${where}: client ${k} ${c} below the server's ${s}`).toBeGreaterThanOrEqual(s);
    if (c !== null && s === null) expect.fail(`${where}: client ${k} capped at ${c} while the server has no limit`);
  }
}

function expectAdmission(p: PortEffect, where: string): void {
  expect(p.admission.consumers.length, `${where}: consumer identities`).toBeGreaterThan(0);
  for (const a of p.admission.consumers) expect(a.allowed, `${where}: ${a.principal} on ${a.sni} should be admitted (${a.reason})`).toBe(true);
  for (const a of p.admission.others) expect(a.allowed, `${where}: ${a.principal} on ${a.sni} should be denied (${a.reason})`).toBe(false);
}

export function expectFlowEnforcesIntent(model: FederationModel, flow: FlowEffect, consumerView?: MeshView, callerNamespace?: string): void {
  const spec = importOf(model, flow);
  for (const p of flow.ports) {
    const where = `${flow.consumer}/${flow.importName} (${flow.policy}) port ${p.port.number}/${p.port.protocol}`;
    const sni = `outbound_.${p.port.number}_._.${flow.providerHost}`;
    expectAdmission(p, where);
    if (flow.policy === 'burst' || flow.policy === 'failover') {
      const ejection = (spec.burst ?? spec.failover)?.ejection;
      const c = p.peerCluster;
      expect(c, `${where}: the callers' cluster holds the peer`).toBeDefined();
      if (c === undefined || ejection === undefined) continue;
      expect(c.ejection, `${where}: ejects failing endpoints`).toMatchObject({
        consecutive5xx: ejection.consecutive5xxErrors,
        consecutiveGatewayErrors: ejection.consecutiveGatewayErrors,
        interval: ejection.interval,
        baseEjectionTime: ejection.baseEjectionTime,
        maxEjectionPercent: ejection.maxEjectionPercent,
      });
      expect(c.ejection?.resets.counter, `${where}: a reset is not counted as a 5xx`).toBe('local-origin');
      expect(c.priorities, `${where}: priorities`).toBeDefined();
      expect(c.priorities?.peer, `${where}: the peer ranks after every local endpoint`).toBeGreaterThan(c.priorities?.local ?? Infinity);
      expect(c.loadBalancer, `${where}: load balancer`).toBe(spec.loadBalancer ?? 'LEAST_REQUEST');
      expect(c.tls, `${where}: mTLS with the provider's SNI, verifying the provider's identities`).toEqual({ mode: 'ISTIO_MUTUAL', sni, subjectAltNames: providerIdentities(model, flow) });
      if (HTTP.has(p.port.protocol)) expect(c.upstreamProtocol, `${where}: HTTP/2 towards the peer`).toBe('HTTP/2');
      notBelow(c.limits, p.localServer?.limits, `${where} (local pods)`);
      notBelow(c.limits, p.providerGateway.limits, `${where} (provider gateway)`);
      if (flow.policy === 'burst') {
        const local = spec.burst?.local ?? {};
        const want: Limits = {
          maxConnections: local.maxConnections ?? null,
          maxPendingRequests: local.maxPendingRequests ?? null,
          maxRequests: local.maxRequests ?? null,
          maxRequestsPerConnection: local.maxRequestsPerConnection ?? null,
        };
        if (Object.values(want).some((v) => v !== null)) expect(p.localServer?.limits, `${where}: each local pod enforces burst.local`).toEqual(want);
        if (HTTP.has(p.port.protocol)) expect(p.routing.retries?.toOtherPriority, `${where}: refused requests retried on the peer`).toBe(true);
      } else {
        expect(p.localServer, `${where}: failover sets no limits`).toBeUndefined();
      }
      continue;
    }
    const routed = flow.policy === 'split' ? HTTP.has(p.port.protocol) || p.port.protocol === 'TCP' : HTTP.has(p.port.protocol);
    if (!routed) continue;
    if (flow.policy === 'split') {
      expect(p.routing.peerSharePercent, `${where}: share to the peer`).toBeCloseTo(spec.split?.remoteWeight ?? NaN, 9);
    }
    if (flow.policy === 'mirror') {
      expect(p.routing.peerSharePercent, `${where}: nothing routed to the peer`).toBe(0);
      expect(p.routing.mirroredPercent, `${where}: mirrored share`).toBe(spec.mirror?.percent);
    }
    if (flow.policy === 'route') {
      for (const m of p.routing.matches ?? []) expect(m.toPeer, `${where}: ${m.request} reaches the peer`).toBe(true);
      if (consumerView !== undefined) {
        const other = routeHttp(consumerView, { host: flow.targetHost, port: p.port.number, clientNamespace: callerNamespace ?? flow.targetHost.split('.')[1] ?? '' }, { path: '/meshfed-effect-probe' });
        expect(other?.destinations.map((d) => d.host), `${where}: other requests stay local`).toEqual([flow.targetHost]);
      }
    }
    const c = p.peerCluster;
    if (flow.policy === 'split' && (spec.split?.remoteWeight ?? 0) === 0) continue;
    expect(c, `${where}: the peer's cluster`).toBeDefined();
    if (c === undefined) continue;
    expect(c.tls.mode, `${where}: mTLS`).toBe('ISTIO_MUTUAL');
    expect(c.tls.sni, `${where}: provider SNI`).toBe(sni);
    expect(c.tls.subjectAltNames, `${where}: provider identities pinned`).toEqual(providerIdentities(model, flow));
    expect(c.limits, `${where}: no client-side cap towards the peer`).toEqual({ maxConnections: null, maxPendingRequests: null, maxRequests: null, maxRequestsPerConnection: null });
    if (p.port.protocol === 'HTTP') expect(c.upstreamProtocol, `${where}: HTTP/2 towards the peer`).toBe('HTTP/2');
  }
}
