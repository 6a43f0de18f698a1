import { resolve } from 'node:path';
import { writeManifestFiles } from '../adapters/fs/write-manifest-files.js';
import { planTotals } from '../core/plan/federation-plan.js';
import { planFederation } from '../core/plan/plan-federation.js';
import { manifestFiles } from '../core/render/manifest-files.js';
import { objectsToYaml } from '../core/render/serialize-yaml.js';
import { peerSummaryRows, peerSummaryTable } from '../core/report/peer-summary.js';
import type { CommandContext } from './command-context.js';
import { compileDirectory } from './compile-directory.js';
import { locateFederation } from './federation-location.js';
import { FORMAT_OPTION, parseCommandArgs, parseFormat } from './parse-command-args.js';
import { readDefaultBase } from './read-base-federation.js';
import { reportDiagnostics, reportInvalid } from './report-diagnostics.js';
import { EXIT_OK } from './usage-error.js';

export const RUN_USAGE = `meshfed run [DIR] [--out OUTDIR] [--base REF] [--format human|json|github]
  The main job: validate and render DIR (default: federation), plan it against REF (default: HEAD
  when DIR is in git; an empty federation otherwise), print a per-peer summary and write the
  manifests to OUTDIR/<peer>/ (default: out).`;

export async function runCommand(argv: readonly string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs('run', argv, { ...FORMAT_OPTION, out: { type: 'string' }, base: { type: 'string' } }, 1);
  const format = parseFormat('run', values.format);
  const location = locateFederation(positionals[0], ctx.cwd);
  const head = await compileDirectory(location);
  reportDiagnostics(ctx.printer, format, head.diagnostics);
  // compileFederation renders nothing when there are errors.
  if (!head.rendered) return reportInvalid(ctx.printer, format, head.diagnostics, `${location.root}: invalid, nothing rendered or written`);
  const base = await readDefaultBase(location, values.base);
  const baseRendered = base?.rendered ?? new Map();
  const plan = planFederation(baseRendered, head.rendered);
  const outDir = values.out ?? 'out';
  const written = await writeManifestFiles(resolve(ctx.cwd, outDir), manifestFiles(head.rendered, objectsToYaml));
  const rows = peerSummaryRows(head.model, head.rendered, plan);
  const baseLabel = describeBase(base);
  if (format === 'json') {
    ctx.printer.out(JSON.stringify({ ok: true, base: baseLabel, peers: rows, totals: planTotals(plan), written }, null, 2));
    return EXIT_OK;
  }
  ctx.printer.out(`${location.root}: ${head.model.peers.size} peers, ${head.files.length} files: valid`);
  ctx.printer.out('');
  for (const line of peerSummaryTable(rows, `plan vs ${baseLabel}`)) ctx.printer.out(line);
  ctx.printer.out('');
  ctx.printer.out(`${outDir}/: ${written.written} written, ${written.unchanged} unchanged, ${written.removed} removed`);
  return EXIT_OK;
}

function describeBase(base: Awaited<ReturnType<typeof readDefaultBase>>): string {
  if (base === undefined) return 'empty federation';
  if (base.rendered) return base.ref;
  if (base.model.federation === undefined && base.model.peers.size === 0) return `${base.ref} (no federation there yet)`;
  return `${base.ref} (invalid there: planned against empty)`;
}
