import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LEAF_PEM, OTHER_ROOT_FINGERPRINT, SHARED_ROOT_FINGERPRINT, SHARED_ROOT_PEM } from '../core/mesh/mesh-fixtures.js';
import { cli, REPO, scratchCopy } from './cli-helpers.js';

/** A copy of the bundled paper federation whose rootCA.fingerprint is `fingerprint`, with the test certificates beside it. */
function federationWithRoot(fingerprint: string): string {
  const dir = scratchCopy(join(REPO, 'federation'));
  const file = join(dir, 'federation', 'federation.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replace(/fingerprint: ".*"/, `fingerprint: "${fingerprint}"`));
  writeFileSync(join(dir, 'root-cert.pem'), SHARED_ROOT_PEM);
  writeFileSync(join(dir, 'leaf.pem'), LEAF_PEM);
  return dir;
}

describe('meshfed mesh-config', () => {
  it('GIVEN the paper example WHEN mesh-config --peer gke runs THEN it prints the golden IstioOperator fragment and exits 0', async () => {
    const r = await cli(['mesh-config', '--peer', 'gke']);
    expect(r.code).toBe(0);
    expect(`${r.stdout}\n`).toBe(readFileSync(join(REPO, 'test/golden/mesh-config/federation/gke.istiooperator.yaml'), 'utf8'));
  });

  it('GIVEN --format helm and a DIR WHEN run THEN it prints the Helm values of that federation\'s peer', async () => {
    const r = await cli(['mesh-config', 'examples/three-peer-mesh/federation', '--peer', 'milan', '--format', 'helm']);
    expect(r.code).toBe(0);
    expect(`${r.stdout}\n`).toBe(readFileSync(join(REPO, 'test/golden/mesh-config/three-peer-mesh/milan.helm.yaml'), 'utf8'));
  });

  it.each([
    [['mesh-config'], 2, '--peer is required'],
    [['mesh-config', '--peer', 'gke', '--format', 'kustomize'], 2, 'unknown --format "kustomize"'],
    [['mesh-config', '--peer', 'gke', '--format', 'helmm'], 2, 'did you mean "helm"?'],
    [['mesh-config', '--peer', 'gkee'], 1, 'no peer "gkee" in this federation (did you mean "gke"? peers: gke, tein)'],
  ])('GIVEN %j WHEN run THEN it exits %i saying %s', async (argv, code, message) => {
    const r = await cli(argv);
    expect(r.code).toBe(code);
    expect(r.stderr).toContain(message);
  });

  it('GIVEN --root-cert with the federation\'s root WHEN run THEN the fragment carries it as caCertificates[].pem', async () => {
    const dir = federationWithRoot(`sha256 Fingerprint=${SHARED_ROOT_FINGERPRINT}`);
    const r = await cli(['mesh-config', '--peer', 'gke', '--root-cert', 'root-cert.pem'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('      - pem: |\n          -----BEGIN CERTIFICATE-----\n');
    expect(r.stdout).toContain('        trustDomains:\n          - tein.iotcloudserve.net');
  });

  it('GIVEN --root-cert with another root WHEN run THEN it refuses (exit 1) naming both fingerprints', async () => {
    const dir = federationWithRoot(OTHER_ROOT_FINGERPRINT);
    const r = await cli(['mesh-config', '--peer', 'gke', '--root-cert', 'root-cert.pem'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`rootCA.fingerprint in federation.yaml is ${OTHER_ROOT_FINGERPRINT}, the file holds ${SHARED_ROOT_FINGERPRINT} (O=meshfed test federation, CN=Shared Root CA)`);
  });

  it('GIVEN --root-cert with a certificate that is not a CA WHEN its fingerprint is the federation\'s THEN it still refuses (istiod would)', async () => {
    const dir = federationWithRoot('CB:2C:53:38:A3:DF:93:25:82:A1:E2:FE:6A:FA:C9:11:A6:AA:6B:E1:B5:55:4B:6D:34:76:4F:E7:BB:28:D7:B6');
    const r = await cli(['mesh-config', '--peer', 'gke', '--root-cert', 'leaf.pem'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('is not a CA certificate');
  });

  it('GIVEN a --root-cert file that does not exist WHEN run THEN exit 1 with the file name', async () => {
    const r = await cli(['mesh-config', '--peer', 'gke', '--root-cert', 'nope.pem']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('cannot read --root-cert nope.pem');
  });
});
