import type { FlowEffect, PortEffect } from '../../../../src/core/report/effect/flow-effect.js';

/** A burst flow tein → gke on port http 80, as the effect model reports the paper's example; override per test. */
export function burstPort(overrides: Partial<PortEffect> = {}): PortEffect {
  return {
    name: 'http',
    number: 80,
    protocol: 'HTTP',
    routing: { kind: 'priority', spillOnOverflow: true },
    callers: {
      limits: {},
      loadBalancer: 'LEAST_REQUEST',
      ejection: { consecutive5xx: 5, interval: '10s', baseEjectionTime: '30s', maxEjectionPercent: 100, resetsCountAs: '5xx' },
      failover: {
        order: ['tein\'s pods (network tein-net)', 'gke\'s east-west gateway 203.0.113.20:15443 (network gke-net)'],
        spillBelowHealthyPercent: 71.4,
        overprovisioningFactor: 1.4,
      },
      tls: { mode: 'ISTIO_MUTUAL', sni: 'outbound_.80_._.echo.echo.svc.cluster.local', subjectAltNames: ['spiffe://gke.example.org/ns/echo/sa/echo'] },
      upstreamProtocol: 'HTTP/1.1',
    },
    localPods: { maxConnections: 10 },
    providerGateway: { maxConnections: 100, connectTimeout: '5s' },
    admission: { admitted: ['tein.example.org/ns/echo/sa/*'], consumerAdmitted: true, othersDenied: true, mtls: 'STRICT' },
    ...overrides,
  };
}

export function burstFlow(port: PortEffect = burstPort(), overrides: Partial<FlowEffect> = {}): FlowEffect {
  return {
    consumer: 'tein',
    import: 'echo-burst',
    provider: 'gke',
    export: 'echo',
    policy: 'burst',
    target: 'echo.echo.svc.cluster.local',
    service: 'echo.echo.svc.cluster.local',
    ports: [port],
    ...overrides,
  };
}
