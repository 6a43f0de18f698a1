import { z } from 'zod';

/**
 * Building blocks shared by every intent kind. Messages follow `what is wrong\nhow to fix it`: the loader
 * splits them into a diagnostic's message and hint (see `splitSchemaMessage`).
 */
export const API_VERSION = 'meshfed.io/v1alpha1';

export function problem(what: string, fix: string): string {
  return `${what}\n${fix}`;
}

/**
 * `base` restricted to `pattern`, with one message for both readers: meshfed's diagnostic (`what`, with `fix` as the
 * hint) and the editor's. The JSON Schema carries it as `patternErrorMessage`, the keyword yaml-language-server shows
 * instead of `String does not match the pattern of "..."` (the pattern check of `validateStringNode` in
 * redhat-developer/yaml-language-server, src/languageservice/parser/schemaValidation/baseValidator.ts, prefers
 * `patternErrorMessage`, then `errorMessage`; `errorMessage` would also replace its type and length messages).
 */
export function matching(base: z.ZodString, pattern: RegExp, what: string, fix: string): z.ZodString {
  return base.regex(pattern, { error: problem(what, fix) }).meta({ patternErrorMessage: editorMessage(what, fix) });
}

/** `what` and `fix` as one sentence, the way an editor shows a schema error. */
export function editorMessage(what: string, fix: string): string {
  return `${what.charAt(0).toUpperCase()}${what.slice(1)}: ${fix}.`;
}

export function splitSchemaMessage(message: string): { message: string; hint?: string } {
  const i = message.indexOf('\n');
  return i < 0 ? { message } : { message: message.slice(0, i), hint: message.slice(i + 1) };
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export const dnsLabel = matching(
  z.string().max(63, { error: problem('longer than 63 characters', 'use a DNS-1123 label of at most 63 characters') }),
  DNS_LABEL,
  'not a DNS-1123 label',
  'use lowercase letters, digits and "-", starting and ending with a letter or digit (e.g. "echo-server")',
).meta({ description: 'A DNS-1123 label: lowercase letters, digits and "-", at most 63 characters.' });

export const dnsSubdomain = matching(
  z.string().max(253, { error: problem('longer than 253 characters', 'use a DNS name of at most 253 characters') }),
  DNS_SUBDOMAIN,
  'not a lowercase DNS name',
  'use dot-separated DNS-1123 labels, e.g. "alpha.example.org"',
);

/** Kubernetes Service port names and protocols meshfed understands (Istio protocol selection by port name). */
export const portProtocol = z.enum(['HTTP', 'HTTP2', 'GRPC', 'TCP', 'TLS', 'HTTPS'], {
  error: problem('unknown protocol', 'use one of HTTP, HTTP2, GRPC, TCP, TLS, HTTPS'),
}).meta({ description: 'Application protocol of the port; should agree with the Service port name prefix Istio uses (http-, grpc-, tcp-...).' });

export const portNumber = z
  .number()
  .int({ error: problem('port is not a whole number', 'use a port number from 1 to 65535') })
  .min(1, { error: problem('port below 1', 'use a port number from 1 to 65535') })
  .max(65535, { error: problem('port above 65535', 'use a port number from 1 to 65535') });

export const positiveInt = z
  .number()
  .int({ error: problem('not a whole number', 'use a whole number of at least 1') })
  .min(1, { error: problem('must be at least 1', 'use a whole number of at least 1') })
  .max(2_147_483_647, { error: problem('too large', 'use a number below 2^31') });

/**
 * A duration's problem, with a fix made from the value itself: a bare number (YAML reads `60` as a number, and
 * "60" is still no duration) gets `"60s"`, a valid duration, rather than an advice to quote it.
 */
function durationProblem(input: unknown): string {
  const digits = typeof input === 'number' ? String(input) : typeof input === 'string' ? input.trim() : '';
  const fix = /^[1-9][0-9]{0,8}$/.test(digits)
    ? `write the unit too, e.g. "${digits}s" for ${digits} seconds; the units are ms, s, m and h`
    : 'write a whole number followed by ms, s, m or h, e.g. "10s" or "500ms"';
  return problem('not a duration', fix);
}

/** Istio/protobuf durations as meshfed accepts them: a whole number and a unit. */
export const duration = z
  .string({ error: (issue) => durationProblem(issue.input) })
  .regex(/^[1-9][0-9]{0,8}(ms|s|m|h)$/, { error: (issue) => durationProblem(issue.input) })
  .meta({ patternErrorMessage: editorMessage('not a duration', 'write a whole number followed by ms, s, m or h, e.g. "10s" or "500ms"') })
  .meta({ description: 'A duration such as "500ms", "10s", "5m" or "1h".' });

export const percent = z
  .number({ error: problem('not a number', 'use a percentage from 0 to 100') })
  .min(0, { error: problem('percentage below 0', 'use a percentage from 0 to 100') })
  .max(100, { error: problem('percentage above 100', 'use a percentage from 0 to 100') });

export const labelMap = z.record(
  matching(z.string(), /^([a-z0-9.-]+\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/, 'not a Kubernetes label key', 'use a label key such as "istio" or "app.kubernetes.io/name"'),
  matching(z.string(), /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/, 'not a Kubernetes label value', 'use at most 63 letters, digits, "-", "_" or "."'),
);

export function metadataSchema() {
  return z.strictObject({
    name: dnsLabel.meta({ description: 'Unique per kind within its peer; a Peer is named after its folder.' }),
  });
}

export function intentEnvelope<K extends string, S extends z.ZodType>(kind: K, spec: S, description: string) {
  return z
    .strictObject({
      apiVersion: z.literal(API_VERSION, {
        error: problem(`apiVersion must be "${API_VERSION}"`, `set apiVersion: ${API_VERSION}`),
      }),
      kind: z.literal(kind),
      metadata: metadataSchema(),
      spec,
    })
    .meta({ title: kind, description });
}
