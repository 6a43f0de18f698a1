import type { PeerModel } from '../model/federation-model.js';
import { closestName, listNames } from '../load/closest-name.js';
import type { ValidationContext } from './validation-context.js';

/**
 * An import names an existing peer other than its own, an export of that peer, and that export must list the
 * importer as a consumer (the provider's consent); the ports it picks exist on the export.
 */
export function checkImportReferences(ctx: ValidationContext, p: PeerModel): void {
  for (const imp of p.imports) {
    const from = imp.value.spec.from;
    if (from.peer === p.name) {
      ctx.at(imp, ['spec', 'from', 'peer'], 'import/self', `peer "${p.name}" imports from itself`, 'name another peer in from.peer: a peer reaches its own services directly');
      continue;
    }
    const provider = ctx.peer(from.peer);
    if (!provider) {
      if (ctx.isPendingRename(from.peer)) continue;
      const suggestion = ctx.peerNames.closest(from.peer, p.name);
      ctx.at(
        imp,
        ['spec', 'from', 'peer'],
        'import/unknown-peer',
        `peer "${from.peer}" does not exist in this federation`,
        `${suggestion ? `did you mean "${suggestion}"? ` : ''}peers are the folders under ${ctx.prefix}peers/: ${listNames(ctx.peers.map((x) => x.name))}`,
      );
      continue;
    }
    const exp = ctx.exportOf(from.peer, from.export);
    if (!exp) {
      if (ctx.mayBeRejected(from.peer, 'ServiceExport', from.export)) continue;
      const names = ctx.exportNames(from.peer);
      const suggestion = closestName(from.export, names);
      ctx.at(
        imp,
        ['spec', 'from', 'export'],
        'import/unknown-export',
        `peer "${from.peer}" has no ServiceExport named "${from.export}"`,
        suggestion
          ? `did you mean "${suggestion}"? ${from.peer} exports: ${names.join(', ')}`
          : names.length > 0
            ? `${from.peer} exports: ${names.join(', ')}`
            : `${from.peer} exports nothing yet: its owners must add a ServiceExport listing "${p.name}" as a consumer`,
      );
      continue;
    }
    // An importer whose folder is to be renamed (peer/folder-name-invalid) is a consumer under its new name.
    const importer = ctx.folderRename(p.name) ?? p.name;
    if (!exp.value.spec.consumers.some((c) => c.peer === p.name || c.peer === importer)) {
      ctx.at(
        imp,
        ['spec', 'from', 'export'],
        'import/not-a-consumer',
        `export "${from.export}" of peer "${from.peer}" does not list "${p.name}" as a consumer`,
        `the provider must consent first: ${from.peer}'s owners add "- peer: ${p.name}" to spec.consumers in ${ctx.where(exp, ['spec', 'consumers'])}`,
      );
    }
    const offered = exp.value.spec.ports.map((port) => port.name);
    const seen = new Set<string>();
    imp.value.spec.ports?.forEach((name, i) => {
      if (!offered.includes(name)) {
        const suggestion = closestName(name, offered);
        ctx.at(
          imp,
          ['spec', 'ports', i],
          'import/unknown-port',
          `export "${from.export}" of peer "${from.peer}" has no port named "${name}"`,
          `${suggestion ? `did you mean "${suggestion}"? ` : ''}the export offers: ${offered.join(', ')}`,
        );
      } else if (seen.has(name)) {
        ctx.at(imp, ['spec', 'ports', i], 'import/port-duplicate', `port "${name}" is listed twice`, 'list each port once', 'warning');
      }
      seen.add(name);
    });
  }
}
