import { join } from 'node:path';
import { formatDiagnostic, hasErrors } from '../core/diagnostics.js';
import { peerScopeFromIntent, type PeerScope } from '../core/apply/peer-scope.js';
import type { RenderedObject } from '../core/render/rendered-object.js';
import { compileDirectory, type CompiledDirectory } from '../commands/compile-directory.js';
import { locateFederation } from '../commands/federation-location.js';

export type DesiredState =
  | { readonly ok: true; readonly scope: PeerScope; readonly objects: readonly RenderedObject[]; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly errors: readonly string[] };

/**
 * The runner trusts only git: it renders the desired state itself from the federation folder checked out
 * at the deployment's commit (never from a PR, a payload or an artifact). An invalid federation, or a peer
 * that is not in it, stops the run before the cluster is contacted; it never counts as "nothing desired".
 */
export async function loadDesiredState(dir: string | undefined, peer: string, cwd: string): Promise<DesiredState> {
  const location = locateFederation(dir, cwd);
  const root = location.root;
  let compiled: CompiledDirectory;
  try {
    compiled = await compileDirectory(location);
  } catch (cause) {
    return { ok: false, errors: [`cannot read the federation at ${join(location.repoDir, root)}: ${(cause as Error).message}`] };
  }
  const errors = compiled.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
  const warnings = compiled.diagnostics.filter((d) => d.severity === 'warning').map(formatDiagnostic);
  if (hasErrors(compiled.diagnostics) || !compiled.rendered) {
    return { ok: false, errors: [`the federation at ${root}/ is invalid; nothing is applied:`, ...errors] };
  }
  const model = compiled.model.peers.get(peer);
  if (!model?.peer) {
    const known = [...compiled.model.peers.keys()].join(', ') || 'none';
    return {
      ok: false,
      errors: [
        `peer "${peer}" is not in ${root}/peers/ at this commit (peers: ${known}); nothing is applied. ` +
          `Check --peer (the deployment environment must be meshfed-<peer>). If the peer left the federation, ` +
          `see "Decommissioning a peer" in docs/runners.md`,
      ],
    };
  }
  return { ok: true, scope: peerScopeFromIntent(peer, model.peer.value), objects: compiled.rendered.get(peer) ?? [], warnings };
}
