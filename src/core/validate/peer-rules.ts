import type { PeerModel } from '../model/federation-model.js';
import { isDnsLabel } from './peer-folder-rename.js';
import type { ValidationContext } from './validation-context.js';

/** Oldest Istio meshfed renders for: networking.istio.io/v1 and security.istio.io/v1 are served from 1.22. */
export const MIN_ISTIO_MINOR = 22;
const RESERVED_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease']);

/**
 * One Peer per folder, named after it; namespaces listed once and not Kubernetes' own; a supported Istio;
 * a trust domain of its own.
 */
export function checkPeers(ctx: ValidationContext, p: PeerModel): void {
  const folder = `${ctx.prefix}peers/${p.name}`;
  const folderValid = isDnsLabel(p.name);
  if (!folderValid) {
    const first = p.files[0] ?? `${folder}/peer.yaml`;
    const rename = ctx.folderRename(p.name);
    ctx.atPosition(
      first,
      { line: 1, col: 1 },
      'peer/folder-name-invalid',
      `peer folder "${p.name}" is not a DNS-1123 label, and a peer's name is its folder's name`,
      `${rename ? `rename the folder to ${ctx.prefix}peers/${rename}` : 'rename the folder'}: a DNS-1123 label is lowercase letters, digits and "-", ` +
        'at most 63 characters; the Peer\'s metadata.name must equal it, and it names the peer in rendered objects',
    );
  }
  if (p.name.endsWith('-drift')) {
    ctx.atPosition(
      p.files[0] ?? `${folder}/peer.yaml`,
      { line: 1, col: 1 },
      'peer/name-reserved',
      `peer name "${p.name}" ends in "-drift", so its GitHub environment meshfed-${p.name} would be the drift environment of peer "${p.name.slice(0, -'-drift'.length)}"`,
      'choose a name that does not end in "-drift" (workflows/meshfed-drift.yml uses meshfed-<peer>-drift for read-only credentials)',
    );
  }
  const intent = p.peer;
  if (!intent) {
    // A Peer that failed to load, or a peer.yaml that could not be parsed, was reported by the loader.
    if (ctx.mayBeRejected(p.name, 'Peer', undefined, (f) => f.endsWith('/peer.yaml'))) return;
    const peerFile = `${folder}/peer.yaml`;
    ctx.atPosition(
      p.files.includes(peerFile) ? peerFile : (p.files.find((f) => /\.ya?ml$/i.test(f)) ?? peerFile),
      { line: 1, col: 1 },
      'peer/missing',
      `peer folder "${p.name}" has no Peer intent`,
      `add ${peerFile} with kind: Peer and metadata.name: ${p.name}`,
    );
    return;
  }
  const spec = intent.value.spec;
  // With an invalid folder name, peer/folder-name-invalid already says to rename the folder (to metadata.name).
  if (folderValid && intent.value.metadata.name !== p.name) {
    ctx.at(
      intent,
      ['metadata', 'name'],
      'peer/name-mismatch',
      `Peer is named "${intent.value.metadata.name}" but its folder is "${p.name}"`,
      `set metadata.name: ${p.name}, or rename the folder: a peer's name is its folder name`,
    );
  }
  const seen = new Map<string, number>();
  spec.namespaces.forEach((ns, i) => {
    if (seen.has(ns)) {
      ctx.at(intent, ['spec', 'namespaces', i], 'peer/namespace-duplicate', `namespace "${ns}" is listed twice`, 'list each namespace once', 'warning');
    } else seen.set(ns, i);
    if (RESERVED_NAMESPACES.has(ns)) {
      ctx.at(
        intent,
        ['spec', 'namespaces', i],
        'peer/namespace-reserved',
        `namespace "${ns}" belongs to Kubernetes itself`,
        'list the namespaces of your applications; meshfed never needs to write to Kubernetes system namespaces',
        'warning',
      );
    }
  });
  for (const [field, ns] of [['eastWest', spec.eastWest.namespace], ['ingress', spec.ingress.namespace]] as const) {
    if (!RESERVED_NAMESPACES.has(ns)) continue;
    ctx.at(
      intent,
      ['spec', field, 'namespace'],
      'peer/gateway-namespace-reserved',
      `${field}.namespace "${ns}" belongs to Kubernetes itself, and meshfed writes gateway objects (and its inventory) there`,
      'run the gateway in its own namespace (Istio installs it in istio-system) and name that namespace here',
      'warning',
    );
  }
  const version = /^1\.([0-9]+)/.exec(spec.istio.version);
  if (version && Number(version[1]) < MIN_ISTIO_MINOR) {
    ctx.at(
      intent,
      ['spec', 'istio', 'version'],
      'peer/istio-version-unsupported',
      `Istio ${spec.istio.version} is not supported`,
      `upgrade this peer to Istio 1.${MIN_ISTIO_MINOR} or later: meshfed renders networking.istio.io/v1 and security.istio.io/v1, served since 1.${MIN_ISTIO_MINOR}`,
    );
  }
  if (spec.trustDomain === 'cluster.local') {
    ctx.at(
      intent,
      ['spec', 'trustDomain'],
      'peer/trust-domain-default',
      'trustDomain "cluster.local" is Istio\'s default, not an identity of this peer',
      'give each peer its own trust domain, set as meshConfig.trustDomain, e.g. the peer\'s DNS domain such as "alpha.example.org"',
      'warning',
    );
  }
}
