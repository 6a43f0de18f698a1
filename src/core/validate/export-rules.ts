import { listNames } from '../load/closest-name.js';
import type { ServiceExportIntent } from '../intents/service-export-schema.js';
import type { Located, PeerModel } from '../model/federation-model.js';
import type { ValidationContext } from './validation-context.js';

/** Istio picks a port's protocol from the Service port name prefix `<protocol>[-<suffix>]`. */
const NAME_PREFIX_PROTOCOL: Readonly<Record<string, string>> = {
  http: 'HTTP',
  http2: 'HTTP2',
  https: 'HTTPS',
  grpc: 'GRPC',
  tcp: 'TCP',
  tls: 'TLS',
};

/** An export's own consistency: its namespace, its ports, one export per service. */
export function checkExports(ctx: ValidationContext, p: PeerModel): void {
  const spec = ctx.peerSpec(p.name);
  const services = new Map<string, Located<ServiceExportIntent>>();
  for (const e of p.exports) {
    const { service, ports } = e.value.spec;
    if (spec && !spec.namespaces.includes(service.namespace)) {
      ctx.at(
        e,
        ['spec', 'service', 'namespace'],
        'export/namespace-not-allowed',
        `namespace "${service.namespace}" is not one of peer "${p.name}"'s namespaces (${spec.namespaces.join(', ')})`,
        `add "${service.namespace}" to spec.namespaces in ${ctx.where(p.peer ?? e, ['spec', 'namespaces'])}, or export a service from one of those namespaces`,
      );
    }
    const key = `${service.namespace}/${service.name}`;
    const earlier = services.get(key);
    if (earlier) {
      ctx.at(
        e,
        ['spec', 'service', 'name'],
        'export/service-duplicate',
        `service ${key} is already exported by "${earlier.value.metadata.name}" (${ctx.where(earlier, ['spec', 'service', 'name'])})`,
        'export each service once: list all its consumers and ports in one ServiceExport',
      );
    } else services.set(key, e);

    const names = new Map<string, number>();
    const numbers = new Map<number, number>();
    ports.forEach((port, i) => {
      if (names.has(port.name)) {
        ctx.at(e, ['spec', 'ports', i, 'name'], 'export/port-name-duplicate', `port name "${port.name}" is used twice`, 'give each port its own name, as on the Kubernetes Service');
      } else names.set(port.name, i);
      if (numbers.has(port.number)) {
        ctx.at(e, ['spec', 'ports', i, 'number'], 'export/port-number-duplicate', `port ${port.number} is listed twice`, 'list each port number once');
      } else numbers.set(port.number, i);
      const prefix = port.name.split('-', 1)[0] ?? '';
      // grpc-web is a protocol of its own in Istio, not gRPC.
      const implied = port.name.startsWith('grpc-web') ? undefined : NAME_PREFIX_PROTOCOL[prefix];
      if (implied !== undefined && implied !== port.protocol) {
        ctx.at(
          e,
          ['spec', 'ports', i, 'protocol'],
          'export/port-protocol-mismatch',
          `port "${port.name}" is named like ${implied} but declared ${port.protocol}`,
          `make them agree: Istio selects the protocol from the Service port name prefix, so the provider's sidecars treat this port as ${implied}`,
          'warning',
        );
      }
    });
  }
}

/** Consumers are other existing peers, listed once; narrowed service accounts live in the consumer's namespaces. */
export function checkExportConsumers(ctx: ValidationContext, p: PeerModel): void {
  for (const e of p.exports) {
    const seen = new Set<string>();
    e.value.spec.consumers.forEach((c, i) => {
      const path = ['spec', 'consumers', i, 'peer'];
      if (c.peer === p.name) {
        ctx.at(e, path, 'export/consumer-self', `peer "${p.name}" lists itself as a consumer of its own export`, 'remove it: a peer reaches its own services directly');
        return;
      }
      if (seen.has(c.peer)) {
        ctx.at(e, path, 'export/consumer-duplicate', `consumer "${c.peer}" is listed twice`, 'list each consumer peer once and merge their serviceAccounts');
        return;
      }
      seen.add(c.peer);
      const consumer = ctx.peer(c.peer);
      if (!consumer) {
        if (ctx.isPendingRename(c.peer)) return;
        const suggestion = ctx.peerNames.closest(c.peer, p.name);
        ctx.at(
          e,
          path,
          'export/consumer-unknown-peer',
          `consumer "${c.peer}" is not a peer of this federation`,
          `${suggestion ? `did you mean "${suggestion}"? ` : ''}peers are the folders under ${ctx.prefix}peers/: ${listNames(ctx.peers.map((x) => x.name)) || 'none yet'}`,
        );
        return;
      }
      const consumerSpec = consumer.peer?.value.spec;
      if (!consumerSpec) return;
      // Callers run in the consumer's namespaces or are its gateways (an ingress gateway that bursts).
      const allowed = new Set([...consumerSpec.namespaces, consumerSpec.ingress.namespace, consumerSpec.eastWest.namespace]);
      c.serviceAccounts?.forEach((sa, j) => {
        if (!allowed.has(sa.namespace)) {
          ctx.at(
            e,
            ['spec', 'consumers', i, 'serviceAccounts', j, 'namespace'],
            'export/consumer-namespace-not-allowed',
            `namespace "${sa.namespace}" is neither one of consumer "${c.peer}"'s namespaces nor its gateway namespace (${[...allowed].join(', ')})`,
            `name a service account in one of those namespaces, or ask ${c.peer}'s owners to add "${sa.namespace}" to its spec.namespaces`,
          );
        }
      });
    });
  }
}

