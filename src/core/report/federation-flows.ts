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
  return [...keyedFlows(model).values()];
}

/**
 * The flows by `flowKey`, in key order, computed once per model (a pull request's comment diffs the same two models
 * for its graph and its flow list, and a warm bot sees the base model again): 20,000 flows at 1,000 peers.
 */
const flowsByModel = new WeakMap<FederationModel, ReadonlyMap<string, Flow>>();

function keyedFlows(model: FederationModel): ReadonlyMap<string, Flow> {
  let keyed = flowsByModel.get(model);
  if (keyed === undefined) {
    const flows: { key: string; flow: Flow }[] = [];
    for (const p of model.peers.values()) {
      for (const imp of p.imports) {
        const spec = imp.value.spec;
        const flow: Flow = {
          consumer: p.name,
          importName: imp.value.metadata.name,
          provider: spec.from.peer,
          exportName: spec.from.export,
          policy: policyLabel(spec),
        };
        flows.push({ key: flowKey(flow), flow });
      }
    }
    keyed = new Map(flows.sort((a, b) => compareStrings(a.key, b.key)).map((f) => [f.key, f.flow]));
    flowsByModel.set(model, keyed);
  }
  return keyed;
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
  const before = keyedFlows(base);
  const after = keyedFlows(head);
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

