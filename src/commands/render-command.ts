import { hasErrors } from '../core/diagnostics.js';
import { canonicalObject } from '../core/render/canonical-object.js';
import { RenderedOnDemand } from '../core/render/rendered-on-demand.js';
import type { RenderedFederation } from '../core/render/rendered-object.js';
import { manifestFiles } from '../core/render/output/manifest-files.js';
import { objectsToYaml } from '../core/render/output/serialize-yaml.js';
import { closestName } from '../core/load/closest-name.js';
import type { CommandContext } from './command-context.js';
import { DIR_ARGUMENT, FORMAT_OPTION, LAYOUT_OPTION, defineCommand, type OptionSpecs, type ParsedArgs } from './command-definition.js';
import { compileDirectory } from './compile-directory.js';
import { writeOutputFolder } from './write-output-folder.js';
import { locateFederation } from './federation-location.js';
import { parseFormat, parseLayout } from './parse-command-args.js';
import { reportDiagnostics, reportInvalid } from './report-diagnostics.js';
import { EXIT_OK, InvalidInputError } from './usage-error.js';

const RENDER_OPTIONS = {
  peer: { type: 'string', value: 'PEER', help: 'only this peer\'s manifests' },
  out: { type: 'string', value: 'OUTDIR', help: 'write the manifests to OUTDIR/<peer>/ instead (see --layout), and remove stale files meshfed wrote there' },
  ...LAYOUT_OPTION,
  ...FORMAT_OPTION,
} as const satisfies OptionSpecs;

export const RENDER_COMMAND = defineCommand(
  {
    name: 'render',
    synopsis: '[DIR] [options]',
    description: 'Render the Istio manifests of every peer (or one). Without --out, print them as YAML to stdout.',
    arguments: [DIR_ARGUMENT],
    options: RENDER_OPTIONS,
    seeAlso: 'docs/istio.md',
  },
  renderCommand,
);

export async function renderCommand({ values, positionals }: ParsedArgs<typeof RENDER_OPTIONS>, ctx: CommandContext): Promise<number> {
  const format = parseFormat(values.format);
  const layout = parseLayout(values.layout);
  const result = await compileDirectory(await locateFederation(positionals[0], ctx.cwd), { render: false });
  reportDiagnostics(ctx.printer, format, result.diagnostics);
  if (hasErrors(result.diagnostics)) return reportInvalid(ctx.printer, format, result.diagnostics, 'invalid federation: nothing rendered');
  // Each peer is rendered when its output is written and not kept after (rendered-on-demand.ts): the objects of a
  // large federation never all live at once (at 10,000 peers that was 870,000 objects and a fifth of the time in GC).
  let rendered: RenderedFederation = new RenderedOnDemand(result);
  if (values.peer !== undefined) {
    const objects = rendered.get(values.peer);
    if (!objects) {
      const peers = [...rendered.keys()];
      const suggestion = closestName(values.peer, peers);
      throw new InvalidInputError(`no peer "${values.peer}" in this federation (${suggestion ? `did you mean "${suggestion}"? ` : ''}peers: ${peers.join(', ') || 'none'})`);
    }
    rendered = new Map([[values.peer, objects]]);
  }
  if (values.out !== undefined) {
    const summary = await writeOutputFolder(ctx.cwd, values.out, manifestFiles(rendered, objectsToYaml, layout));
    ctx.printer.err(`${values.out}: ${summary.written} written, ${summary.unchanged} unchanged, ${summary.removed} removed`);
  }
  if (format === 'json') {
    // In the canonical layout of the YAML output (keys sorted, `undefined` dropped): render keeps build order.
    const peers = Object.fromEntries([...rendered].map(([peer, objects]) => [peer, objects.map(canonicalObject)]));
    ctx.printer.out(JSON.stringify({ ok: true, peers }, null, 2));
  } else if (values.out === undefined) {
    for (const [peer, objects] of rendered) {
      ctx.printer.out(`# ---- peer: ${peer} (${objects.length} objects)`);
      ctx.printer.out(objectsToYaml(objects).trimEnd());
    }
  }
  return EXIT_OK;
}
