import { z } from 'zod';
import { dnsLabel, intentEnvelope, problem } from './common-schema.js';

export const admissionPolicy = z.enum(['all', 'majority', 'any'], {
  error: problem('unknown admission policy', 'use "all", "majority" or "any"'),
});

export const federationSpec = z.strictObject({
  meshID: dnsLabel.meta({ description: 'The Istio meshID every peer shares (values.global.meshID).' }),
  rootCA: z.strictObject({
    fingerprint: z
      .string()
      .regex(/^SHA256:([0-9A-F]{2}:){31}[0-9A-F]{2}$/, {
        error: problem(
          'not a SHA-256 certificate fingerprint',
          'write "SHA256:" and 32 upper-case hex bytes separated by ":", as printed by `openssl x509 -noout -fingerprint -sha256`',
        ),
      })
      .meta({ description: 'SHA-256 fingerprint of the shared root CA certificate every peer\'s intermediate chains to.' }),
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
