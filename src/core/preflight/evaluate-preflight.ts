import type { LiveObject } from '../apply/live-object.js';
import { carriesOwnershipLabels } from '../apply/peer-scope.js';
import { opensslFingerprint } from '../mesh/fingerprint.js';
import { parseIstioMeshConfig, trustDomainsForValidation, type IstioMeshConfig } from '../mesh/istio-mesh-config.js';
import { caCertificatesEntry } from '../mesh/mesh-config-fragment.js';
import {
  MESH_CONFIG_KEY,
  meshConfigMapName,
  ROOT_CERT_CONFIGMAP,
  ROOT_CERT_KEY,
  type MeshRequirements,
} from '../mesh/mesh-requirements.js';
import { parsePemBundle } from '../mesh/root-certificate.js';
import { emitYamlDocument } from '../render/output/yaml-emitter.js';
import type { RenderedObject } from '../render/rendered-object.js';
import { hostConflicts, type HostConflict } from './host-conflicts.js';
import type { PreflightProblem, PreflightReport } from './preflight-report.js';

/** A ConfigMap as read: absent (404), or its `data`. */
export type ConfigMapRead = { readonly found: false } | { readonly found: true; readonly data: Readonly<Record<string, string>> };

export interface PreflightInput {
  readonly requirements: MeshRequirements;
  readonly meshConfigMap: ConfigMapRead;
  readonly rootCertConfigMap: ConfigMapRead;
  readonly desired: readonly RenderedObject[];
  /** Every DestinationRule and VirtualService in the namespaces read (the peer's and Istio's), whoever wrote them. */
  readonly routing: readonly LiveObject[];
  /** The namespaces `routing` was listed in, sorted. */
  readonly routingNamespaces: readonly string[];
}

const MIGRATION_DOC = 'https://istio.io/latest/docs/tasks/security/authorization/authz-td-migration/';
const PLUGIN_CA_DOC = 'https://istio.io/latest/docs/tasks/security/cert-management/plugin-ca-cert/';

/**
 * The preflight, pure: the cluster's mesh config and root certificate as istiod reads them, and the routing
 * objects meshfed's would compete with, judged against what the federation needs of this peer. Problems refuse the
 * apply (each says what, where and how to fix it); warnings do not.
 */
export function evaluatePreflight(input: PreflightInput): PreflightReport {
  const req = input.requirements;
  const ns = req.istio.namespace;
  const meshName = meshConfigMapName(req.istio.revision);
  const meshAt = `ConfigMap ${ns}/${meshName} (key ${MESH_CONFIG_KEY})`;
  const rootAt = `ConfigMap ${ns}/${ROOT_CERT_CONFIGMAP} (key ${ROOT_CERT_KEY})`;
  const problems: PreflightProblem[] = [];
  const warnings: string[] = [];

  let mesh: IstioMeshConfig | undefined;
  if (!input.meshConfigMap.found) {
    problems.push({
      code: 'preflight/mesh-config-missing',
      message:
        `${meshAt} does not exist. istiod reads its mesh config from it (istio/istio pilot/pkg/bootstrap/mesh.go, getMeshConfigMapName), ` +
        'so meshfed cannot tell which trust domains this cluster accepts',
      fix:
        `install Istio in namespace ${ns} with what \`meshfed mesh-config --peer ${req.peer}\` prints; if istiod runs in another namespace ` +
        `or as a revision, set spec.istio.namespace or spec.istio.revision in ${req.peer}'s peer.yaml`,
    });
  } else {
    const parsed = parseIstioMeshConfig(input.meshConfigMap.data[MESH_CONFIG_KEY]);
    if (!parsed.ok) {
      problems.push({
        code: 'preflight/mesh-config-unreadable',
        message: `the mesh config in ${meshAt} cannot be read: ${parsed.error}; istiod cannot read it either`,
        fix: `correct data.${MESH_CONFIG_KEY} (kubectl -n ${ns} edit configmap ${meshName}), or reinstall Istio with what \`meshfed mesh-config --peer ${req.peer}\` prints`,
      });
    } else {
      mesh = parsed.config;
      problems.push(...trustProblems(req, mesh, meshAt));
      if (mesh.meshId !== req.meshID) {
        warnings.push(
          `${meshAt}: meshConfig.defaultConfig.meshId is ${mesh.meshId === undefined ? `not set (Istio then uses the trust domain "${mesh.trustDomain}")` : `"${mesh.meshId}"`}, ` +
            `the federation's meshID is "${req.meshID}": peers will report different mesh IDs in telemetry; set values.global.meshID: ${req.meshID}`,
        );
      }
    }
  }

  const root = rootProblems(req, input.rootCertConfigMap, rootAt);
  problems.push(...root.problems);
  warnings.push(...root.warnings);

  const own = new Map<string, LiveObject>();
  const foreign: LiveObject[] = [];
  for (const o of input.routing) {
    if (carriesOwnershipLabels(o.metadata.labels, req.peer)) own.set(`${o.kind} ${o.metadata.namespace}/${o.metadata.name}`, o);
    else foreign.push(o);
  }
  for (const c of hostConflicts(input.desired, own, foreign, mesh?.rootNamespace ?? ns)) problems.push(conflictProblem(c));

  return {
    peer: req.peer,
    status: problems.length > 0 ? 'refused' : 'passed',
    problems,
    warnings,
    checked: [meshAt, rootAt, `DestinationRules and VirtualServices in namespace(s) ${input.routingNamespaces.join(', ')}`],
  };
}

