import { emitYamlDocument } from '../render/output/yaml-emitter.js';
import { opensslFingerprint } from './fingerprint.js';
import type { MeshRequirements } from './mesh-requirements.js';

export const MESH_CONFIG_FORMATS = ['istiooperator', 'helm'] as const;
export type MeshConfigFormat = (typeof MESH_CONFIG_FORMATS)[number];

/** The east-west gateway's name in Istio's multi-network samples (samples/multicluster/gen-eastwest-gateway.sh). */
export const EAST_WEST_GATEWAY_NAME = 'istio-eastwestgateway';
/** The port every Istio proxy listens on for AUTO_PASSTHROUGH mTLS (the Service's targetPort). */
const PASSTHROUGH_TARGET_PORT = 15443;
const STATUS_PORT = 15021;

/**
 * meshConfig's `caCertificates` entry for the consumers' trust domains. istiod adds every
 * `caCertificates[].trustDomains` entry to the trust domains an inbound mTLS handshake accepts (istio/istio
 * pilot/pkg/networking/plugin/authn/util.go, TrustDomainsForValidation; since istio/istio#43536, Istio 1.18). Unlike
 * `trustDomainAliases` (pilot/pkg/security/trustdomain/bundle.go, ReplaceTrustDomainAliases), it does not make the
 * domains interchangeable in AuthorizationPolicy principals. `pem` is optional: the shared root already is istiod's
 * CA root; istiod merges `pem` entries into the workload trust bundle only with ISTIO_MULTIROOT_MESH
 * (pilot/pkg/trustbundle/trustbundle.go, AddMeshConfigUpdate). `certSigners` is left out: it only matters when
 * istiod acts as an RA for Kubernetes CSR signers (security/pkg/pki/ra/k8s_ra.go, SetCACertificatesFromMeshConfig).
 */
export function caCertificatesEntry(trustDomains: readonly string[], rootPem?: string): Record<string, unknown> {
  return { ...(rootPem === undefined ? {} : { pem: rootPem }), trustDomains: [...trustDomains] };
}

function meshConfig(req: MeshRequirements, rootPem: string | undefined): Record<string, unknown> {
  const domains = req.acceptedTrustDomains.map((a) => a.trustDomain);
  return {
    trustDomain: req.trustDomain,
    ...(domains.length > 0 ? { caCertificates: [caCertificatesEntry(domains, rootPem)] } : {}),
  };
}

