import { resolve } from 'node:path';
import { writeManifestFiles } from '../adapters/fs/write-manifest-files.js';
import { manifestFiles } from '../core/render/manifest-files.js';
import { objectsToYaml } from '../core/render/serialize-yaml.js';
import type { CommandContext } from './command-context.js';
import { compileDirectory } from './compile-directory.js';
import { locateFederation } from './federation-location.js';
import { FORMAT_OPTION, parseCommandArgs, parseFormat } from './parse-command-args.js';
import { reportDiagnostics, reportInvalid } from './report-diagnostics.js';
import { EXIT_OK, UsageError } from './usage-error.js';

export const RENDER_USAGE = `meshfed render [DIR] [--peer PEER] [--out OUTDIR] [--format human|json|github]
  Render the Istio manifests of every peer (or one). Without --out, print YAML to stdout;
  with --out, write OUTDIR/<peer>/<kind>.<namespace>.<name>.yaml and remove stale files meshfed wrote.`;

export async function renderCommand(argv: readonly string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs('render', argv, { ...FORMAT_OPTION, peer: { type: 'string' }, out: { type: 'string' } }, 1);
  const format = parseFormat('render', values.format);
  const result = await compileDirectory(locateFederation(positionals[0], ctx.cwd));
  reportDiagnostics(ctx.printer, format, result.diagnostics);
  if (!result.rendered) return reportInvalid(ctx.printer, format, result.diagnostics, 'invalid federation: nothing rendered');
  let rendered = result.rendered;
  if (values.peer !== undefined) {
    const objects = rendered.get(values.peer);
    if (!objects) throw new UsageError(`render: no peer "${values.peer}" (peers: ${[...rendered.keys()].join(', ')})`);
    rendered = new Map([[values.peer, objects]]);
  }
  if (values.out !== undefined) {
    const summary = await writeManifestFiles(resolve(ctx.cwd, values.out), manifestFiles(rendered, objectsToYaml));
    ctx.printer.err(`${values.out}: ${summary.written} written, ${summary.unchanged} unchanged, ${summary.removed} removed`);
  }
  if (format === 'json') {
    ctx.printer.out(JSON.stringify({ ok: true, peers: Object.fromEntries(rendered) }, null, 2));
  } else if (values.out === undefined) {
    for (const [peer, objects] of rendered) {
      ctx.printer.out(`# ---- peer: ${peer} (${objects.length} objects)`);
      ctx.printer.out(objectsToYaml(objects).trimEnd());
    }
  }
  return EXIT_OK;
}
