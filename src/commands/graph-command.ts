import { mermaidGraph, mermaidGraphDiff } from '../core/report/mermaid-graph.js';
import type { CommandContext } from './command-context.js';
import { compileDirectory } from './compile-directory.js';
import { locateFederation } from './federation-location.js';
import { parseCommandArgs } from './parse-command-args.js';
import { readFederationAtRef } from './read-base-federation.js';
import { reportDiagnostics } from './report-diagnostics.js';
import { EXIT_INVALID, EXIT_OK } from './usage-error.js';

export const GRAPH_USAGE = `meshfed graph [DIR] [--base REF] [--markdown]
  Print a Mermaid flowchart of the peers and the flows between them. With --base, mark the flows
  the working tree adds (green) or removes (red, dotted) compared with REF. --markdown wraps it in a
  \`\`\`mermaid block for pasting into GitHub.`;

export async function graphCommand(argv: readonly string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs('graph', argv, { base: { type: 'string' }, markdown: { type: 'boolean' } }, 1);
  const location = locateFederation(positionals[0], ctx.cwd);
  const head = await compileDirectory(location);
  reportDiagnostics(ctx.printer, 'human', head.diagnostics);
  if (!head.rendered) return EXIT_INVALID;
  const graph = values.base === undefined
    ? mermaidGraph(head.model)
    : mermaidGraphDiff((await readFederationAtRef(location, values.base)).model, head.model);
  ctx.printer.out(values.markdown ? `\`\`\`mermaid\n${graph}\`\`\`` : graph.trimEnd());
  return EXIT_OK;
}