function trustProblems(req: MeshRequirements, mesh: IstioMeshConfig, meshAt: string): PreflightProblem[] {
  const problems: PreflightProblem[] = [];
  if (mesh.trustDomain !== req.trustDomain) {
    problems.push({
      code: 'preflight/trust-domain-mismatch',
      message:
        `the cluster's trust domain is "${mesh.trustDomain}" (meshConfig.trustDomain in ${meshAt}), but ${req.peer}'s peer.yaml says ` +
        `"${req.trustDomain}": consumers pin spiffe://${req.trustDomain}/... identities and providers admit ${req.trustDomain}/ns/... principals, ` +
        'so every cross-peer flow of this peer would be refused',
      fix:
        `set meshConfig.trustDomain to ${req.trustDomain} in this cluster's Istio installation (a running mesh changes trust domain with a migration: ${MIGRATION_DOC}), ` +
        `or, if the cluster is right, set trustDomain: ${mesh.trustDomain} in ${req.peer}'s peer.yaml`,
      fragment: emitYamlDocument({ meshConfig: { trustDomain: req.trustDomain } }),
    });
  }
  const accepted = trustDomainsForValidation(mesh);
  const missing = req.acceptedTrustDomains.filter((a) => !accepted.includes(a.trustDomain));
  if (missing.length > 0) {
    problems.push({
      code: 'preflight/consumer-trust-domain-rejected',
      message:
        `the cluster would reject the client certificates of ${missing.map((a) => `${a.trustDomain} (peer ${a.peers.join(', ')}, consumer of ${a.exports.join(', ')})`).join('; ')}: ` +
        `an inbound mTLS handshake accepts only the trust domains ${accepted.join(', ') || '(none)'} ` +
        `(meshConfig trustDomain, trustDomainAliases and caCertificates[].trustDomains in ${meshAt}; istio/istio pilot/pkg/networking/plugin/authn/util.go, TrustDomainsForValidation)`,
      fix:
        'add this entry to caCertificates in the cluster\'s mesh config (IstioOperator spec.meshConfig, or meshConfig of the istiod Helm chart) and keep the entries already there: ' +
        `a list in meshConfig replaces the one before it. \`meshfed mesh-config --peer ${req.peer}\` prints the whole fragment. Not trustDomainAliases: ` +
        `aliases would let these domains pass as ${req.trustDomain} in AuthorizationPolicy`,
      fragment: emitYamlDocument({ meshConfig: { caCertificates: [caCertificatesEntry(missing.map((a) => a.trustDomain))] } }),
    });
  }
  for (const alias of mesh.trustDomainAliases) {
    const peer = req.federationTrustDomains.find((p) => p.trustDomain === alias);
    if (peer === undefined) continue;
    problems.push({
      code: 'preflight/trust-domain-alias',
      message:
        `meshConfig.trustDomainAliases in ${meshAt} lists ${alias}, the trust domain of peer ${peer.peer}: Istio rewrites every AuthorizationPolicy ` +
        `principal of ${mesh.trustDomain} into each alias (istio/istio pilot/pkg/security/trustdomain/bundle.go, ReplaceTrustDomainAliases), ` +
        `so a rule admitting ${mesh.trustDomain}/* also admits every workload of peer ${peer.peer}`,
      fix:
        `remove ${alias} from trustDomainAliases${req.acceptedTrustDomains.some((a) => a.trustDomain === alias) ? ' and list it under caCertificates[].trustDomains, which passes the mTLS check without that rewrite' : ''}`,
    });
  }
  return problems;
}

