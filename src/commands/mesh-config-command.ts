import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { opensslFingerprint } from '../core/mesh/fingerprint.js';
import { formatMeshConfig, MESH_CONFIG_FORMATS, type MeshConfigFormat } from '../core/mesh/mesh-config-fragment.js';
import { meshRequirements } from '../core/mesh/mesh-requirements.js';
import { parsePemBundle } from '../core/mesh/root-certificate.js';
import type { CommandContext } from './command-context.js';
import { compileDirectory } from './compile-directory.js';
import { locateFederation } from './federation-location.js';
import { parseCommandArgs } from './parse-command-args.js';
import { reportDiagnostics } from './report-diagnostics.js';
import { EXIT_INVALID, EXIT_OK, UsageError } from './usage-error.js';

export const MESH_CONFIG_USAGE = `meshfed mesh-config --peer PEER [DIR] [--format istiooperator|helm] [--root-cert FILE]
  Print what PEER's Istio installation must hold for the federation's flows to work: its trust domain,
  its consumers' trust domains (meshConfig.caCertificates[].trustDomains), meshID, network, cluster ID
  and its east-west gateway. --format istiooperator (default) prints an IstioOperator fragment for
  istioctl install; helm prints values for the istiod and gateway charts. --root-cert FILE (the shared
  root CA's PEM, checked against rootCA.fingerprint) adds it as caCertificates[].pem.
  meshfed apply refuses a cluster that lacks these (see docs/runners.md, "The preflight").`;

export async function meshConfigCommand(argv: readonly string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    'mesh-config',
    argv,
    { peer: { type: 'string' }, format: { type: 'string', short: 'f' }, 'root-cert': { type: 'string' } },
    1,
  );
  const format = (values.format ?? 'istiooperator') as MeshConfigFormat;
  if (!MESH_CONFIG_FORMATS.includes(format)) {
    throw new UsageError(`mesh-config: unknown --format "${values.format}" (use ${MESH_CONFIG_FORMATS.join(' or ')})`);
  }
  if (values.peer === undefined || values.peer === '') throw new UsageError('mesh-config: --peer PEER is required (run "meshfed help mesh-config")');
  const result = await compileDirectory(locateFederation(positionals[0], ctx.cwd));
  reportDiagnostics(ctx.printer, 'human', result.diagnostics);
  if (!result.rendered) {
    ctx.printer.err('invalid federation: no mesh config printed');
    return EXIT_INVALID;
  }
  const req = meshRequirements(result.model, values.peer);
  if (req === undefined) {
    throw new UsageError(`mesh-config: no peer "${values.peer}" (peers: ${[...result.model.peers.keys()].join(', ')})`);
  }
  let rootPem: string | undefined;
  if (values['root-cert'] !== undefined) {
    const file = values['root-cert'];
    const checked = await readRootCert(resolve(ctx.cwd, file), file, req.rootFingerprint);
    if ('error' in checked) {
      ctx.printer.err(`meshfed mesh-config: ${checked.error}`);
      return EXIT_INVALID;
    }
    rootPem = checked.pem;
  }
  ctx.printer.out(formatMeshConfig(req, format, rootPem).trimEnd());
  return EXIT_OK;
}

/** The one certificate of FILE whose fingerprint is the Federation's: anything else is refused, naming what was found. */
async function readRootCert(path: string, shown: string, expected: string | undefined): Promise<{ pem: string } | { error: string }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    return { error: `cannot read --root-cert ${shown}: ${(e as Error).message}` };
  }
  const bundle = parsePemBundle(text);
  if (!bundle.ok) return { error: `--root-cert ${shown}: ${bundle.error}; give the shared root CA certificate in PEM form` };
  const match = bundle.certificates.find((c) => c.fingerprint === expected);
  if (match === undefined) {
    const found = bundle.certificates.map((c) => `${opensslFingerprint(c.fingerprint)} (${c.subject})`).join('; ');
    const want = expected === undefined ? '(none)' : opensslFingerprint(expected);
    return {
      error:
        `--root-cert ${shown} is not the federation's root CA: rootCA.fingerprint in federation.yaml is ${want}, the file holds ${found}. ` +
        'Give the shared root (the root-cert.pem every peer\'s cacerts Secret holds), or correct rootCA.fingerprint (every peer must approve).',
    };
  }
  if (!match.isCA) return { error: `--root-cert ${shown}: the certificate ${opensslFingerprint(match.fingerprint)} is not a CA certificate (basicConstraints CA:FALSE); istiod refuses it as a trust anchor` };
  return { pem: match.pem };
}
