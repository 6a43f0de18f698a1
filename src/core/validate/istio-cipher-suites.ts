/**
 * The cipher suites Istio passes to a Gateway's Envoy: istio/istio `pkg/config/security/security.go`
 * `ValidCipherSuites` ("all ciphers supported in Gateway.server.tls.cipherSuites", extracted from BoringSSL's
 * `bssl ciphers -openssl-name ALL`), unchanged since Istio 1.11 (istio/istio#34109). `FilterCipherSuites`, called by
 * `pilot/pkg/networking/core/gateway.go` `buildGatewayListenerTLSContext`, silently drops every other name and
 * every repeat before the listener is built; `pkg/config/validation/validation.go` `validateTLSOptions` only
 * warns ("ignoring invalid cipher suites"). A mistyped suite therefore vanishes, and a list with no known name
 * leaves Envoy's defaults in place.
 */
export const ISTIO_CIPHER_SUITES: readonly string[] = [
  'ECDHE-ECDSA-AES128-GCM-SHA256',
  'ECDHE-RSA-AES128-GCM-SHA256',
  'ECDHE-ECDSA-AES256-GCM-SHA384',
  'ECDHE-RSA-AES256-GCM-SHA384',
  'ECDHE-ECDSA-CHACHA20-POLY1305',
  'ECDHE-RSA-CHACHA20-POLY1305',
  'ECDHE-ECDSA-AES128-SHA',
  'ECDHE-RSA-AES128-SHA',
  'ECDHE-ECDSA-AES256-SHA',
  'ECDHE-RSA-AES256-SHA',
  'AES128-GCM-SHA256',
  'AES256-GCM-SHA384',
  'AES128-SHA',
  'AES256-SHA',
  'DES-CBC3-SHA',
];

const KNOWN = new Set(ISTIO_CIPHER_SUITES);

export function isIstioCipherSuite(name: string): boolean {
  return KNOWN.has(name);
}
