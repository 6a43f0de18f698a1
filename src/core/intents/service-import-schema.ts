import { z } from 'zod';
import { dnsLabel, duration, intentEnvelope, matching, percent, positiveInt, problem } from './common-schema.js';
import { serviceRef } from './service-export-schema.js';

export const ejection = z.strictObject({
  consecutive5xxErrors: positiveInt.default(5).meta({ description: 'Consecutive 5xx responses before an endpoint (a local pod or the peer\'s gateway) is ejected; failed connections, resets and timeouts count apart: max(5, this) in a row.' }),
  consecutiveGatewayErrors: positiveInt.optional().meta({ description: 'Consecutive 502/503/504 before an endpoint is ejected.' }),
  interval: duration.default('10s'),
  baseEjectionTime: duration.default('30s'),
  maxEjectionPercent: percent.default(100).meta({ description: 'Most endpoints ejected at once, as a share of all of them, the peer\'s gateway included; 0 never ejects.' }),
});

export const localLimits = z.strictObject({
  maxConnections: positiveInt.optional().meta({ description: 'Most TCP connections each local pod accepts (its sidecar enforces it); callers are not limited.' }),
  maxPendingRequests: positiveInt.optional().meta({ description: 'Most HTTP requests each local pod\'s sidecar queues while waiting for a connection to the application.' }),
  maxRequests: positiveInt.optional().meta({ description: 'Most concurrent requests each local pod accepts (its sidecar enforces it).' }),
  maxRequestsPerConnection: positiveInt.optional().meta({ description: 'Requests per connection before it is closed (1 disables keep-alive); not a saturation limit.' }),
});

export const stringMatch = z.union([
  z.strictObject({ exact: z.string().min(1) }),
  z.strictObject({ prefix: z.string().min(1) }),
  z.strictObject({ regex: z.string().min(1) }),
], { error: problem('a match needs exactly one of exact, prefix or regex', 'write e.g. {exact: "canary"}') });

export const httpMatch = z.strictObject({
  uriPrefix: matching(z.string(), /^\//, 'uriPrefix must start with "/"', 'write e.g. "/api/v2"').optional(),
  headers: z.record(matching(z.string(), /^[a-z0-9-]+$/, 'header names must be lowercase', 'write the header name in lowercase, e.g. "x-canary"'), stringMatch).optional(),
});

export const serviceImportSpec = z.strictObject({
  from: z.strictObject({
    peer: dnsLabel.meta({ description: 'The providing peer.' }),
    export: dnsLabel.meta({ description: 'metadata.name of the provider\'s ServiceExport.' }),
  }),
  target: serviceRef.optional().meta({ description: 'The local Service whose traffic is shared with the provider. Default: same name and namespace as the export.' }),
  ports: z.array(dnsLabel).min(1).optional().meta({ description: 'Names of the export\'s ports to import. Default: all of them.' }),
  loadBalancer: z.enum(['ROUND_ROBIN', 'LEAST_REQUEST', 'RANDOM'], { error: problem('unknown load balancer', 'use ROUND_ROBIN, LEAST_REQUEST or RANDOM') }).optional()
    .meta({ description: 'How requests are spread over the endpoints. Default: the mesh-wide default policy.' }),
  burst: z.strictObject({
    local: localLimits.default({}).meta({ description: 'Limits on the local endpoints; demand beyond them spills to the peer.' }),
    ejection: ejection.default({ consecutive5xxErrors: 5, interval: '10s', baseEjectionTime: '30s', maxEjectionPercent: 100 }),
  }).optional().meta({ description: 'Serve locally; spill to the peer when local endpoints are saturated or unhealthy.' }),
  failover: z.strictObject({
    ejection: ejection.default({ consecutive5xxErrors: 5, interval: '10s', baseEjectionTime: '30s', maxEjectionPercent: 100 }),
  }).optional().meta({ description: 'Serve locally; use the peer only when local endpoints are unhealthy.' }),
  split: z.strictObject({
    remoteWeight: percent.meta({ description: 'Percentage of requests sent to the peer.' }),
  }).optional().meta({ description: 'Send a fixed percentage of requests to the peer, e.g. a canary across clusters.' }),
  route: z.strictObject({
    match: z.array(httpMatch).min(1, { error: problem('route needs at least one match', 'add e.g. {headers: {x-canary: {exact: "true"}}}') }),
  }).optional().meta({ description: 'Requests matching any of these go to the peer; the rest stay local.' }),
  mirror: z.strictObject({
    percent: percent.meta({ description: 'Percentage of requests copied to the peer (responses are discarded).' }),
  }).optional().meta({ description: 'Serve locally and copy a percentage of HTTP requests to the peer.' }),
});

export const POLICY_KEYS = ['burst', 'failover', 'split', 'route', 'mirror'] as const;
export type PolicyKey = (typeof POLICY_KEYS)[number];

export const serviceImportIntent = intentEnvelope('ServiceImport', serviceImportSpec, 'A consumer sends some of its traffic for a local service to a peer\'s export.');

export type ServiceImportIntent = z.infer<typeof serviceImportIntent>;
