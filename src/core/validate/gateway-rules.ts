import type { EdgeGatewayIntent } from '../intents/edge-gateway-schema.js';
import type { Located } from '../model/federation-model.js';
import type { ValidationContext } from './validation-context.js';

/** Hosts unique across a peer's EdgeGateways, routes into the peer's namespaces, no HTTPS on the redirect port. */
export function checkGateways(ctx: ValidationContext): void {
  for (const p of ctx.peers) {
    const spec = ctx.peerSpec(p.name);
    const hosts = new Map<string, Located<EdgeGatewayIntent>>();
    for (const g of p.gateways) {
      const gs = g.value.spec;
      gs.hosts.forEach((host, i) => {
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
}
