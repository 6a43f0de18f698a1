import type { ServiceImportIntent } from '../../intents/service-import-schema.js';
import { mergedServiceEntry } from './consumer-endpoints.js';
import { localFirstPortPolicy } from './consumer-local-first.js';
import { upgradesToH2, type ImportContext } from './import-context.js';
import { istioObject } from '../object-builder.js';
import type { RenderedObject } from '../rendered-object.js';

type Failover = NonNullable<ServiceImportIntent['spec']['failover']>;

/**
 * `failover`: serve locally, use the peer only when local endpoints are ejected by outlier detection
 * (docs/istio.md, "failover"). The provider's gateway joins the target's endpoints (ServiceEntry) in the lowest
 * priority; the DestinationRule gives every imported port a complete entry (port-level entries do not inherit):
 * local-first priorities, outlier detection, ISTIO_MUTUAL with the provider's SNI, and HTTP/1.1 upgraded to
 * HTTP/2 so requests in flight share connections through the provider's gateway. No limits, no VirtualService:
 * the target's callers and routes stay untouched; the target's other ports keep Istio's defaults.
 */
export function renderFailover(ctx: ImportContext, failover: Failover): RenderedObject[] {
  const serviceEntry = mergedServiceEntry(ctx);
  if (serviceEntry === undefined) return [];
  return [
    serviceEntry,
    istioObject('DestinationRule', ctx.objectName, ctx.target.namespace, ctx.provenance, {
      host: ctx.targetHost,
      trafficPolicy: {
        portLevelSettings: ctx.ports.map((p) =>
          localFirstPortPolicy(ctx, failover.ejection, p, upgradesToH2(p) ? { http: { h2UpgradePolicy: 'UPGRADE' } } : undefined),
        ),
      },
    }),
  ];
}
