import type { z } from 'zod';
import type { httpMatch } from '../../intents/service-import-schema.js';
import type { HttpMatchRequest } from '../istio-types.js';

export type HttpMatchIntent = z.infer<typeof httpMatch>;
type StringMatch = NonNullable<HttpMatchIntent['headers']>[string];
type IstioStringMatch = { exact: string } | { prefix: string } | { regex: string };

/**
 * An intent's HTTP match as an Istio HTTPMatchRequest (conditions inside one match are ANDed; a list of
 * matches is ORed). `port` restricts the match to one service port, for VirtualServices covering several ports.
 * Key order does not matter here: istioObject puts every mapping in canonical order (canonical-object.ts).
 */
export function toHttpMatch(match: HttpMatchIntent | undefined, port?: number): HttpMatchRequest {
  const out: HttpMatchRequest = {};
  if (match?.uriPrefix !== undefined) out.uri = { prefix: match.uriPrefix };
  if (match?.headers !== undefined) {
    const headers: Record<string, IstioStringMatch> = {};
    for (const [name, m] of Object.entries(match.headers)) headers[name] = stringMatch(m);
    out.headers = headers;
  }
  if (port !== undefined) out.port = port;
  return out;
}

function stringMatch(m: StringMatch): IstioStringMatch {
  if ('exact' in m) return { exact: m.exact };
  if ('prefix' in m) return { prefix: m.prefix };
  return { regex: m.regex };
}
