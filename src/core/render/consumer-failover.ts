import type { ServiceImportIntent } from '../intents/service-import-schema.js';
import { mergedServiceEntry } from './consumer-endpoints.js';
import { localFirstTrafficPolicy } from './consumer-local-first.js';
import type { ImportContext } from './import-context.js';
import { istioObject } from './object-builder.js';
import type { RenderedObject } from './rendered-object.js';

type Failover = NonNullable<ServiceImportIntent['spec']['failover']>;

/**
 * `failover`: serve locally, use the peer only when local endpoints are ejected by outlier detection
 * (docs/istio.md, "failover"). The provider's gateway joins the target's endpoints (ServiceEntry) in the lowest
 * priority; the DestinationRule adds ISTIO_MUTUAL with the provider's SNI, local-first priorities and outlier
 * detection. No VirtualService: the caller's own routes stay untouched.
 */
export function renderFailover(ctx: ImportContext, failover: Failover): RenderedObject[] {
  const serviceEntry = mergedServiceEntry(ctx);
  if (serviceEntry === undefined) return [];
  return [
    serviceEntry,
    istioObject('DestinationRule', ctx.objectName, ctx.target.namespace, ctx.provenance, {
      host: ctx.targetHost,
      trafficPolicy: localFirstTrafficPolicy(ctx, failover.ejection),
    }),
  ];
}
