import type { PeerModel } from '../model/federation-model.js';
import { checkCipherSuites } from './gateway-cipher-rules.js';
import { checkCredentialName } from './gateway-credential-rules.js';
import type { ValidationContext } from './validation-context.js';

const RANK: Readonly<Record<string, number>> = { TLSV1_0: 0, TLSV1_1: 1, TLSV1_2: 2, TLSV1_3: 3 };

/**
 * TLS settings that Istio would reject or silently ignore: a credential for SIMPLE/MUTUAL in the gateway pods'
 * namespace, min <= max version, cipher suites Istio knows and only where they apply (TLS 1.0-1.2), no versions
 * retired by RFC 8996.
 */
export function checkGatewayTls(ctx: ValidationContext, p: PeerModel): void {
  for (const g of p.gateways) {
    const tls = g.value.spec.tls;
    checkCredentialName(ctx, p.name, g);
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
    checkCipherSuites(ctx, g, minRank, maxRank);
  }
}
