import type { ServiceExportIntent } from '../intents/service-export-schema.js';
import type { Located, PeerModel } from '../model/federation-model.js';
import { importTarget } from './import-target-rules.js';
import type { ValidationContext } from './validation-context.js';

/**
 * A `burst` or `failover` import may not target a service its own peer exports.
 *
 * Both policies merge the provider's gateway into the target host (a ServiceEntry on that host in its namespace)
 * and render the host's DestinationRule, visible to the whole cluster. The peer's east-west gateway serves its
 * exports through "SNI-DNAT" clusters of the very same host, with that host's endpoints and DestinationRule
 * (all of it but TLS; docs/istio.md, "DestinationRule: the provider's own cap"): other peers' connections to the
 * export would then be capped by `burst.local` for the whole gateway, and could be forwarded to the import's
 * provider, which neither admits them nor is the identity they verify. No rendering avoids this: a
 * DestinationRule in the gateway's namespace would shadow the host's rule for every proxy in that namespace
 * (usually the ingress gateway too), and the ServiceEntry's endpoints cannot be hidden from one proxy.
 */
export function checkImportExportedTargets(ctx: ValidationContext, p: PeerModel): void {
  const exported = new Map<string, Located<ServiceExportIntent>>();
  for (const e of p.exports) {
    const key = `${e.value.spec.service.namespace}/${e.value.spec.service.name}`;
    if (!exported.has(key)) exported.set(key, e);
  }
  if (exported.size === 0) return;
  for (const imp of p.imports) {
    const spec = imp.value.spec;
    const policy = spec.burst !== undefined ? 'burst' : spec.failover !== undefined ? 'failover' : undefined;
    if (policy === undefined || spec.from.peer === p.name) continue;
    const target = importTarget(ctx, imp);
    if (!target) continue;
    const key = `${target.namespace}/${target.name}`;
    const exp = exported.get(key);
    if (!exp) continue;
    ctx.at(
      imp,
      target.explicit ? ['spec', 'target'] : ['spec', 'from'],
      'import/target-exported',
      `import "${imp.value.metadata.name}" merges peer "${spec.from.peer}" into ${key}, which this peer exports as "${exp.value.metadata.name}" (${ctx.where(exp)})`,
      `Istio would apply this ${policy} import's ServiceEntry and DestinationRule on your east-west gateway too: other peers' connections to the export ` +
        `${policy === 'burst' ? 'would be capped by burst.local for the whole gateway and ' : ''}could be forwarded to "${spec.from.peer}". ` +
        'Point spec.target at a second Service that selects the same pods (your callers use that one), or export a second Service instead',
    );
  }
}
