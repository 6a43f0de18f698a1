/**
 * The test control plane's PKI, made in Node: a CA, the API server's serving certificate for 127.0.0.1 and
 * localhost, client certificates (the admin is `O=system:masters`), and the service-account signing key pair.
 *
 * Why node-forge rather than the `openssl` command: it has no dependencies and behaves the same on every
 * machine a contributor uses (the openssl CLI is LibreSSL on macOS and absent on Windows), and Node's own
 * `crypto` can make keys but not X.509 certificates. Keys come from `crypto.generateKeyPairSync` (native,
 * fast); forge only builds and signs the certificates.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';

export interface Pem {
  readonly cert: string;
  readonly key: string;
}

export interface ControlPlanePki {
  readonly ca: Pem;
  readonly serving: Pem;
  readonly admin: Pem;
  /** Service-account token signing key pair (`--service-account-signing-key-file` / `--service-account-key-file`). */
  readonly serviceAccount: { readonly publicKey: string; readonly privateKey: string };
  /** A client certificate for `user` in `groups`, signed by the CA (the API server's `--client-ca-file`). */
  issueClient(user: string, groups: readonly string[]): Pem;
}

function rsaKeyPair(): { publicKey: string; privateKey: string } {
  return generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
}

interface CertSpec {
  readonly subject: forge.pki.CertificateField[];
  readonly extensions: object[];
}

function sign(spec: CertSpec, publicKeyPem: string, issuer: { cert: forge.pki.Certificate; key: forge.pki.PrivateKey } | 'self', selfKey?: string): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKeyPem);
  // A positive serial: first byte below 0x80.
  cert.serialNumber = `01${randomBytes(15).toString('hex')}`;
  const now = Date.now();
  cert.validity.notBefore = new Date(now - 60 * 60 * 1000);
  cert.validity.notAfter = new Date(now + 24 * 60 * 60 * 1000);
  cert.setSubject(spec.subject);
  cert.setIssuer(issuer === 'self' ? spec.subject : issuer.cert.subject.attributes);
  cert.setExtensions(spec.extensions);
  const key = issuer === 'self' ? forge.pki.privateKeyFromPem(selfKey ?? '') : issuer.key;
  cert.sign(key as forge.pki.rsa.PrivateKey, forge.md.sha256.create());
  return cert;
}

export function makeControlPlanePki(): ControlPlanePki {
  const caKeys = rsaKeyPair();
  const caCert = sign(
    {
      subject: [{ name: 'commonName', value: 'meshfed-envtest-ca' }],
      extensions: [
        { name: 'basicConstraints', cA: true, critical: true },
        { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
      ],
    },
    caKeys.publicKey,
    'self',
    caKeys.privateKey,
  );
  const issuer = { cert: caCert, key: forge.pki.privateKeyFromPem(caKeys.privateKey) };
  const leaf = (subject: forge.pki.CertificateField[], extensions: object[]): Pem => {
    const keys = rsaKeyPair();
    return { cert: forge.pki.certificateToPem(sign({ subject, extensions }, keys.publicKey, issuer)), key: keys.privateKey };
  };
  const issueClient = (user: string, groups: readonly string[]): Pem =>
    leaf(
      [{ name: 'commonName', value: user }, ...groups.map((g) => ({ name: 'organizationName', value: g }))],
      [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
        { name: 'extKeyUsage', clientAuth: true },
      ],
    );
  const serving = leaf(
    [{ name: 'commonName', value: 'kube-apiserver' }],
    [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 7, ip: '127.0.0.1' },
          { type: 2, value: 'localhost' },
        ],
      },
    ],
  );
  return {
    ca: { cert: forge.pki.certificateToPem(caCert), key: caKeys.privateKey },
    serving,
    admin: issueClient('meshfed-envtest-admin', ['system:masters']),
    serviceAccount: rsaKeyPair(),
    issueClient,
  };
}
