import { POLICY_KEYS, type ServiceImportIntent } from '../intents/service-import-schema.js';
import type { Located, PeerModel } from '../model/federation-model.js';
import { MAX_WEIGHT_DECIMALS, nearestExpressiblePercent, splitWeights } from '../render/consumer/split-weights.js';
import { classifyAddress } from './network-address.js';
import type { ValidationContext } from './validation-context.js';

/** Protocols whose requests a sidecar can match and mirror (HTTPS and TLS stay encrypted end to end). */
const HTTP_PROTOCOLS = new Set(['HTTP', 'HTTP2', 'GRPC']);

/** Exactly one policy per import, and settings of that policy that would do nothing or the opposite of intended. */
export function checkImportPolicies(ctx: ValidationContext, p: PeerModel): void {
  for (const imp of p.imports) {
    const spec = imp.value.spec;
    const set = POLICY_KEYS.filter((k) => spec[k] !== undefined);
    if (set.length === 0) {
      ctx.atKey(
        imp,
        ['spec'],
        'import/policy-missing',
        `import "${imp.value.metadata.name}" has no traffic policy`,
        'add exactly one of burst, failover, split, route or mirror under spec',
      );
      continue;
    }
    if (set.length > 1) {
      for (const extra of set.slice(1)) {
        ctx.atKey(
          imp,
          ['spec', extra],
          'import/policy-multiple',
          `import "${imp.value.metadata.name}" sets ${set.join(' and ')}, but an import has exactly one policy`,
          `keep one of ${set.join(', ')}; to combine behaviours use separate imports for separate local services`,
        );
      }
      continue;
    }
    checkPolicy(ctx, imp, set[0] as (typeof POLICY_KEYS)[number]);
  }
}

function checkPolicy(ctx: ValidationContext, imp: Located<ServiceImportIntent>, policy: (typeof POLICY_KEYS)[number]): void {
  const spec = imp.value.spec;
  if (spec.split) {
    const w = spec.split.remoteWeight;
    if (w === 0 || w === 100) {
      ctx.at(
        imp,
        ['spec', 'split', 'remoteWeight'],
        'import/split-weight-extreme',
        w === 0 ? 'split.remoteWeight 0 sends no traffic to the peer' : 'split.remoteWeight 100 sends all traffic to the peer and none to local endpoints',
        w === 0 ? 'remove the import, or use failover to reach the peer only when local endpoints fail' : 'use failover if the peer is meant as a fallback; keep 100 only for a deliberate move to the peer',
        'warning',
      );
    } else if (splitWeights(w) === undefined) {
      const nearest = nearestExpressiblePercent(w);
      ctx.at(
        imp,
        ['spec', 'split', 'remoteWeight'],
        'import/split-weight-inexact',
        `split.remoteWeight ${w} has more than ${MAX_WEIGHT_DECIMALS} decimal places, which VirtualService weights (whole numbers below 2^31) cannot express exactly`,
        `use at most ${MAX_WEIGHT_DECIMALS} decimal places, e.g. remoteWeight: ${nearest}`,
      );
    }
  }
  if (spec.mirror && spec.mirror.percent === 0) {
    ctx.at(imp, ['spec', 'mirror', 'percent'], 'import/mirror-percent-zero', 'mirror.percent 0 mirrors nothing', 'set a percentage above 0, or remove the import', 'warning');
  }
  if (spec.burst) {
    const local = spec.burst.local;
    if (local.maxConnections === undefined && local.maxPendingRequests === undefined && local.maxRequests === undefined) {
      ctx.at(
        imp,
        ['spec', 'burst', 'local'],
        'import/burst-no-local-limit',
        'burst has no local limit, so local endpoints never saturate and nothing would spill to the peer',
        'set burst.local.maxConnections (TCP), or maxRequests / maxPendingRequests (HTTP); use failover to reach the peer only when local endpoints fail',
      );
    }
  }
  if (policy === 'burst' || policy === 'failover') checkEndpointAddress(ctx, imp, policy);
  const ejection = spec.burst?.ejection ?? spec.failover?.ejection;
  if (ejection && ejection.maxEjectionPercent === 0) {
    ctx.at(
      imp,
      ['spec', policy, 'ejection', 'maxEjectionPercent'],
      'import/ejection-disabled',
      'maxEjectionPercent 0 never ejects a local endpoint, so traffic never moves to the peer when local endpoints fail',
      'use a percentage above 0; 100 lets every unhealthy local endpoint be ejected',
      'warning',
    );
  }
  if (spec.route) {
    spec.route.match.forEach((m, i) => {
      if (m.uriPrefix === undefined && (m.headers === undefined || Object.keys(m.headers).length === 0)) {
        ctx.at(
          imp,
          ['spec', 'route', 'match', i],
          'import/route-match-all',
          'this route match has neither uriPrefix nor headers, so it matches every request and all traffic goes to the peer',
          'add uriPrefix or headers; to send everything to the peer on purpose use split with remoteWeight 100',
          'warning',
        );
      }
    });
  }
  if (policy === 'route' || policy === 'mirror') {
    const exp = ctx.exportOf(spec.from.peer, spec.from.export);
    if (!exp) return;
    const chosen = spec.ports ?? exp.value.spec.ports.map((x) => x.name);
    const ports = exp.value.spec.ports.filter((x) => chosen.includes(x.name));
    if (ports.length > 0 && !ports.some((x) => HTTP_PROTOCOLS.has(x.protocol))) {
      ctx.atKey(
        imp,
        ['spec', policy],
        'import/policy-needs-http',
        `${policy} works on HTTP requests, but the imported ports are ${ports.map((x) => `${x.name} (${x.protocol})`).join(', ')}`,
        'import an HTTP, HTTP2 or GRPC port, or use burst, failover or split, which also work for TCP and TLS',
      );
    }
  }
}

/**
 * burst and failover add the provider's east-west gateway as an endpoint of the consumer's own Kubernetes
 * Service (one EDS cluster, local endpoints first). EDS endpoints are IP addresses: Envoy cannot resolve a DNS
 * name there (envoyproxy/envoy#4290), so a DNS-named gateway would render a config that never spills.
 */
function checkEndpointAddress(ctx: ValidationContext, imp: Located<ServiceImportIntent>, policy: 'burst' | 'failover'): void {
  const provider = ctx.peer(imp.value.spec.from.peer)?.peer;
  if (!provider) return;
  const verdict = classifyAddress(provider.value.spec.eastWest.address);
  if (!verdict.ok || verdict.kind !== 'dns') return;
  ctx.at(
    imp,
    ['spec', 'from', 'peer'],
    'import/endpoint-needs-ip',
    `${policy} joins peer "${provider.value.metadata.name}"'s east-west gateway to your local service's endpoints, but its address "${provider.value.spec.eastWest.address}" (${ctx.where(provider, ['spec', 'eastWest', 'address'])}) is a DNS name, and Envoy endpoints must be IP addresses`,
    `ask ${provider.value.metadata.name}'s owners to set eastWest.address to the gateway's static IP, or use split, route or mirror, which reach a DNS-named gateway`,
  );
}
