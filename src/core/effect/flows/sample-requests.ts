import type { ServiceImportIntent } from '../../intents/service-import-schema.js';

type RouteMatch = NonNullable<ServiceImportIntent['spec']['route']>['match'][number];

export interface SampleRequest {
  /** e.g. `GET /v2/gpu/ x-recommender-model: gpu`. */
  readonly label: string;
  readonly path: string;
  readonly headers: Record<string, string>;
}

/** A literal value that satisfies a header regex, when the regex is plain text (no metacharacters). */
function literal(regex: string): string | undefined {
  return /^[A-Za-z0-9 _\-/:.,;=@]*$/.test(regex) && !regex.includes('.') ? regex : undefined;
}

/**
 * One request per `route` match that satisfies it (exact value, the prefix itself, a plain-text regex), to check
 * through the routing model that such requests really reach the peer. Matches with a regex that is not plain text
 * are left out: no value can be derived from them without a regex engine that enumerates.
 */
export function sampleRequests(matches: readonly RouteMatch[]): SampleRequest[] {
  const out: SampleRequest[] = [];
  for (const m of matches) {
    const headers: Record<string, string> = {};
    let ok = true;
    for (const [name, sm] of Object.entries(m.headers ?? {})) {
      const v = 'exact' in sm ? sm.exact : 'prefix' in sm ? sm.prefix : literal(sm.regex);
      if (v === undefined) ok = false;
      else headers[name] = v;
    }
    if (!ok) continue;
    const path = m.uriPrefix ?? '/';
    const hs = Object.entries(headers).map(([k, v]) => `${k}: ${v}`);
    out.push({ label: ['GET', path, ...hs].join(' '), path, headers });
  }
  return out;
}
