import type { EdgeGatewayIntent } from '../intents/edge-gateway-schema.js';
import { closestName } from '../load/closest-name.js';
import type { Located } from '../model/federation-model.js';
import { ISTIO_CIPHER_SUITES, isIstioCipherSuite } from './istio-cipher-suites.js';
import type { ValidationContext } from './validation-context.js';

/** TLS 1.3 suite names (RFC 8446 B.4): Envoy does not let them be configured. */
const TLS13_SUITE = /^TLS_(AES_128_GCM_SHA256|AES_256_GCM_SHA384|CHACHA20_POLY1305_SHA256|AES_128_CCM_SHA256|AES_128_CCM_8_SHA256)$/;

/**
 * `tls.cipherSuites` as Istio and Envoy treat them: names Istio does not know are dropped silently
 * (istio-cipher-suites.ts), so they are errors; repeats are dropped too (a warning); the list only applies to
 * TLS 1.0-1.2 (a warning while TLS 1.3 is allowed). `minRank`/`maxRank`: 0-3 for TLS 1.0-1.3, when set.
 */
export function checkCipherSuites(ctx: ValidationContext, g: Located<EdgeGatewayIntent>, minRank: number | undefined, maxRank: number | undefined): void {
  const suites = g.value.spec.tls.cipherSuites;
  if (suites === undefined) return;
  // Envoy's server default maximum is TLS 1.3: unless max is below it, TLS 1.3 clients ignore the list.
  const tls13Possible = maxRank === undefined || maxRank >= 3;
  const tls13Only = minRank === 3;
  if (tls13Only || tls13Possible) {
    ctx.atKey(
      g,
      ['spec', 'tls', 'cipherSuites'],
      'gateway/cipher-suites-tls13',
      tls13Only
        ? 'cipherSuites have no effect: with minProtocolVersion TLSV1_3 every connection uses TLS 1.3, whose suites Envoy does not let you configure'
        : 'cipherSuites apply only to TLS 1.0-1.2 connections; clients negotiating TLS 1.3 use Envoy\'s fixed TLS 1.3 suites',
      tls13Only ? 'remove cipherSuites' : 'set maxProtocolVersion: TLSV1_2 if the list must apply to every connection, or accept that TLS 1.3 clients bypass it',
      'warning',
    );
  }
  const seen = new Set<string>();
  suites.forEach((suite, i) => {
    const path = ['spec', 'tls', 'cipherSuites', i];
    if (seen.has(suite)) {
      ctx.at(g, path, 'gateway/cipher-suite-duplicate', `"${suite}" is listed twice; Istio drops the repeat`, 'list each cipher suite once', 'warning');
      return;
    }
    seen.add(suite);
    if (TLS13_SUITE.test(suite)) {
      ctx.at(
        g,
        path,
        'gateway/cipher-suites-tls13',
        `"${suite}" is a TLS 1.3 suite, which Envoy does not let you configure`,
        'remove it: TLS 1.3 suites are always enabled; list only TLS 1.2 suites such as ECDHE-RSA-AES128-GCM-SHA256',
        'warning',
      );
    } else if (!isIstioCipherSuite(suite)) {
      const guess = closestName(suite, ISTIO_CIPHER_SUITES);
      ctx.at(
        g,
        path,
        'gateway/cipher-suite-unknown',
        `"${suite}" is not a cipher suite Istio configures on a gateway: istiod drops names it does not know without an error, so this suite would silently not be offered`,
        guess !== undefined
          ? `did you mean "${guess}"?`
          : `use BoringSSL's OpenSSL-style names Istio accepts, e.g. ECDHE-ECDSA-AES128-GCM-SHA256 or ECDHE-RSA-AES256-GCM-SHA384 (the list is in docs/errors.md)`,
      );
    }
  });
}
