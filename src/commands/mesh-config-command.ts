import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { opensslFingerprint } from '../core/mesh/fingerprint.js';
import { formatMeshConfig, MESH_CONFIG_FORMATS, type MeshConfigFormat } from '../core/mesh/mesh-config-fragment.js';
import { meshRequirements } from '../core/mesh/mesh-requirements.js';
import { parsePemBundle } from '../core/mesh/root-certificate.js';
import { closestName } from '../core/load/closest-name.js';
import type { CommandContext } from './command-context.js';
import { DIR_ARGUMENT, defineCommand, type OptionSpecs, type ParsedArgs } from './command-definition.js';
import { compileDirectory } from './compile-directory.js';
import { locateFederation } from './federation-location.js';
import { reportDiagnostics } from './report-diagnostics.js';
import { EXIT_INVALID, EXIT_OK, InvalidInputError, UsageError } from './usage-error.js';

const MESH_CONFIG_OPTIONS = {
  peer: { type: 'string', value: 'PEER', help: 'the peer whose Istio installation to describe (required)' },
  format: { type: 'string', short: 'f', value: 'FORMAT', help: 'istiooperator (default): an IstioOperator for istioctl install; helm: values for the istio/istiod and istio/gateway charts' },
  'root-cert': { type: 'string', value: 'FILE', help: 'the shared root CA certificate (PEM); checked against rootCA.fingerprint and added as caCertificates[].pem' },
} as const satisfies OptionSpecs;

export const MESH_CONFIG_COMMAND = defineCommand(
  {
    name: 'mesh-config',
    synopsis: '--peer PEER [DIR] [options]',
    description:
      'Print what PEER\'s Istio installation must hold for the federation\'s flows to work: its trust domain, its consumers\' ' +
      'trust domains (meshConfig.caCertificates[].trustDomains), meshID, network, cluster ID and its east-west gateway.\n\n' +
      '`meshfed apply` refuses a cluster that lacks them (its preflight).',
    arguments: [DIR_ARGUMENT],
    options: MESH_CONFIG_OPTIONS,
    seeAlso: 'docs/runners.md',
  },
  meshConfigCommand,
);

export async function meshConfigCommand({ values, positionals }: ParsedArgs<typeof MESH_CONFIG_OPTIONS>, ctx: CommandContext): Promise<number> {
  const format = (values.format ?? 'istiooperator') as MeshConfigFormat;
  if (!MESH_CONFIG_FORMATS.includes(format)) {
    const suggestion = closestName(format, MESH_CONFIG_FORMATS);
    throw new UsageError(`unknown --format "${format}"`, `${suggestion ? `did you mean "${suggestion}"? ` : ''}use istiooperator or helm`);
  }
  if (values.peer === undefined || values.peer === '') throw new UsageError('--peer is required', 'write --peer PEER, e.g. --peer alpha');
  const result = await compileDirectory(await locateFederation(positionals[0], ctx.cwd));
  reportDiagnostics(ctx.printer, 'human', result.diagnostics);
  if (!result.rendered) {
    ctx.printer.err('invalid federation: no mesh config printed');
    return EXIT_INVALID;
  }
  const req = meshRequirements(result.model, values.peer);
  if (req === undefined) {
    const peers = [...result.model.peers.keys()];
    const suggestion = closestName(values.peer, peers);
    throw new InvalidInputError(`no peer "${values.peer}" in this federation (${suggestion ? `did you mean "${suggestion}"? ` : ''}peers: ${peers.join(', ') || 'none'})`);
  }
  let rootPem: string | undefined;
  if (values['root-cert'] !== undefined) {
    const file = values['root-cert'];
    const checked = await readRootCert(resolve(ctx.cwd, file), file, req.rootFingerprint);
    if ('error' in checked) throw new InvalidInputError(checked.error);
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
