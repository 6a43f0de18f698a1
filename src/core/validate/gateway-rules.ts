import type { EdgeGatewayIntent } from '../intents/edge-gateway-schema.js';
import type { Located, PeerModel } from '../model/federation-model.js';
import type { ValidationContext } from './validation-context.js';

/**
 * What the schema's host pattern does not say, as Istio's Gateway validation checks it (istio/istio
 * `pkg/config/validation/agent/validation.go` `ValidateWildcardDomain` -> `ValidateDNS1123Labels`): every label
 * at most 63 characters (a DNS label, RFC 1035 2.3.4), a top-level label that is not all digits (which also
 * keeps IP addresses out), and at most 253 characters in all (a DNS name; Istio's own bound is 255).
 */
function checkHostName(ctx: ValidationContext, g: Located<EdgeGatewayIntent>, host: string, i: number): void {
  const path = ['spec', 'hosts', i];
  const labels = host.split('.');
  const long = labels.find((l) => l.length > 63);
  if (long !== undefined) {
    ctx.at(
      g,
      path,
      'gateway/host-label-too-long',
      `host "${host}" has a label of ${long.length} characters ("${long.slice(0, 20)}..."); DNS labels, and Istio's Gateway hosts, allow at most 63`,
      'use a host whose labels have at most 63 characters each: no DNS zone or certificate can hold a longer one',
    );
  } else if (host.length > 253) {
    ctx.at(g, path, 'gateway/host-too-long', `host "${host.slice(0, 40)}..." is ${host.length} characters; a DNS name has at most 253`, 'use a shorter host name');
  }
  const tld = labels[labels.length - 1] ?? '';
  if (/^[0-9]+$/.test(tld)) {
    ctx.at(
      g,
      path,
      'gateway/host-numeric-tld',
      `host "${host}" ends in the all-digit label "${tld}", which Istio refuses (an IP address is not a Gateway host)`,
      'use the DNS name clients connect to, e.g. "shop.example.org"',
    );
  }
}

/** Hosts unique across a peer's EdgeGateways, routes into the peer's namespaces, no HTTPS on the redirect port. */
export function checkGateways(ctx: ValidationContext, p: PeerModel): void {
  const spec = ctx.peerSpec(p.name);
  const hosts = new Map<string, Located<EdgeGatewayIntent>>();
  for (const g of p.gateways) {
    const gs = g.value.spec;
    gs.hosts.forEach((host, i) => {
      checkHostName(ctx, g, host, i);
      const earlier = hosts.get(host);
      if (earlier) {
        const same = earlier === g;
        ctx.at(
          g,
          ['spec', 'hosts', i],
          'gateway/host-duplicate',
          same ? `host "${host}" is listed twice` : `host "${host}" is already served by EdgeGateway "${earlier.value.metadata.name}" (${ctx.where(earlier, ['spec', 'hosts'])})`,
          same ? 'list each host once' : 'serve each host from one EdgeGateway: add the routes to that gateway instead',
        );
      } else hosts.set(host, g);
    });
    gs.routes.forEach((r, i) => {
      if (spec && !spec.namespaces.includes(r.to.namespace)) {
        ctx.at(
          g,
          ['spec', 'routes', i, 'to', 'namespace'],
          'gateway/route-namespace-not-allowed',
          `route target namespace "${r.to.namespace}" is not one of peer "${p.name}"'s namespaces (${spec.namespaces.join(', ')})`,
          `route to a service in one of those namespaces, or add "${r.to.namespace}" to spec.namespaces in ${ctx.where(p.peer ?? g, ['spec', 'namespaces'])}`,
        );
      }
    });
    if (gs.httpsRedirect && gs.port === 80) {
      ctx.at(
        g,
        ['spec', 'port'],
        'gateway/port-conflicts-redirect',
        'HTTPS is configured on port 80, the port httpsRedirect uses for plain HTTP',
        'serve HTTPS on 443 (the default), or set httpsRedirect: false',
      );
    }
  }
}
