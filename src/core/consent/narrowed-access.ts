import type { FederationModel } from '../model/federation-model.js';
import type { ServiceExportIntent } from '../intents/service-export-schema.js';

/** A consumer that imports an export and may reach less of it after the change. */
export interface NarrowedAccess {
  readonly consumer: string;
  readonly provider: string;
  readonly export: string;
  /** What it loses, one sentence. */
  readonly what: string;
}

type ExportSpec = ServiceExportIntent['spec'];

/**
 * What a provider takes away from the peers that use its exports. A provider consents in its own folder, and may
 * widen that consent alone; but narrowing it (a consumer removed from `consumers`, fewer of its `serviceAccounts`
 * admitted, a port no longer offered, the export removed) can break a consumer's traffic while only the provider's
 * AuthorizationPolicy changes, so the consumer's rendered output, and with it the consumer's approval, would not be
 * asked for. Each consumer that imports the export before the change and loses something is named here, so the
 * consent rule asks its owners (reason `access-narrowed`). Sorted by consumer, provider, export.
 */
export function narrowedAccess(before: FederationModel, head: FederationModel): NarrowedAccess[] {
  const out: NarrowedAccess[] = [];
  // A provider whose PeerModel is the very same object at head (an unchanged folder, shared through the compile
  // cache, load/loaded-folder.ts) takes nothing away. For the others, one pass over every import (not one per
  // export: a federation of 1,000 peers has 10,000 exports and 20,000 imports).
  const providers = [...before.peers.values()].filter((p) => head.peers.get(p.name) !== p);
  if (providers.length === 0) return out;
  const importers = importersByExport(before, new Set(providers.map((p) => p.name)));
  for (const provider of providers) {
    const headExports = new Map((head.peers.get(provider.name)?.exports ?? []).map((e) => [e.value.metadata.name, e.value.spec] as const));
    for (const exp of provider.exports) {
      const name = exp.value.metadata.name;
      const consumers = importers.get(exportKey(provider.name, name)) ?? [];
      if (consumers.length === 0) continue;
      const after = headExports.get(name);
      // The very same intent (an unchanged file, shared through the compile cache) takes nothing away.
      if (after === exp.value.spec) continue;
      for (const consumer of consumers) {
        for (const what of losses(exp.value.spec, after, consumer)) out.push({ consumer, provider: provider.name, export: name, what });
      }
    }
  }
  const key = (n: NarrowedAccess): string => `${n.consumer}\u0000${n.provider}\u0000${n.export}\u0000${n.what}`;
  return out.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

function exportKey(provider: string, exportName: string): string {
  return `${provider}\u0000${exportName}`;
}

/** `provider \0 export` -> the other peers importing it, each once, in the model's peer order (`providers` only). */
function importersByExport(model: FederationModel, providers: ReadonlySet<string>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const p of model.peers.values()) {
    for (const i of p.imports) {
      const { peer, export: exportName } = i.value.spec.from;
      if (peer === p.name || !providers.has(peer)) continue;
      const key = exportKey(peer, exportName);
      const list = out.get(key);
      if (list === undefined) out.set(key, [p.name]);
      else if (list[list.length - 1] !== p.name) list.push(p.name);
    }
  }
  return out;
}

function losses(before: ExportSpec, after: ExportSpec | undefined, consumer: string): string[] {
  if (after === undefined) return ['the export is removed'];
  const was = before.consumers.find((c) => c.peer === consumer);
  const now = after.consumers.find((c) => c.peer === consumer);
  if (was === undefined) return [];
  if (now === undefined) return [`${consumer} is removed from its consumers`];
  const out: string[] = [];
  const identity = (w: { namespace: string; serviceAccount: string }): string => `${w.namespace}/${w.serviceAccount}`;
  if (now.serviceAccounts !== undefined) {
    if (was.serviceAccounts === undefined) {
      out.push(`it admits only ${now.serviceAccounts.map(identity).join(', ')} of ${consumer}'s workloads, not all of them`);
    } else {
      const kept = new Set(now.serviceAccounts.map(identity));
      const lost = was.serviceAccounts.map(identity).filter((w) => !kept.has(w));
      if (lost.length > 0) out.push(`it no longer admits ${lost.join(', ')}`);
    }
  }
  const port = (p: { name: string; number: number; protocol: string }): string => `${p.name} ${p.number}/${p.protocol}`;
  const offered = new Set(after.ports.map(port));
  const gone = before.ports.map(port).filter((p) => !offered.has(p));
  if (gone.length > 0) out.push(`port ${gone.join(', ')} is no longer offered`);
  return out;
}
