import { z } from 'zod';
import { dnsLabel, intentEnvelope, portNumber, problem } from './common-schema.js';
import { httpMatch } from './service-import-schema.js';

export const tlsVersion = z.enum(['TLS_AUTO', 'TLSV1_0', 'TLSV1_1', 'TLSV1_2', 'TLSV1_3'], {
  error: problem('unknown TLS version', 'use TLSV1_2 or TLSV1_3 (TLS_AUTO, TLSV1_0 and TLSV1_1 are accepted but discouraged)'),
});

export const edgeGatewaySpec = z.strictObject({
  hosts: z
    .array(z.string().regex(/^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+$/, {
      error: problem('not a host name', 'use a fully qualified lowercase name such as "echo.alpha.example.org" or "*.alpha.example.org"'),
    }))
    .min(1, { error: problem('an EdgeGateway needs at least one host', 'list the public host names it serves') }),
  port: portNumber.default(443).meta({ description: 'HTTPS port on the ingress gateway.' }),
  tls: z.strictObject({
    mode: z.enum(['SIMPLE', 'MUTUAL'], { error: problem('unknown TLS mode', 'use SIMPLE (server certificate) or MUTUAL (client certificates too)') }),
    credentialName: z.string().optional().meta({ description: 'Kubernetes Secret (in the ingress gateway namespace) holding the certificate and key.' }),
    minProtocolVersion: tlsVersion.optional(),
    maxProtocolVersion: tlsVersion.optional(),
    cipherSuites: z.array(z.string().regex(/^[A-Z0-9-_]+$/, { error: problem('not a cipher suite name', 'use OpenSSL-style names such as "ECDHE-RSA-AES256-GCM-SHA384"') })).min(1).optional(),
  }),
  httpsRedirect: z.boolean().default(true).meta({ description: 'Answer plain HTTP on port 80 with a redirect to HTTPS.' }),
  routes: z
    .array(z.strictObject({
      match: httpMatch.optional(),
      to: z.strictObject({ service: dnsLabel, namespace: dnsLabel, port: portNumber }),
    }))
    .min(1, { error: problem('an EdgeGateway needs at least one route', 'add e.g. {to: {service: echo, namespace: demo, port: 8080}}') }),
});

export const edgeGatewayIntent = intentEnvelope('EdgeGateway', edgeGatewaySpec, 'HTTPS ingress at the peer\'s edge.');

export type EdgeGatewayIntent = z.infer<typeof edgeGatewayIntent>;
