import { z } from 'zod';
import { edgeGatewayIntent } from './edge-gateway-schema.js';
import { federationIntent } from './federation-schema.js';
import { peerIntent } from './peer-schema.js';
import { serviceExportIntent } from './service-export-schema.js';
import { serviceImportIntent } from './service-import-schema.js';

/** Every intent kind, keyed by `kind`. The single source of truth for types and JSON Schema. */
export const INTENT_SCHEMAS = {
  Federation: federationIntent,
  Peer: peerIntent,
  ServiceExport: serviceExportIntent,
  ServiceImport: serviceImportIntent,
  EdgeGateway: edgeGatewayIntent,
} as const;

export type IntentKind = keyof typeof INTENT_SCHEMAS;
export const INTENT_KINDS = Object.keys(INTENT_SCHEMAS) as IntentKind[];

export const anyIntent = z.discriminatedUnion('kind', [
  federationIntent,
  peerIntent,
  serviceExportIntent,
  serviceImportIntent,
  edgeGatewayIntent,
]);
export type AnyIntent = z.infer<typeof anyIntent>;

/** JSON Schema (draft 2020-12) for editors: `# yaml-language-server: $schema=...`. */
export function intentJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(anyIntent, { io: 'input', target: 'draft-2020-12' });
  return { $id: 'https://meshfed.io/schemas/v1alpha1/intent.json', title: 'meshfed intent', ...schema };
}