function rootProblems(req: MeshRequirements, cm: ConfigMapRead, rootAt: string): { problems: PreflightProblem[]; warnings: string[] } {
  const ns = req.istio.namespace;
  const intermediate =
    `an intermediate CA signed by the shared root (Istio's plug-in CA: Secret cacerts in ${ns} with root-cert.pem = the shared root, ` +
    `ca-cert.pem, ca-key.pem and cert-chain.pem, then restart istiod; ${PLUGIN_CA_DOC})`;
  const installRoot = `give istiod in ${ns} ${intermediate}`;
  const text = cm.found ? cm.data[ROOT_CERT_KEY] : undefined;
  if (text === undefined) {
    return {
      problems: [
        {
          code: 'preflight/root-cert-missing',
          message: `${rootAt} ${cm.found ? 'has no root-cert.pem' : 'does not exist'}: istiod publishes its root certificate there (istio/istio pilot/pkg/serviceregistry/kube/controller/namespacecontroller.go), so meshfed cannot check that this cluster uses the federation's root CA`,
          fix: `run istiod in namespace ${ns} (or set spec.istio.namespace in ${req.peer}'s peer.yaml to where it runs), with ${intermediate}`,
        },
      ],
      warnings: [],
    };
  }
  const bundle = parsePemBundle(text);
  if (!bundle.ok) {
    return {
      problems: [{ code: 'preflight/root-cert-unreadable', message: `${rootAt} cannot be read: ${bundle.error}`, fix: `restart istiod in ${ns} so that it publishes its root again; its CA must be ${intermediate}` }],
      warnings: [],
    };
  }
  const expected = req.rootFingerprint;
  const describe = (c: { fingerprint: string; subject: string }) => `${opensslFingerprint(c.fingerprint)} (${c.subject})`;
  if (expected === undefined || !bundle.certificates.some((c) => c.fingerprint === expected)) {
    return {
      problems: [
        {
          code: 'preflight/root-ca-mismatch',
          message:
            `istiod's root CA is not the federation's: ${rootAt} holds ${bundle.certificates.map(describe).join('; ')}, while rootCA.fingerprint in federation.yaml is ` +
            `${expected === undefined ? '(not set)' : opensslFingerprint(expected)}. This cluster's workload certificates would not chain to the root the other peers trust, so every cross-peer mTLS handshake would fail`,
          fix: `${installRoot}; or, if the federation's fingerprint is the wrong one, correct rootCA.fingerprint in federation.yaml (every peer must approve)`,
        },
      ],
      warnings: [],
    };
  }
  const others = bundle.certificates.filter((c) => c.fingerprint !== expected);
  return {
    problems: [],
    warnings:
      others.length === 0
        ? []
        : [
            `${rootAt} also holds ${others.length} other root certificate(s): ${others.map(describe).join('; ')}. Workloads they certify pass this cluster's mTLS check too ` +
              '(meshfed\'s AuthorizationPolicies still admit only the consumers\' principals); remove them once a root rotation is over',
          ],
  };
}

function conflictProblem(c: HostConflict): PreflightProblem {
  const winner = c.winner === 'foreign' ? c.foreign : c.meshfed;
  const effect =
    c.winner === 'foreign'
      ? c.kind === 'DestinationRule'
        ? `meshfed's traffic policy for ${c.host} (limits, outlier detection, failover, load balancer, TLS/SNI, subsets) would not apply to them`
        : `meshfed's routes for ${c.host} would not apply to them`
      : `what ${c.foreign} sets for ${c.host} would be silently ignored`;
  const [namespace, name] = c.foreign.split('/');
  return {
    code: c.kind === 'DestinationRule' ? 'preflight/foreign-destination-rule' : 'preflight/foreign-virtual-service',
    message:
      `${c.kind} ${c.foreign} (not written by meshfed) configures host ${c.host}, as meshfed's ${c.kind} ${c.meshfed} does. ${capitalise(c.rule)}. ` +
      `For ${c.callers}, ${winner} would win: ${c.because}; ${effect}`,
    fix:
      `move what ${c.foreign} sets into the intents and delete it (kubectl -n ${namespace} delete ${c.kind.toLowerCase()} ${name}), or narrow it so it no longer ` +
      'applies to the same callers (exportTo, workloadSelector or another host); to apply anyway, accepting the outcome above, run once with --skip-preflight',
  };
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
