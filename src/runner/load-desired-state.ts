import { join } from 'node:path';
import { formatDiagnostic, hasErrors } from '../core/diagnostics.js';
import { peerScopeFromIntent, type PeerScope } from '../core/apply/peer-scope.js';
import { meshRequirements, type MeshRequirements } from '../core/mesh/mesh-requirements.js';
import type { RenderedObject } from '../core/render/rendered-object.js';
import { compileDirectory, type CompiledDirectory } from '../commands/compile-directory.js';
import { locateFederation } from '../commands/federation-location.js';
import { InvalidInputError } from '../commands/usage-error.js';
import { closestName, listNames } from '../core/load/closest-name.js';
import { renderPeer } from '../core/render/render-federation.js';

/** What the desired state is loaded for: the messages say what did not happen. */
export type RunnerPurpose = 'apply' | 'drift';

export type DesiredState =
  | {
      readonly ok: true;
      readonly scope: PeerScope;
      readonly objects: readonly RenderedObject[];
      /** What the peer's Istio installation must hold: the preflight checks the cluster against it. */
      readonly requirements: MeshRequirements;
      readonly warnings: readonly string[];
    }
  | { readonly ok: false; readonly errors: readonly string[] };

/**
 * The runner trusts only git: it renders the desired state itself from the federation folder checked out
 * at the deployment's commit (never from a PR, a payload or an artifact). An invalid federation, or a peer
 * that is not in it, stops the run before the cluster is contacted; it never counts as "nothing desired".
 */
export async function loadDesiredState(dir: string | undefined, peer: string, cwd: string, purpose: RunnerPurpose = 'apply'): Promise<DesiredState> {
  const location = await locateFederation(dir, cwd);
  const root = location.root;
  const stopped = purpose === 'apply' ? 'nothing is applied' : 'nothing is compared';
  let compiled: CompiledDirectory;
  try {
    // The whole federation is parsed and validated (an invalid one stops the run), but only this peer is rendered.
    compiled = await compileDirectory(location, { render: false });
  } catch (cause) {
    // A folder that is missing or not a federation says so in its own words (InvalidInputError).
    const why = cause instanceof InvalidInputError ? cause.message : `cannot read the federation at ${join(location.repoDir, root)}: ${(cause as Error).message}`;
    return { ok: false, errors: [`${why}; ${stopped}`] };
  }
  const errors = compiled.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
  const warnings = compiled.diagnostics.filter((d) => d.severity === 'warning').map(formatDiagnostic);
  if (hasErrors(compiled.diagnostics)) {
    return { ok: false, errors: [`the federation at ${root}/ is invalid; ${stopped}:`, ...errors] };
  }
  const model = compiled.model.peers.get(peer);
  if (!model?.peer) {
    const peers = [...compiled.model.peers.keys()];
    const suggestion = closestName(peer, peers);
    const environment = purpose === 'apply' ? 'the deployment environment must be meshfed-<peer>' : 'the drift job\'s environment is meshfed-<peer>-drift';
    return {
      ok: false,
      errors: [
        `peer "${peer}" is not in ${root}/peers/ at this commit (${suggestion ? `did you mean "${suggestion}"? ` : ''}peers: ${listNames(peers) || 'none'}); ${stopped}. ` +
          `Check --peer (${environment}). If the peer left the federation, see "Decommissioning a peer" in docs/runners.md`,
      ],
    };
  }
  const requirements = meshRequirements(compiled.model, peer);
  if (requirements === undefined) return { ok: false, errors: [`the federation at ${root}/ has no Federation intent; ${stopped}`] };
  return { ok: true, scope: peerScopeFromIntent(peer, model.peer.value), objects: renderPeer(compiled.model, peer), requirements, warnings };
}
