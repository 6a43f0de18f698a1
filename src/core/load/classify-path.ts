/** Where a file sits in the federation tree, and so what it may hold. */
export type FileRole =
  /** Outside the federation root: not meshfed's business. */
  | { readonly role: 'outside' }
  /** Inside the root but not YAML (README.md, images...): ignored. */
  | { readonly role: 'other'; readonly peer: string | undefined }
  /** `<root>/federation.yaml`. */
  | { readonly role: 'federation' }
  /** `<root>/peers/<peer>/<file>.yaml|yml`; `peerFile` for `peer.yaml`. */
  | { readonly role: 'peer'; readonly peer: string; readonly peerFile: boolean }
  /** A YAML file where intents may not live. */
  | { readonly role: 'misplaced'; readonly peer: string | undefined; readonly hint: string };

/** Normalises a federation root: no leading `./`, no trailing `/`; `.` and `` mean the repository root. */
export function normalizeRoot(root: string): string {
  let r = root.trim().replace(/\\/g, '/');
  while (r.startsWith('./')) r = r.slice(2);
  r = r.replace(/\/+$/, '');
  return r === '.' ? '' : r;
}

export function isYamlPath(path: string): boolean {
  const lower = path.toLowerCase();
  return lower.endsWith('.yaml') || lower.endsWith('.yml');
}

export function classifyPath(path: string, root: string): FileRole {
  const prefix = root === '' ? '' : `${root}/`;
  if (!path.startsWith(prefix)) return { role: 'outside' };
  const rel = path.slice(prefix.length);
  const parts = rel.split('/');
  const peer = parts[0] === 'peers' && parts.length >= 3 ? parts[1] : undefined;
  if (!isYamlPath(path)) return { role: 'other', peer };
  const base = parts[parts.length - 1] ?? '';
  const peersDir = `${prefix}peers/`;
  if (parts.length === 1) {
    if (rel === 'federation.yaml') return { role: 'federation' };
    const hint =
      base.toLowerCase() === 'federation.yml' || base.toLowerCase() === 'federation.yaml'
        ? `rename it to ${prefix}federation.yaml`
        : `intents live in ${prefix}federation.yaml (the Federation) and ${peersDir}<peer>/*.yaml (everything else)`;
    return { role: 'misplaced', peer: undefined, hint };
  }
  if (parts[0] === 'peers' && parts.length === 3 && peer !== undefined) {
    return { role: 'peer', peer, peerFile: base === 'peer.yaml' };
  }
  if (parts[0] === 'peers' && parts.length === 2) {
    return { role: 'misplaced', peer: undefined, hint: `move it into a peer folder, ${peersDir}<peer>/${base}` };
  }
  if (peer !== undefined) {
    return { role: 'misplaced', peer, hint: `move it up to ${peersDir}${peer}/${base}: meshfed reads no sub-folders of a peer folder` };
  }
  return {
    role: 'misplaced',
    peer: undefined,
    hint: `intents live in ${prefix}federation.yaml (the Federation) and ${peersDir}<peer>/*.yaml (everything else); move the file or give it another extension`,
  };
}
