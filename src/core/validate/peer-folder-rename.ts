import { dnsLabel } from '../intents/common-schema.js';
import type { PeerModel } from '../model/federation-model.js';

export function isDnsLabel(name: string): boolean {
  return dnsLabel.safeParse(name).success;
}

/**
 * What a peer folder whose name is not a DNS-1123 label should be renamed to: its Peer's metadata.name when that
 * is a label (a peer's name is its folder name, so both then agree), otherwise the folder name made into one
 * (`Tyo-Lab` -> `tyo-lab`). Undefined when the folder name is fine, or the candidate is taken by another folder.
 */
export function peerFolderRename(peer: PeerModel, folders: ReadonlySet<string>): string | undefined {
  if (isDnsLabel(peer.name)) return undefined;
  const declared = peer.peer?.value.metadata.name;
  const candidate = declared !== undefined && isDnsLabel(declared) ? declared : asDnsLabel(peer.name);
  return candidate !== undefined && !folders.has(candidate) ? candidate : undefined;
}

/** `Tyo_Lab.2` -> `tyo-lab-2`; undefined when nothing of the name is left. */
function asDnsLabel(name: string): string | undefined {
  const label = name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-+/, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  return label === '' ? undefined : label;
}
