import { hasErrors } from '../core/diagnostics.js';
import { mermaidGraph, mermaidGraphDiff } from '../core/report/mermaid-graph.js';
import type { CommandContext } from './command-context.js';
import { DIR_ARGUMENT, defineCommand, type OptionSpecs, type ParsedArgs } from './command-definition.js';
import { compileDirectory } from './compile-directory.js';
import { locateFederation } from './federation-location.js';
import { readFederationAtRef } from './read-base-federation.js';
import { reportDiagnostics } from './report-diagnostics.js';
import { EXIT_INVALID, EXIT_OK } from './usage-error.js';

const GRAPH_OPTIONS = {
  base: { type: 'string', value: 'REF', help: 'mark the flows the working tree adds (green) or removes (red, dotted) compared with git ref REF' },
  markdown: { type: 'boolean', help: 'wrap the graph in a ```mermaid block for pasting into GitHub' },
} as const satisfies OptionSpecs;

export const GRAPH_COMMAND = defineCommand(
  {
    name: 'graph',
    synopsis: '[DIR] [options]',
    description: 'Print a Mermaid flowchart of the peers and the flows between them.',
    arguments: [DIR_ARGUMENT],
    options: GRAPH_OPTIONS,
  },
  graphCommand,
);

export async function graphCommand({ values, positionals }: ParsedArgs<typeof GRAPH_OPTIONS>, ctx: CommandContext): Promise<number> {
  const location = await locateFederation(positionals[0], ctx.cwd);
  // The graph needs the intents only: no render.
  const head = await compileDirectory(location, { render: false });
  reportDiagnostics(ctx.printer, 'human', head.diagnostics);
  if (hasErrors(head.diagnostics)) return EXIT_INVALID;
  const graph = values.base === undefined
    ? mermaidGraph(head.model)
    : mermaidGraphDiff((await readFederationAtRef(location, values.base, { render: false })).model, head.model);
  ctx.printer.out(values.markdown ? `\`\`\`mermaid\n${graph}\`\`\`` : graph.trimEnd());
  return EXIT_OK;
}
