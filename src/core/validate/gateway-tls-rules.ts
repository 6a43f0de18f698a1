import { dnsSubdomain } from '../intents/common-schema.js';
import type { ValidationContext } from './validation-context.js';

const RANK: Readonly<Record<string, number>> = { TLSV1_0: 0, TLSV1_1: 1, TLSV1_2: 2, TLSV1_3: 3 };
/** TLS 1.3 suite names (RFC 8446 B.4): Envoy does not let them be configured. */
const TLS13_SUITE = /^TLS_(AES_128_GCM_SHA256|AES_256_GCM_SHA384|CHACHA20_POLY1305_SHA256|AES_128_CCM_SHA256|AES_128_CCM_8_SHA256)$/;

/**
 * TLS settings that Istio would reject or silently ignore: a credential for SIMPLE/MUTUAL, min <= max version,
 * cipher suites only where they apply (TLS 1.0-1.2), no versions retired by RFC 8996.
 */
export function checkGatewayTls(ctx: ValidationContext): void {
  for (const p of ctx.peers) {
    for (const g of p.gateways) {
      const tls = g.value.spec.tls;
      if (tls.credentialName === undefined || tls.credentialName.trim() === '') {
        ctx.atKey(
          g,
          ['spec', 'tls'],
          'gateway/credential-missing',
          `tls.mode ${tls.mode} needs tls.credentialName`,
          tls.mode === 'MUTUAL'
            ? 'name the Secret in the ingress gateway namespace holding tls.crt, tls.key and ca.crt, the CA that signs client certificates'
            : 'name the Secret in the ingress gateway namespace holding tls.crt and tls.key, e.g. credentialName: echo-example-org-tls',
        );
      } else if (!dnsSubdomain.safeParse(tls.credentialName).success) {
        ctx.at(
          g,
          ['spec', 'tls', 'credentialName'],
          'gateway/credential-name-invalid',
          `credentialName "${tls.credentialName}" is not a Kubernetes Secret name`,
          'use the Secret\'s name: lowercase letters, digits, "-" and "."',
        );
      }
      const min = tls.minProtocolVersion;
      const max = tls.maxProtocolVersion;
      const minRank = min === undefined ? undefined : RANK[min];
      const maxRank = max === undefined ? undefined : RANK[max];
      if (minRank !== undefined && maxRank !== undefined && minRank > maxRank) {
        ctx.at(
          g,
          ['spec', 'tls', 'maxProtocolVersion'],
          'gateway/tls-version-order',
          `maxProtocolVersion ${max} is below minProtocolVersion ${min}, so no TLS version is allowed`,
          'set maxProtocolVersion at or above minProtocolVersion, e.g. TLSV1_2 to TLSV1_3',
        );
      }
      const weakField = minRank !== undefined && minRank < 2 ? 'minProtocolVersion' : minRank === undefined && maxRank !== undefined && maxRank < 2 ? 'maxProtocolVersion' : undefined;
      if (weakField) {
        ctx.at(
          g,
          ['spec', 'tls', weakField],
          'gateway/tls-version-weak',
          `${weakField} ${tls[weakField]} allows TLS 1.0 or 1.1, deprecated by RFC 8996`,
          'use TLSV1_2 or later; recent Envoy also needs explicit cipherSuites for older versions',
          'warning',
        );
      }
      if (tls.cipherSuites) {
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
        tls.cipherSuites.forEach((suite, i) => {
          if (TLS13_SUITE.test(suite)) {
            ctx.at(
              g,
              ['spec', 'tls', 'cipherSuites', i],
              'gateway/cipher-suites-tls13',
              `"${suite}" is a TLS 1.3 suite, which Envoy does not let you configure`,
              'remove it: TLS 1.3 suites are always enabled; list only TLS 1.2 suites such as ECDHE-RSA-AES128-GCM-SHA256',
              'warning',
            );
          }
        });
      }
    }
  }
}
