import { z } from 'zod';
import { dnsLabel, intentEnvelope, matching, portNumber, problem } from './common-schema.js';
import { httpMatch } from './service-import-schema.js';

export const tlsVersion = z.enum(['TLS_AUTO', 'TLSV1_0', 'TLSV1_1', 'TLSV1_2', 'TLSV1_3'], {
  error: problem('unknown TLS version', 'use TLSV1_2 or TLSV1_3 (TLS_AUTO, TLSV1_0 and TLSV1_1 are accepted but discouraged)'),
});

export const edgeGatewaySpec = z.strictObject({
  hosts: z
    .array(matching(z.string(), /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+$/,
      'not a host name', 'use a fully qualified lowercase name such as "echo.alpha.example.org" or "*.alpha.example.org"'))
    .min(1, { error: problem('an EdgeGateway needs at least one host', 'list the public host names it serves') })
    .meta({ description: 'Public host names served, e.g. "shop.example.org" or "*.example.org" (quote wildcards in YAML).' }),
  port: portNumber.default(443).meta({ description: 'HTTPS port on the ingress gateway.' }),
  tls: z.strictObject({
    mode: z.enum(['SIMPLE', 'MUTUAL'], { error: problem('unknown TLS mode', 'use SIMPLE (server certificate) or MUTUAL (client certificates too)') })
      .meta({ description: 'SIMPLE: server certificate only; MUTUAL: clients must present a certificate signed by the CA in the Secret\'s ca.crt.' }),
    credentialName: z.string().optional().meta({ description: 'Kubernetes Secret (in the ingress gateway namespace) holding the certificate and key.' }),
    minProtocolVersion: tlsVersion.optional().meta({ description: 'Lowest TLS version accepted. Default: Envoy\'s (TLS 1.2).' }),
    maxProtocolVersion: tlsVersion.optional().meta({ description: 'Highest TLS version accepted. Default: Envoy\'s (TLS 1.3).' }),
    cipherSuites: z.array(matching(z.string(), /^[A-Z0-9-_]+$/, 'not a cipher suite name', 'use OpenSSL-style names such as "ECDHE-RSA-AES256-GCM-SHA384"')).min(1).optional()
      .meta({ description: 'TLS 1.0-1.2 cipher suites, OpenSSL names. TLS 1.3 suites are not configurable in Envoy.' }),
  }),
  httpsRedirect: z.boolean().default(true).meta({ description: 'Answer plain HTTP on port 80 with a redirect to HTTPS.' }),
  routes: z
    .array(z.strictObject({
      match: httpMatch.optional(),
      to: z.strictObject({ service: dnsLabel, namespace: dnsLabel, port: portNumber }),
    }))
    .min(1, { error: problem('an EdgeGateway needs at least one route', 'add e.g. {to: {service: echo, namespace: demo, port: 8080}}') })
    .meta({ description: 'First match wins; a route without match catches everything else.' }),
});

export const edgeGatewayIntent = intentEnvelope('EdgeGateway', edgeGatewaySpec, 'HTTPS ingress at the peer\'s edge.');

export type EdgeGatewayIntent = z.infer<typeof edgeGatewayIntent>;
