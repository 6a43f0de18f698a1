import { describe, expect, it } from 'vitest';
import { fingerprintProblem, normalizeFingerprint, opensslFingerprint } from '../../../src/core/mesh/fingerprint.js';
import { BASE_FILES, formatted } from '../validate/federation-builder.js';

const HEX = 'bb34f47ca19cf611d6edc563f0f7f953f6fb0be61f272d887f0946d2f0d9d23c';
const COLONS = opensslFingerprint(HEX);

describe('normalizeFingerprint: the forms operators paste', () => {
  it.each([
    ['OpenSSL 3 output', `sha256 Fingerprint=${COLONS}`],
    ['OpenSSL 1.1 output', `SHA256 Fingerprint=${COLONS}`],
    ['the colon-separated part alone', COLONS],
    ['lower-case colon-separated', COLONS.toLowerCase()],
    ['64 lower-case hex digits (sha256sum of the DER)', HEX],
    ['64 upper-case hex digits', HEX.toUpperCase()],
    ['meshfed\'s older SHA256: form', `SHA256:${COLONS}`],
    ['surrounded by blanks', `  ${COLONS}\n`],
  ])('GIVEN %s WHEN normalized THEN it is the 64 lower-case hex digits', (_name, text) => {
    expect(normalizeFingerprint(text)).toBe(HEX);
  });

  it.each([
    ['a SHA-1 fingerprint', `SHA1 Fingerprint=${COLONS.slice(0, 59)}`, 'this is a SHA1 fingerprint'],
    ['20 bytes without prefix', COLONS.slice(0, 59), 'this looks like a SHA-1 fingerprint (20 bytes)'],
    ['16 bytes', COLONS.slice(0, 47), 'this looks like an MD5 fingerprint (16 bytes)'],
    ['63 hex digits', HEX.slice(1), 'this has 63 hex digits, a SHA-256 fingerprint has 64'],
    ['a certificate instead of its fingerprint', '-----BEGIN CERTIFICATE-----', 'not a SHA-256 certificate fingerprint'],
  ])('GIVEN %s WHEN checked THEN it is refused and the problem says what it is', (_name, text, what) => {
    expect(normalizeFingerprint(text)).toBeUndefined();
    expect(fingerprintProblem(text)[0]).toBe(what);
  });

  it.each([
    ['space-separated bytes', COLONS.replace(/:/g, ' ')],
    ['dash-separated bytes', COLONS.replace(/:/g, '-')],
    ['a SHA-256 prefix with a dash', `SHA-256: ${COLONS}`],
  ])('GIVEN %s WHEN refused THEN the fix it suggests is itself accepted and means the same root', (_name, text) => {
    expect(normalizeFingerprint(text)).toBeUndefined();
    const fix = fingerprintProblem(text)[1];
    const suggested = /write "([^"]+)"/.exec(fix)?.[1] ?? '';
    expect(normalizeFingerprint(suggested)).toBe(HEX);
  });

  it('GIVEN any refusal WHEN its generic fix is followed THEN the example it shows is accepted', () => {
    const example = /e\.g\. "([^"]+)"/.exec(fingerprintProblem('nonsense')[1])?.[1] ?? '';
    expect(normalizeFingerprint(example)).toBe('ab'.repeat(32));
  });
});

describe('Federation rootCA.fingerprint: validation', () => {
  const FED = 'federation/federation.yaml';
  const withFingerprint = (fp: string) => ({ [FED]: (BASE_FILES[FED] ?? '').replace(/fingerprint: ".*"/, `fingerprint: "${fp}"`) });

  it('GIVEN the OpenSSL 3 output WHEN validated THEN the federation is valid', () => {
    expect(formatted(withFingerprint(`sha256 Fingerprint=${COLONS}`))).toEqual([]);
  });

  it('GIVEN a SHA-1 fingerprint WHEN validated THEN the error is at the field, names SHA-1 and says which command to run', () => {
    const out = formatted(withFingerprint(COLONS.slice(0, 59)));
    expect(out).toHaveLength(1);
    expect(out[0]).toContain(`${FED}:8:18`);
    expect(out[0]).toContain('SHA-1 fingerprint (20 bytes)');
    expect(out[0]).toContain('openssl x509 -in root-cert.pem -noout -fingerprint -sha256');
  });
});
