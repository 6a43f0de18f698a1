import { peerHasChanges, type FederationPlan } from './federation-plan.js';
import type { RenderSource } from '../render/rendered-on-demand.js';

/**
 * Peers a change leaves exactly as they were: the same rendered objects (the plan has no change for them) and
 * the same intents (every file of their folder, and the federation file, has the same content at base and head).
 * Whatever is computed from one such peer's objects and intents alone is the same on both sides: the effect of a
 * flow between two of them (explain-report.ts `effectsOfChange`) need not be computed at all.
 * A peer marked `inputsUnchanged` qualifies outright (every file its render depends on is the same). Without file
 * hashes (compiled without a cache) nothing can be told equal, and no peer qualifies.
 */
export function peersUnchangedByChange(plan: FederationPlan, base: RenderSource, head: RenderSource): Set<string> {
  const out = new Set<string>();
  const [b, h] = [base.fileHashes, head.fileHashes];
  if (b === undefined || h === undefined || base.model.root !== head.model.root) return out;
  const federationFile = `${head.model.root === '' ? '' : `${head.model.root}/`}federation.yaml`;
  const federationSame = b.get(federationFile) === h.get(federationFile);
  for (const p of plan.peers) {
    if (p.presence !== 'both' || peerHasChanges(p)) continue;
    if (p.inputsUnchanged === true || (federationSame && sameFiles(base, head, p.peer))) out.add(p.peer);
  }
  return out;
}

function sameFiles(base: RenderSource, head: RenderSource, peer: string): boolean {
  const before = base.model.peers.get(peer)?.files ?? [];
  const after = head.model.peers.get(peer)?.files ?? [];
  if (before.length !== after.length) return false;
  return after.every((path, i) => {
    const hash = head.fileHashes?.get(path);
    return before[i] === path && hash !== undefined && base.fileHashes?.get(path) === hash;
  });
}
