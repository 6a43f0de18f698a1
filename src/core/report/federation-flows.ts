import type { FederationModel } from '../model/federation-model.js';
import { POLICY_KEYS, type ServiceImportIntent } from '../intents/service-import-schema.js';
import { compareStrings } from '../compare-strings.js';

/** Traffic from a consumer peer to a provider peer, as one ServiceImport declares it. */
export interface Flow {
  /** The importing peer (where the traffic starts). */
  readonly consumer: string;
  /** metadata.name of the ServiceImport. */
  readonly importName: string;
  /** The providing peer. */
  readonly provider: string;
  /** metadata.name of the provider's ServiceExport. */
  readonly exportName: string;
  /** `burst`, `failover`, `split 20%`, `route (2 matches)`, `mirror 5%`. */
  readonly policy: string;
}

/** Every import of every peer as a flow, sorted by consumer then import name. */
export function federationFlows(model: FederationModel): Flow[] {
  const flows: Flow[] = [];
  for (const p of model.peers.values()) {
    for (const imp of p.imports) {
      const spec = imp.value.spec;
      flows.push({
        consumer: p.name,
        importName: imp.value.metadata.name,
        provider: spec.from.peer,
        exportName: spec.from.export,
        policy: policyLabel(spec),
      });
    }
  }
  return flows.sort((a, b) => compareStrings(flowKey(a), flowKey(b)));
}

export function flowKey(f: Flow): string {
  return [f.consumer, f.importName, f.provider, f.exportName, f.policy].join('\u0000');
}

export interface FlowDiff {
  readonly added: readonly Flow[];
  readonly removed: readonly Flow[];
  readonly unchanged: readonly Flow[];
}

/** Flows only in head (added), only in base (removed), in both. A changed policy is one removed and one added flow. */
export function diffFlows(base: FederationModel, head: FederationModel): FlowDiff {
  const before = new Map(federationFlows(base).map((f) => [flowKey(f), f]));
  const after = new Map(federationFlows(head).map((f) => [flowKey(f), f]));
  return {
    added: [...after].filter(([k]) => !before.has(k)).map(([, f]) => f),
    removed: [...before].filter(([k]) => !after.has(k)).map(([, f]) => f),
    unchanged: [...after].filter(([k]) => before.has(k)).map(([, f]) => f),
  };
}

function policyLabel(spec: ServiceImportIntent['spec']): string {
  const labels = POLICY_KEYS.flatMap((k) => {
    switch (k) {
      case 'burst':
      case 'failover':
        return spec[k] === undefined ? [] : [k];
      case 'split':
        return spec.split === undefined ? [] : [`split ${spec.split.remoteWeight}%`];
      case 'route': {
        const n = spec.route?.match.length;
        return n === undefined ? [] : [`route (${n} ${n === 1 ? 'match' : 'matches'})`];
      }
      case 'mirror':
        return spec.mirror === undefined ? [] : [`mirror ${spec.mirror.percent}%`];
    }
  });
  return labels.length === 0 ? 'no policy' : labels.join(' + ');
}

