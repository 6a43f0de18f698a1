import type { ServiceImportIntent } from '../intents/service-import-schema.js';
import type { Located, PeerModel } from '../model/federation-model.js';
import type { ValidationContext } from './validation-context.js';

/** The local service an import shares: `target`, or by default the export's service name and namespace. */
export function importTarget(ctx: ValidationContext, imp: Located<ServiceImportIntent>): { name: string; namespace: string; explicit: boolean } | undefined {
  const t = imp.value.spec.target;
  if (t) return { ...t, explicit: true };
  const exp = ctx.exportOf(imp.value.spec.from.peer, imp.value.spec.from.export);
  return exp ? { ...exp.value.spec.service, explicit: false } : undefined;
}

/**
 * The target is in one of the importer's namespaces, and no two imports of a peer share a target: each would
 * render the DestinationRule and VirtualService for the same host, and they would conflict.
 */
export function checkImportTargets(ctx: ValidationContext, p: PeerModel): void {
  const spec = ctx.peerSpec(p.name);
  const byTarget = new Map<string, Located<ServiceImportIntent>>();
  for (const imp of p.imports) {
    if (imp.value.spec.from.peer === p.name) continue;
    const target = importTarget(ctx, imp);
    if (!target) continue;
    const nsPath = target.explicit ? ['spec', 'target', 'namespace'] : ['spec', 'from', 'export'];
    if (spec && !spec.namespaces.includes(target.namespace)) {
      ctx.at(
        imp,
        nsPath,
        'import/namespace-not-allowed',
        target.explicit
          ? `target namespace "${target.namespace}" is not one of peer "${p.name}"'s namespaces (${spec.namespaces.join(', ')})`
          : `the import targets ${target.namespace}/${target.name} (the export's service, as no target is set), but "${target.namespace}" is not one of peer "${p.name}"'s namespaces (${spec.namespaces.join(', ')})`,
        target.explicit
          ? `target a service in one of your namespaces, or add "${target.namespace}" to spec.namespaces in ${ctx.where(p.peer ?? imp, ['spec', 'namespaces'])}`
          : `set spec.target to your local service, or add "${target.namespace}" to spec.namespaces in ${ctx.where(p.peer ?? imp, ['spec', 'namespaces'])}`,
      );
    }
    const key = `${target.namespace}/${target.name}`;
    const earlier = byTarget.get(key);
    if (earlier) {
      ctx.at(
        imp,
        target.explicit ? ['spec', 'target'] : ['spec', 'from'],
        'import/target-conflict',
        `imports "${earlier.value.metadata.name}" (${ctx.where(earlier)}) and "${imp.value.metadata.name}" both target service ${key}`,
        'they would render conflicting DestinationRules and VirtualServices for one host: keep one import per local service',
      );
    } else byTarget.set(key, imp);
  }
}
