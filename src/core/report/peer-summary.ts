import { POLICY_KEYS, type ServiceImportIntent } from '../intents/service-import-schema.js';
import type { FederationModel } from '../model/federation-model.js';
import type { FederationPlan } from '../plan/federation-plan.js';
import type { RenderedFederation } from '../render/rendered-object.js';

export interface PeerSummaryRow {
  readonly peer: string;
  readonly locality: string;
  readonly objects: number;
  /** `Kind: count`, kinds sorted. */
  readonly kinds: Readonly<Record<string, number>>;
  readonly exports: readonly string[];
  /** `name <- provider/export (policy)` */
  readonly imports: readonly string[];
  readonly gateways: readonly string[];
  readonly added: number;
  readonly changed: number;
  readonly removed: number;
}

/** One row per peer: what it offers, what it consumes, what is rendered for it, what the plan changes. */
export function peerSummaryRows(model: FederationModel, rendered: RenderedFederation, plan: FederationPlan): PeerSummaryRow[] {
  const byPeer = new Map(plan.peers.map((p) => [p.peer, p]));
  return [...model.peers.values()].map((peer) => {
    const objects = rendered.get(peer.name) ?? [];
    const kinds: Record<string, number> = {};
    for (const k of objects.map((o) => o.kind).sort()) kinds[k] = (kinds[k] ?? 0) + 1;
    const p = byPeer.get(peer.name);
    const locality = peer.peer ? [peer.peer.value.spec.locality.region, peer.peer.value.spec.locality.zone].filter(Boolean).join('/') : '';
    return {
      peer: peer.name,
      locality,
      objects: objects.length,
      kinds,
      exports: peer.exports.map((e) => `${e.value.metadata.name} -> ${e.value.spec.consumers.map((c) => c.peer).join(', ')}`),
      imports: peer.imports.map((i) => `${i.value.metadata.name} <- ${i.value.spec.from.peer}/${i.value.spec.from.export} (${policyOf(i.value.spec)})`),
      gateways: peer.gateways.map((g) => `${g.value.metadata.name}: ${g.value.spec.hosts.join(', ')}`),
      added: p?.added.length ?? 0,
      changed: p?.changed.length ?? 0,
      removed: p?.removed.length ?? 0,
    };
  });
}

function policyOf(spec: ServiceImportIntent['spec']): string {
  return POLICY_KEYS.find((k) => spec[k] !== undefined) ?? 'none';
}

/** Fixed-width text table followed by each peer's flows. */
export function peerSummaryTable(rows: readonly PeerSummaryRow[], planHeader: string): string[] {
  const header = ['peer', 'locality', 'objects', 'exports', 'imports', 'gateways', planHeader];
  const body = rows.map((r) => [
    r.peer,
    r.locality,
    String(r.objects),
    String(r.exports.length),
    String(r.imports.length),
    String(r.gateways.length),
    r.added + r.changed + r.removed === 0 ? 'no changes' : `+${r.added} ~${r.changed} -${r.removed}`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => (row[i] ?? '').length)));
  const fmt = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  const lines = [fmt(header), ...body.map(fmt)];
  for (const r of rows) {
    const flows = [...r.exports.map((e) => `exports ${e}`), ...r.imports.map((i) => `imports ${i}`), ...r.gateways.map((g) => `serves ${g}`)];
    if (flows.length === 0) continue;
    lines.push('', `${r.peer}:`, ...flows.map((f) => `  ${f}`));
  }
  return lines;
}
