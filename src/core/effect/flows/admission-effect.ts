import type { PeerIntent } from '../../intents/peer-schema.js';
import type { ServiceExportIntent } from '../../intents/service-export-schema.js';
import { evaluateAuthorization, type AuthorizationRequest } from '../authorization/evaluate-authorization.js';
import type { MeshView } from '../istio-config.js';
import type { AdmissionCheck, AdmissionEffect } from './flow-effect.js';

/**
 * Who the provider's sidecars admit for one flow and port: every identity the export lists for the consumer on
 * the port's SNI (each must be allowed), and probes that must be denied: an identity of the consumer's trust
 * domain the export does not list, a third trust domain, and a consumer identity on an SNI meshfed never exports.
 * Decided by `evaluateAuthorization` over every AuthorizationPolicy in the provider's cluster view.
 */

const HTTP = new Set(['HTTP', 'HTTP2', 'GRPC']);

/** A concrete identity standing for a listed one (`sa/*` admits any account: take one). */
function instance(pattern: string): string {
  return pattern.endsWith('/sa/*') ? `${pattern.slice(0, -1)}any-account` : pattern;
}

export function consumerIdentities(exp: ServiceExportIntent, consumerName: string, consumer: PeerIntent): string[] {
  const entry = exp.spec.consumers.find((c) => c.peer === consumerName);
  if (entry === undefined) return [];
  const td = consumer.spec.trustDomain;
  if (entry.serviceAccounts !== undefined && entry.serviceAccounts.length > 0) {
    return entry.serviceAccounts.map((sa) => `${td}/ns/${sa.namespace}/sa/${sa.serviceAccount}`);
  }
  return consumer.spec.namespaces.map((ns) => `${td}/ns/${ns}/sa/*`);
}

function unlistedIdentity(exp: ServiceExportIntent, consumerName: string, consumer: PeerIntent): string {
  const entry = exp.spec.consumers.find((c) => c.peer === consumerName);
  const td = consumer.spec.trustDomain;
  if (entry?.serviceAccounts !== undefined && entry.serviceAccounts.length > 0) {
    const ns = entry.serviceAccounts[0]?.namespace ?? 'default';
    return `${td}/ns/${ns}/sa/meshfed-probe-unlisted`;
  }
  return `${td}/ns/meshfed-probe-unlisted/sa/default`;
}

export function admissionEffect(
  provider: MeshView,
  providerPeer: PeerIntent,
  exp: ServiceExportIntent,
  consumerName: string,
  consumer: PeerIntent,
  port: { readonly number: number; readonly protocol: string },
  sni: string,
): AdmissionEffect {
  const namespace = exp.spec.service.namespace;
  const td = { trustDomain: providerPeer.spec.trustDomain };
  const check = (principal: string, s: string): AdmissionCheck => {
    const req: AuthorizationRequest = {
      workloadNamespace: namespace,
      principal: instance(principal),
      sni: s,
      port: port.number,
      protocol: HTTP.has(port.protocol) ? 'http' : 'tcp',
      ...(HTTP.has(port.protocol) ? { http: { method: 'GET', path: '/' } } : {}),
    };
    const d = evaluateAuthorization(provider, req, td);
    return { principal: instance(principal), identity: principal, sni: s, allowed: d.allowed, reason: d.reason };
  };
  const identities = consumerIdentities(exp, consumerName, consumer);
  const exportedPorts = new Set(exp.spec.ports.map((p) => p.number));
  let otherPort = 1;
  while (exportedPorts.has(otherPort)) otherPort++;
  const host = `${exp.spec.service.name}.${namespace}.svc.cluster.local`;
  const others: AdmissionCheck[] = [check(unlistedIdentity(exp, consumerName, consumer), sni), check('meshfed-probe.invalid/ns/default/sa/default', sni)];
  const first = identities[0];
  if (first !== undefined) {
    others.push(check(first, `outbound_.${otherPort}_._.${host}`));
    others.push(check(first, `outbound_.${port.number}_._.meshfed-probe-unexported.${namespace}.svc.cluster.local`));
  }
  return { namespace, consumers: identities.map((p) => check(p, sni)), others };
}
