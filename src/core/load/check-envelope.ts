import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { API_VERSION } from '../intents/common-schema.js';
import { INTENT_KINDS, type IntentKind } from '../intents/intent-kinds.js';
import type { ParsedDocument } from '../parse/parsed-document.js';
import { closestName } from './closest-name.js';
import { describeValue, isPlainObject } from './describe-value.js';

/** Kinds meshfed renders: someone pasting them into the federation folder means to write an intent instead. */
const RENDERED_KINDS = new Set([
  'AuthorizationPolicy', 'DestinationRule', 'Gateway', 'PeerAuthentication', 'ServiceEntry', 'VirtualService', 'WorkloadEntry',
]);

export interface Envelope {
  /** The kind, when it names a meshfed intent kind. */
  readonly kind: IntentKind | undefined;
  /**
   * The intent kind a rejected document was meant to be, for bookkeeping (ValidationContext.mayBeRejected): `kind`
   * as written, the kind it is a typo of ("ServiceExprot" -> ServiceExport), or undefined when it cannot be told,
   * which counts as any kind. So one typo in `kind` does not also report every reference to that intent.
   */
  readonly rawKind: string | undefined;
  /** `metadata.name` as written, if it is text. */
  readonly rawName: string | undefined;
  readonly diagnostics: Diagnostic[];
}

/**
 * Checks what must hold before a kind's schema can say anything useful: a mapping, a known `kind`, the meshfed
 * `apiVersion`. `expectedKinds` (by file location) makes the hint for a missing kind concrete.
 */
export function checkEnvelope(doc: ParsedDocument, expectedKinds: readonly IntentKind[]): Envelope {
  const v = doc.value;
  const out: Diagnostic[] = [];
  if (!isPlainObject(v)) {
    out.push(
      diagnostic(
        doc.file,
        doc.locate([]),
        'intent/not-a-mapping',
        `document is ${describeValue(v)}, not an intent`,
        Array.isArray(v)
          ? 'write one intent per document, separated by "---" lines, without a leading "- "'
          : `write an intent as fields: apiVersion: ${API_VERSION}, kind, metadata and spec`,
      ),
    );
    return { kind: undefined, rawKind: undefined, rawName: undefined, diagnostics: out };
  }
  const writtenKind = typeof v.kind === 'string' ? v.kind : undefined;
  const rawKind = writtenKind === undefined || (INTENT_KINDS as readonly string[]).includes(writtenKind) ? writtenKind : closestName(writtenKind, INTENT_KINDS);
  const meta = v.metadata;
  const rawName = isPlainObject(meta) && typeof meta.name === 'string' ? meta.name : undefined;
  const expected = expectedKinds.join(', ');

  let kind: IntentKind | undefined;
  if (!('kind' in v) || v.kind === null) {
    out.push(diagnostic(doc.file, doc.locate([]), 'intent/missing-kind', 'document has no kind', `add "kind:" with one of ${expected}`));
  } else if (writtenKind !== undefined && (INTENT_KINDS as readonly string[]).includes(writtenKind)) {
    kind = writtenKind as IntentKind;
  } else {
    const suggestion = rawKind;
    const hint = RENDERED_KINDS.has(writtenKind ?? '')
      ? `meshfed renders Istio objects from intents: write one of ${INTENT_KINDS.join(', ')} instead, as described in docs/intents.md`
      : `${suggestion ? `did you mean "${suggestion}"? ` : ''}valid kinds: ${INTENT_KINDS.join(', ')}`;
    out.push(diagnostic(doc.file, doc.locate(['kind']), 'intent/unknown-kind', `unknown kind ${describeValue(v.kind)}`, hint));
  }

  // With an unknown kind the apiVersion is beside the point (the kind's hint says what to write instead).
  if (kind === undefined && 'kind' in v && v.kind !== null) return { kind, rawKind, rawName, diagnostics: out };
  if (!('apiVersion' in v) || v.apiVersion === null) {
    out.push(diagnostic(doc.file, doc.locate([]), 'intent/missing-api-version', 'document has no apiVersion', `add "apiVersion: ${API_VERSION}"`));
  } else if (v.apiVersion !== API_VERSION) {
    out.push(
      diagnostic(
        doc.file,
        doc.locate(['apiVersion']),
        'intent/wrong-api-version',
        `apiVersion ${describeValue(v.apiVersion)} is not a meshfed intent version`,
        `set apiVersion: ${API_VERSION}`,
      ),
    );
  }
  return { kind, rawKind, rawName, diagnostics: out };
}
