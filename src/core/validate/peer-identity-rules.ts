import type { Located } from '../model/federation-model.js';
import type { PeerIntent } from '../intents/peer-schema.js';
import type { ValidationContext } from './validation-context.js';

interface UniqueField {
  readonly code: string;
  readonly path: readonly string[];
  readonly label: string;
  readonly value: (p: PeerIntent) => string;
  readonly why: string;
}

/** Facts that identify a peer in every other peer's cluster must not be shared. */
const UNIQUE_FIELDS: readonly UniqueField[] = [
  {
    code: 'peer/trust-domain-duplicate',
    path: ['spec', 'trustDomain'],
    label: 'trustDomain',
    value: (p) => p.spec.trustDomain.toLowerCase(),
    why: 'with a shared trust domain the AuthorizationPolicies cannot tell the peers\' workloads apart, which breaks identity isolation: give each peer its own',
  },
  {
    code: 'peer/network-duplicate',
    path: ['spec', 'network'],
    label: 'network',
    value: (p) => p.spec.network,
    why: 'Istio treats endpoints on the same network as directly reachable and would bypass the east-west gateway: give each peer its own network name',
  },
  {
    code: 'peer/cluster-id-duplicate',
    path: ['spec', 'clusterID'],
    label: 'clusterID',
    value: (p) => p.spec.clusterID,
    why: 'Istio keys endpoints and locality by cluster ID: give each peer\'s cluster its own ID',
  },
  {
    code: 'peer/east-west-address-duplicate',
    path: ['spec', 'eastWest', 'address'],
    label: 'eastWest.address',
    value: (p) => p.spec.eastWest.address.trim().toLowerCase(),
    why: 'traffic for one peer would arrive at the other\'s gateway: write each peer\'s own east-west gateway address',
  },
];

/** `peer/*-duplicate`: reported at every peer involved, naming the others. */
export function checkPeerIdentities(ctx: ValidationContext): void {
  for (const field of UNIQUE_FIELDS) {
    const groups = new Map<string, { folder: string; intent: Located<PeerIntent> }[]>();
    for (const p of ctx.peers) {
      if (!p.peer) continue;
      const key = field.value(p.peer.value);
      const group = groups.get(key);
      const member = { folder: p.name, intent: p.peer };
      if (group) group.push(member);
      else groups.set(key, [member]);
    }
    for (const group of groups.values()) {
      if (group.length < 2) continue;
      for (const { intent } of group) {
        const others = group.filter((g) => g.intent !== intent).map((g) => `"${g.folder}" (${ctx.where(g.intent, field.path)})`);
        ctx.at(
          intent,
          field.path,
          field.code,
          `${field.label} "${field.value(intent.value)}" is also used by peer ${others.join(', ')}`,
          field.why,
        );
      }
    }
  }
}
