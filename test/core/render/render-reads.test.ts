import { describe, expect, it } from 'vitest';
import { syntheticFederation } from '../../../bench/synthetic-federation.js';
import { loadFederation } from '../../../src/core/load/load-federation.js';
import type { FederationModel, Located, PeerModel } from '../../../src/core/model/federation-model.js';
import { renderedPeerNames, renderPeer } from '../../../src/core/render/render-federation.js';
import { EXAMPLES, exampleModel } from './example-federations.js';
import { paperFederation } from './federation-builder.js';

// The render keys (src/core/render/render-inputs.ts, scope `published`) hold, of every peer but the one rendered,
// only the files of its Peer and ServiceExport documents. That is sound only while a peer's render reads nothing
// else of another peer: not its imports, gateways or files, not where its intents come from. A key that leaves
// out something render reads would let a plan call a changed peer unchanged, and so leave it out of the peers
// whose consent a change needs. This pins the claim: every peer renders the same objects when every other peer
// shows only its name, its Peer's value and its exports' values, and throws on anything else.

function valueOnly<T>(intent: Located<T>, peer: string): Located<T> {
  return {
    value: intent.value,
    get source(): never {
      throw new Error(`rendering read where an intent of ${peer} comes from`);
    },
  };
}

function asSeenByOthers(peer: PeerModel, exports = peer.exports): PeerModel {
  const refuse = (what: string): never => {
    throw new Error(`rendering read the ${what} of ${peer.name}`);
  };
  return {
    name: peer.name,
    peer: peer.peer === undefined ? undefined : valueOnly(peer.peer, peer.name),
    exports: exports.map((e) => valueOnly(e, peer.name)),
    get imports(): never {
      return refuse('imports');
    },
    get gateways(): never {
      return refuse('gateways');
    },
    get files(): never {
      return refuse('files');
    },
  };
}

const MODELS: readonly { readonly name: string; readonly model: FederationModel }[] = [
  ...EXAMPLES.map((e) => ({ name: e.name, model: exampleModel(e.repoDir) })),
  { name: 'the paper federation', model: paperFederation().build() },
  { name: 'the synthetic federation of 30 peers', model: loadFederation(syntheticFederation(30)).model },
];

describe('what rendering one peer reads of the others', () => {
  it.each(MODELS)('GIVEN $name WHEN each peer is rendered with the other peers reduced to their Peer and exports THEN it renders the same objects', ({ model }) => {
    const peers = renderedPeerNames(model);
    expect(peers.length).toBeGreaterThan(1);
    for (const rendered of peers) {
      const narrowed: FederationModel = { ...model, peers: new Map([...model.peers].map(([name, p]) => [name, name === rendered ? p : asSeenByOthers(p)])) };
      expect(renderPeer(narrowed, rendered), rendered).toEqual(renderPeer(model, rendered));
    }
  });

  it('GIVEN a peer whose import is served by another peer WHEN that provider shows nothing of its exports THEN the consumer renders differently (the reduction is not vacuous)', () => {
    const { model } = MODELS[MODELS.length - 1] as { model: FederationModel };
    const consumer = [...model.peers.values()].find((p) => p.imports.length > 0) as PeerModel;
    const provider = consumer.imports[0]?.value.spec.from.peer as string;
    const hidden: FederationModel = { ...model, peers: new Map([...model.peers].map(([name, p]) => [name, name === provider ? asSeenByOthers(p, []) : p])) };
    expect(renderPeer(hidden, consumer.name)).not.toEqual(renderPeer(model, consumer.name));
  });
});