function gatewayLabels(req: MeshRequirements): Record<string, string> {
  const labels: Record<string, string> = { app: EAST_WEST_GATEWAY_NAME, ...req.eastWest.selector, 'topology.istio.io/network': req.network };
  return Object.fromEntries(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function gatewayPorts(req: MeshRequirements): Record<string, unknown>[] {
  return [
    { name: 'status-port', port: STATUS_PORT, targetPort: STATUS_PORT },
    { name: 'tls', port: req.eastWest.port, targetPort: PASSTHROUGH_TARGET_PORT },
  ];
}

function header(req: MeshRequirements, format: MeshConfigFormat, rootPem: string | undefined): string[] {
  const accepted = req.acceptedTrustDomains;
  const callers =
    accepted.length === 0
      ? [`#   no other peer calls ${req.peer}: no caCertificates entry is needed (keep yours, if any).`]
      : accepted.map((a) => `#   - ${a.trustDomain}: peer ${a.peers.join(', ')}, consumer of ${a.exports.join(', ')}`);
  const where =
    format === 'istiooperator'
      ? `# Merge it into the IstioOperator you install ${req.peer}'s Istio with (istioctl install -f FILE).`
      : `# Values for the istiod chart${req.exports.length === 0 ? '' : ', then (after ---) for the gateway chart: the east-west gateway'}.`;
  return [
    `# meshfed mesh-config: peer ${req.peer} of federation ${req.federation} (meshID ${req.meshID})`,
    `# What ${req.peer}'s Istio installation must hold for the federation's flows to work; \`meshfed apply\``,
    '# checks the cluster against it before it writes anything (docs/runners.md, "The preflight").',
    where,
    '# A list in meshConfig replaces the one before it: keep your own caCertificates entries next to this one.',
    `# - meshConfig.trustDomain: ${req.peer}'s own trust domain; consumers pin spiffe://${req.trustDomain}/... .`,
    '# - meshConfig.caCertificates[].trustDomains: the peers whose workloads call this one (never',
    '#   trustDomainAliases: aliases make a domain interchangeable with your own in AuthorizationPolicy):',
    ...callers,
    `# - the shared root CA, SHA-256 ${req.rootFingerprint === undefined ? '(not set)' : opensslFingerprint(req.rootFingerprint)}, must be istiod's CA root`,
    `#   (plug-in CA: the cacerts Secret in ${req.istio.namespace});${rootPem === undefined ? ' pass --root-cert FILE to add it as caCertificates[].pem.' : ' it is also given as caCertificates[].pem.'}`,
    ...(req.exports.length === 0
      ? [`# - ${req.peer} exports nothing, so no east-west gateway is needed yet (add it with its first export).`]
      : [
          `# - the east-west gateway publishes port ${req.eastWest.port} (AUTO_PASSTHROUGH, at ${req.eastWest.address}); meshfed's Gateway objects`,
          '#   expose only exported hosts on it: do not apply samples/multicluster/expose-services.yaml (*.local).',
        ]),
  ];
}

/** The IstioOperator fragment (istioctl install). */
function istioOperator(req: MeshRequirements, rootPem: string | undefined): Record<string, unknown> {
  return {
    apiVersion: 'install.istio.io/v1alpha1',
    kind: 'IstioOperator',
    metadata: { name: `meshfed-${req.peer}`, namespace: req.istio.namespace },
    spec: {
      ...(req.istio.revision === undefined ? {} : { revision: req.istio.revision }),
      meshConfig: meshConfig(req, rootPem),
      values: {
        global: {
          ...(req.istio.namespace === 'istio-system' ? {} : { istioNamespace: req.istio.namespace }),
          meshID: req.meshID,
          multiCluster: { clusterName: req.clusterID },
          network: req.network,
        },
      },
      ...(req.exports.length === 0 ? {} : { components: { ingressGateways: [eastWestComponent(req)] } }),
    },
  };
}

function eastWestComponent(req: MeshRequirements): Record<string, unknown> {
  return {
    name: EAST_WEST_GATEWAY_NAME,
    namespace: req.eastWest.namespace,
    enabled: true,
    label: gatewayLabels(req),
    k8s: {
      // "traffic through this gateway should be routed inside the network" (gen-eastwest-gateway.sh)
      env: [{ name: 'ISTIO_META_REQUESTED_NETWORK_VIEW', value: req.network }],
      service: { ports: gatewayPorts(req) },
    },
  };
}

/**
 * Helm values: the istiod chart (istio/istiod) and the gateway chart (istio/gateway). The gateway's ports are
 * listed rather than set with the chart's `networkGateway`, which also publishes istiod's 15012 and 15017 for
 * remote clusters: meshfed's peers never reach another peer's istiod.
 */
function helmValues(req: MeshRequirements, rootPem: string | undefined): [Record<string, unknown>, Record<string, unknown>] {
  const istiod = {
    ...(req.istio.revision === undefined ? {} : { revision: req.istio.revision }),
    global: {
      ...(req.istio.namespace === 'istio-system' ? {} : { istioNamespace: req.istio.namespace }),
      meshID: req.meshID,
      multiCluster: { clusterName: req.clusterID },
      network: req.network,
    },
    meshConfig: meshConfig(req, rootPem),
  };
  const gateway = {
    ...(req.istio.revision === undefined ? {} : { revision: req.istio.revision }),
    labels: gatewayLabels(req),
    env: { ISTIO_META_REQUESTED_NETWORK_VIEW: req.network },
    service: { ports: gatewayPorts(req) },
  };
  return [istiod, gateway];
}

/**
 * `meshfed mesh-config`: the fragment as YAML text with explanatory comments. Deterministic: keys in a fixed
 * order, lists sorted, nothing from the clock or the environment. `rootPem` (the shared root's PEM, already
 * checked against the Federation's fingerprint by the caller) becomes `caCertificates[].pem`.
 */
export function formatMeshConfig(req: MeshRequirements, format: MeshConfigFormat, rootPem?: string): string {
  const lines = header(req, format, rootPem);
  const mark = rootPem === undefined ? undefined : PEM_MARK;
  if (format === 'istiooperator') return `${lines.join('\n')}\n${withPem(emitYamlDocument(istioOperator(req, mark)), rootPem)}`;
  const [istiod, gateway] = helmValues(req, mark);
  const rev = req.istio.revision === undefined ? '' : `-${req.istio.revision}`;
  const out = [
    ...lines,
    `# helm upgrade --install istiod${rev} istio/istiod -n ${req.istio.namespace} --reuse-values -f <this document>`,
    withPem(emitYamlDocument(istiod), rootPem).trimEnd(),
  ];
  if (req.exports.length > 0) {
    out.push('---', `# helm upgrade --install ${EAST_WEST_GATEWAY_NAME} istio/gateway -n ${req.eastWest.namespace} -f <this document>`, emitYamlDocument(gateway).trimEnd());
  }
  return `${out.join('\n')}\n`;
}

/** A token standing for the PEM while the document is emitted, replaced by a literal block afterwards. */
const PEM_MARK = 'meshfed-root-pem';

function withPem(yaml: string, rootPem: string | undefined): string {
  if (rootPem === undefined) return yaml;
  return yaml.replace(/^( *)(- )?pem: meshfed-root-pem\n/m, (_m, indent: string, dash: string | undefined) => {
    const inner = `${indent}${dash === undefined ? '' : '  '}  `;
    const body = rootPem.trim().split(/\r?\n/).map((l) => `${inner}${l.trim()}`).join('\n');
    return `${indent}${dash ?? ''}pem: |\n${body}\n`;
  });
}
