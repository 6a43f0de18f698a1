import { createHash } from 'node:crypto';
import type { Diagnostic } from '../diagnostics.js';
import { peerInputKeys } from '../render/render-inputs.js';
import type { ValidationContext } from './validation-context.js';

/**
 * Where the diagnostics of a peer's rules are kept between validations in one process (CompileCache): a plan
 * validates base and head, which differ in a few peers, and a warm bot validates the same federation event after
 * event. Values are shared and never changed.
 */
export interface ValidationCache {
  validatedPeer(key: string): readonly Diagnostic[] | undefined;
  rememberValidatedPeer(key: string, diagnostics: readonly Diagnostic[]): void;
}

/** What lets `validateFederation` take a peer's diagnostics from an earlier validation. */
export interface ValidationReuse {
  readonly cache: ValidationCache;
  /** Content hash by loaded path (load-federation.ts `fileHashes`). */
  readonly fileHashes: ReadonlyMap<string, string>;
}

/**
 * A key per peer that changes whenever anything its peer rules (validate-federation.ts `PEER_RULES`) can read
 * changes, so equal keys mean equal diagnostics. A peer rule reads its own peer's intents and, through the
 * context, the peers its intents name (`exportOf`, `peer`, `peerSpec`, `mayBeRejected` of an import's provider
 * or an export's consumer): those are the peer's render dependencies (render-inputs.ts), whose folders' contents
 * the key digests. Beyond them a rule reads only what is common to all peers, digested once here: the root, the
 * federation file, every peer's name (whether a named peer exists, "did you mean", the list of peers in a hint)
 * and the folders to be renamed (`isPendingRename`, `folderRename`). The random-edit property test
 * (test/core/render/incremental-render.test.ts) compares every validation through the cache with a fresh one.
 */
export function validationKeys(ctx: ValidationContext, fileHashes: ReadonlyMap<string, string>): Map<string, string> {
  const common = createHash('sha256').update(`validate\0${ctx.model.root}\0${fileHashes.get(`${ctx.prefix}federation.yaml`) ?? '-'}\0peers`);
  for (const p of ctx.peers) common.update(`\0${p.name}`);
  common.update('\0renames');
  for (const [from, to] of ctx.pendingRenames()) common.update(`\0${from}\0${to}`);
  return peerInputKeys(ctx.model, fileHashes, common.digest('base64'));
}
