import { X509Certificate } from 'node:crypto';

/** One certificate of a PEM bundle: its SHA-256 fingerprint (of the DER, as openssl computes it) and subject. */
export interface BundleCertificate {
  /** 64 lower-case hex digits. */
  readonly fingerprint: string;
  readonly subject: string;
  readonly isCA: boolean;
  /** The PEM block as it appeared. */
  readonly pem: string;
}

export type ParsedBundle =
  | { readonly ok: true; readonly certificates: readonly BundleCertificate[] }
  | { readonly ok: false; readonly error: string };

const BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/**
 * The certificates of a PEM bundle such as `root-cert.pem` of ConfigMap istio-ca-root-cert (during a root
 * rotation it holds more than one). Pure: parsing and hashing only (node:crypto X509Certificate, whose
 * `fingerprint256` is the SHA-256 of the DER, the same value `openssl x509 -fingerprint -sha256` prints).
 */
export function parsePemBundle(text: string): ParsedBundle {
  const blocks = text.match(BLOCK) ?? [];
  if (blocks.length === 0) return { ok: false, error: 'it holds no "-----BEGIN CERTIFICATE-----" block' };
  const certificates: BundleCertificate[] = [];
  for (const [i, pem] of blocks.entries()) {
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(pem);
    } catch (e) {
      return { ok: false, error: `certificate ${i + 1} of ${blocks.length} does not parse (${(e as Error).message})` };
    }
    certificates.push({
      fingerprint: cert.fingerprint256.replace(/:/g, '').toLowerCase(),
      subject: cert.subject.replace(/\n/g, ', '),
      isCA: cert.ca,
      pem,
    });
  }
  return { ok: true, certificates };
}
