import { z } from 'zod';
import { dnsLabel, dnsSubdomain, intentEnvelope, labelMap, matching, portNumber, problem } from './common-schema.js';

export const peerSpec = z.strictObject({
  owners: z
    .array(
      z.string().meta({ description: 'A GitHub user "@login" or team "@org/team-slug".' }),
      { error: problem('owners must be a list', 'list GitHub users or teams, e.g. ["@alice", "@acme/mesh-admins"]') },
    )
    .min(1, { error: problem('a peer needs at least one owner', 'add a GitHub user or team, e.g. "@acme/mesh-admins"') })
    .meta({ description: 'GitHub users and teams whose approval a change to this peer needs (quote them: "@" cannot start a plain YAML value).' }),
  trustDomain: dnsSubdomain.meta({ description: 'This peer\'s SPIFFE trust domain (meshConfig.trustDomain), e.g. "alpha.example.org".' }),
  network: dnsLabel.meta({ description: 'This cluster\'s Istio network name (topology.istio.io/network).' }),
  clusterID: dnsLabel.meta({ description: 'This cluster\'s Istio cluster ID (values.global.multiCluster.clusterName).' }),
  locality: z.strictObject({
    region: matching(z.string().min(1), /^[^/\s]+$/, 'region contains "/" or spaces', 'use the region label of your nodes, e.g. "eu-west1"')
      .meta({ description: 'Region of the cluster\'s nodes (topology.kubernetes.io/region); used for locality-aware load balancing.' }),
    zone: matching(z.string().min(1), /^[^/\s]+$/, 'zone contains "/" or spaces', 'use the zone label of your nodes, e.g. "eu-west1-b"').optional()
      .meta({ description: 'Zone of the cluster\'s nodes (topology.kubernetes.io/zone).' }),
  }),
  eastWest: z.strictObject({
    address: z.string().min(1).meta({ description: 'IP address or DNS name of this peer\'s east-west gateway, reachable from every other peer.' }),
    port: portNumber.default(15443).meta({ description: 'The gateway\'s mTLS passthrough port; 15443 in every standard Istio install.' }),
    namespace: dnsLabel.default('istio-system').meta({ description: 'Namespace of the east-west gateway deployment.' }),
    selector: labelMap.default({ istio: 'eastwestgateway' }).meta({ description: 'Labels selecting the east-west gateway pods.' }),
  }),
  ingress: z
    .strictObject({
      namespace: dnsLabel.default('istio-system').meta({ description: 'Namespace of the ingress gateway deployment (and of its TLS secrets).' }),
      selector: labelMap.default({ istio: 'ingressgateway' }).meta({ description: 'Labels selecting the ingress gateway pods.' }),
    })
    .default({ namespace: 'istio-system', selector: { istio: 'ingressgateway' } }),
  istio: z.strictObject({
    version: matching(
      z.string(),
      /^1\.[0-9]{1,3}(\.[0-9]{1,3})?$/,
      'not an Istio version',
      'write the control plane version as "1.MINOR" or "1.MINOR.PATCH", e.g. "1.30.3"',
    ).meta({ description: 'Version of this peer\'s Istio control plane; decides which API versions are rendered.' }),
    namespace: dnsLabel
      .default('istio-system')
      .meta({ description: 'Namespace of this peer\'s istiod: where the runner\'s preflight reads the mesh config (ConfigMap istio or istio-<revision>) and the root certificate (ConfigMap istio-ca-root-cert).' }),
    revision: dnsLabel
      .optional()
      .meta({ description: 'The istiod revision whose mesh config applies (ConfigMap istio-<revision>); leave it out for the default revision.' }),
  }),
  namespaces: z
    .array(dnsLabel)
    .min(1, { error: problem('a peer needs at least one namespace', 'list the namespaces meshfed may write to, e.g. ["demo"]') })
    .meta({ description: 'The only namespaces (besides the gateway namespaces) where meshfed writes objects in this cluster.' }),
});

export const peerIntent = intentEnvelope('Peer', peerSpec, 'Identity of one cluster, in federation/peers/<peer>/peer.yaml.');

export type PeerIntent = z.infer<typeof peerIntent>;
