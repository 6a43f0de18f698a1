import { z } from 'zod';
import { FINGERPRINT_PATTERN, fingerprintProblem } from '../mesh/fingerprint.js';
import { dnsLabel, editorMessage, intentEnvelope, problem } from './common-schema.js';

export const admissionPolicy = z.enum(['all', 'majority', 'any'], {
  error: problem('unknown admission policy', 'use "all", "majority" or "any"'),
});

export const federationSpec = z.strictObject({
  meshID: dnsLabel.meta({ description: 'The Istio meshID every peer shares (values.global.meshID); `meshfed mesh-config` sets it, the runner\'s preflight checks it.' }),
  rootCA: z.strictObject({
    fingerprint: z
      .string()
      .regex(FINGERPRINT_PATTERN, {
        error: (issue) => problem(...fingerprintProblem(typeof issue.input === 'string' ? issue.input : '')),
      })
      .meta({
        // The editor cannot run the input-specific fix above: it shows the general one.
        patternErrorMessage: editorMessage(...fingerprintProblem('')),
        description:
          'SHA-256 fingerprint of the shared root CA certificate every peer\'s intermediate chains to, as `openssl x509 -noout -fingerprint -sha256` prints it ("sha256 Fingerprint=AB:CD:…", or just "AB:CD:…") or as 64 hex digits. The runner compares it with the root istiod publishes (ConfigMap istio-ca-root-cert).',
      }),
  }),
  admission: z
    .strictObject({
      newPeer: admissionPolicy
        .default('all')
        .meta({ description: 'How many existing peers must approve a pull request that adds a new peer.' }),
    })
    .default({ newPeer: 'all' }),
});

export const federationIntent = intentEnvelope('Federation', federationSpec, 'Mesh-wide settings, in federation/federation.yaml.');

export type FederationIntent = z.infer<typeof federationIntent>;
