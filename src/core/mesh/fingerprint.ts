/**
 * SHA-256 certificate fingerprints as operators copy them: what `openssl x509 -noout -fingerprint -sha256`
 * prints (`sha256 Fingerprint=AB:CD:…` with OpenSSL 3, `SHA256 Fingerprint=AB:CD:…` with 1.1), the bare
 * `AB:CD:…` part, meshfed's older `SHA256:AB:CD:…` form, or 64 hex digits (`sha256sum` of the DER, `kubectl …
 * | openssl … -outform der | sha256sum`). Hex digits in either case. Everything else is refused with a fix.
 */
export const FINGERPRINT_PATTERN =
  /^(?:[Ss][Hh][Aa]256 Fingerprint=|SHA256:)?(?:[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){31}|[0-9A-Fa-f]{64})$/;

const OPENSSL_COMMAND = 'openssl x509 -in root-cert.pem -noout -fingerprint -sha256';

/** The fingerprint as 64 lower-case hex digits, or undefined when the text is not an accepted form. */
export function normalizeFingerprint(text: string): string | undefined {
  const trimmed = text.trim();
  if (!FINGERPRINT_PATTERN.test(trimmed)) return undefined;
  return hexDigits(trimmed.replace(/^(?:sha256 fingerprint=|sha256:)/i, ''));
}

/** `AB:CD:…`, the form openssl prints after `Fingerprint=`. */
export function opensslFingerprint(hex: string): string {
  return (hex.toUpperCase().match(/../g) ?? []).join(':');
}

/** Why `text` is not an accepted fingerprint, and a fix that is itself accepted (`[what, fix]`). */
export function fingerprintProblem(text: string): readonly [string, string] {
  const body = text.trim().replace(/^(?:sha-?(?:1|224|256|384|512)|md5)\s*(?:fingerprint)?\s*[=:]\s*/i, '');
  const digits = hexDigits(body);
  const onlyHexAndSeparators = /^[0-9A-Fa-f:\s-]+$/.test(body);
  if (onlyHexAndSeparators && digits.length === 64) {
    return ['not a SHA-256 fingerprint in an accepted form', `write "${opensslFingerprint(digits)}" (":"-separated bytes, as openssl prints them)`];
  }
  const algorithm = /^\s*(sha-?1|md5|sha-?224|sha-?384|sha-?512)\b/i.exec(text)?.[1]?.replace('-', '');
  const bytes = onlyHexAndSeparators ? digits.length / 2 : undefined;
  const guess =
    algorithm !== undefined
      ? `this is a ${algorithm.toUpperCase()} fingerprint`
      : bytes === 20
        ? 'this looks like a SHA-1 fingerprint (20 bytes)'
        : bytes === 16
          ? 'this looks like an MD5 fingerprint (16 bytes)'
          : bytes !== undefined
            ? `this has ${digits.length} hex digits, a SHA-256 fingerprint has 64`
            : 'not a SHA-256 certificate fingerprint';
  return [
    guess,
    `paste what \`${OPENSSL_COMMAND}\` prints, e.g. "sha256 Fingerprint=${opensslFingerprint('ab'.repeat(32))}", or its 64 hex digits`,
  ];
}

function hexDigits(text: string): string {
  return text.replace(/[^0-9A-Fa-f]/g, '').toLowerCase();
}
