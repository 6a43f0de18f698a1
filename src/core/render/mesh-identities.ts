import type { PeerIntent } from '../intents/peer-schema.js';

/**
 * Host names, SNI values and workload identities as Istio spells them. See docs/istio.md for sources.
 */

/** Kubernetes cluster domain. Istio names a Kubernetes Service `<name>.<namespace>.svc.<domain>`. */
export const CLUSTER_DOMAIN = 'cluster.local';

/** Suffix of the hosts meshfed invents for a peer's service in the consumer's registry (never resolved by DNS). */
export const REMOTE_HOST_SUFFIX = 'meshfed.internal';

export function serviceFqdn(name: string, namespace: string): string {
  return `${name}.${namespace}.svc.${CLUSTER_DOMAIN}`;
}

/**
 * The SNI a sidecar sends with ISTIO_MUTUAL to port `port` of `host` (Istio's cluster name with "_" separators,
 * `outbound_.<port>_.<subset>_.<host>`); an AUTO_PASSTHROUGH gateway routes on exactly this value.
 */
export function istioMutualSni(port: number, host: string): string {
  return `outbound_.${port}_._.${host}`;
}

/** AuthorizationPolicy principal: `<trust domain>/ns/<namespace>/sa/<service account>` (`*` allowed as the account). */
export function principal(trustDomain: string, namespace: string, serviceAccount: string): string {
  return `${trustDomain}/ns/${namespace}/sa/${serviceAccount}`;
}

/** SPIFFE URI SAN of a workload certificate: `spiffe://<trust domain>/ns/<namespace>/sa/<service account>`. */
export function spiffeId(trustDomain: string, namespace: string, serviceAccount: string): string {
  return `spiffe://${principal(trustDomain, namespace, serviceAccount)}`;
}

/** Istio locality string `region[/zone]`. */
export function localityOf(peer: PeerIntent): string {
  const { region, zone } = peer.spec.locality;
  return zone === undefined || zone === '' ? region : `${region}/${zone}`;
}

const IPV4 = /^(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}$/;

/**
 * True for an IPv4 or IPv6 literal. Envoy endpoints delivered by EDS must be IP addresses (envoyproxy/envoy#4290),
 * so only an IP-addressed gateway can join the endpoints of a Kubernetes Service.
 */
export function isIpLiteral(address: string): boolean {
  if (IPV4.test(address)) return true;
  if (!address.includes(':') || !/^[0-9A-Fa-f:.]+$/.test(address)) return false;
  const doubleColons = address.split('::').length - 1;
  if (doubleColons > 1) return false;
  const groups = address.split(':').filter((g) => g !== '');
  const last = groups[groups.length - 1] ?? '';
  const v4Tail = last.includes('.');
  if (v4Tail && !IPV4.test(last)) return false;
  const hexGroups = v4Tail ? groups.slice(0, -1) : groups;
  if (!hexGroups.every((g) => /^[0-9A-Fa-f]{1,4}$/.test(g))) return false;
  const count = hexGroups.length + (v4Tail ? 2 : 0);
  return doubleColons === 1 ? count < 8 : count === 8;
}
