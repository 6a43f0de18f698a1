import { z } from 'zod';
import { dnsLabel, dnsSubdomain, duration, intentEnvelope, portNumber, portProtocol, positiveInt, problem } from './common-schema.js';

export const serviceRef = z.strictObject({
  name: dnsLabel.meta({ description: 'Kubernetes Service name.' }),
  namespace: dnsLabel.meta({ description: 'Kubernetes namespace; must be one of the peer\'s namespaces.' }),
});

export const exportPort = z.strictObject({
  name: dnsLabel.meta({ description: 'Port name, as on the Kubernetes Service.' }),
  number: portNumber.meta({ description: 'Service port number.' }),
  protocol: portProtocol,
});

export const workloadIdentity = z.strictObject({
  namespace: dnsLabel,
  serviceAccount: dnsSubdomain.meta({ description: 'Kubernetes ServiceAccount name of the calling workload.' }),
});

export const consumer = z.strictObject({
  peer: dnsLabel.meta({ description: 'A peer allowed to import this export.' }),
  serviceAccounts: z
    .array(workloadIdentity)
    .min(1, { error: problem('serviceAccounts is empty', 'list at least one {namespace, serviceAccount}, or leave the field out to admit every workload in the consumer\'s namespaces') })
    .optional()
    .meta({ description: 'Workloads of that peer admitted by the AuthorizationPolicy. Default: every workload in the consumer peer\'s namespaces.' }),
});

export const inboundCap = z.strictObject({
  maxConnections: positiveInt.meta({ description: 'Most concurrent connections all other peers together may hold to this service through the east-west gateway.' }),
  connectTimeout: duration.optional().meta({ description: 'TCP connect timeout from the east-west gateway to the service.' }),
});

export const serviceExportSpec = z.strictObject({
  service: serviceRef,
  ports: z
    .array(exportPort)
    .min(1, { error: problem('an export needs at least one port', 'list the ports to offer, e.g. [{name: http, number: 8080, protocol: HTTP}]') })
    .meta({ description: 'The Service ports offered to consumers.' }),
  serviceAccounts: z
    .array(dnsSubdomain)
    .min(1, { error: problem('an export needs the service\'s service accounts', 'list the ServiceAccount names the service runs as, so consumers can verify its identity') })
    .meta({ description: 'ServiceAccounts the exported service runs as; consumers pin these identities.' }),
  consumers: z
    .array(consumer)
    .min(1, { error: problem('an export needs at least one consumer', 'list the peers allowed to import it, e.g. [{peer: beta}]') })
    .meta({ description: 'The peers allowed to import this export: the provider\'s consent.' }),
  inbound: inboundCap.optional().meta({ description: 'The provider\'s own cap on all cross-peer demand for this service.' }),
});

export const serviceExportIntent = intentEnvelope('ServiceExport', serviceExportSpec, 'A provider offers one of its services to named peers.');

export type ServiceExportIntent = z.infer<typeof serviceExportIntent>;
