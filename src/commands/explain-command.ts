import { closestName } from '../core/load/closest-name.js';
import { explainFederation, flowsOfPeer } from '../core/report/effect/explain-report.js';
import { explainJson, formatExplain } from '../core/report/effect/format-explain.js';
import type { CommandContext } from './command-context.js';
import { DIR_ARGUMENT, defineCommand, type OptionSpecs, type ParsedArgs } from './command-definition.js';
import { compileDirectory } from './compile-directory.js';
import { locateFederation } from './federation-location.js';
import { parseFormat } from './parse-command-args.js';
import { reportDiagnostics, reportInvalid } from './report-diagnostics.js';
import { EXIT_OK, InvalidInputError } from './usage-error.js';

/** explain writes a report, not annotations on intent files: no `github` format. */
const EXPLAIN_FORMATS = ['human', 'json'] as const;

const EXPLAIN_OPTIONS = {
  peer: { type: 'string', value: 'PEER', help: 'only the flows PEER consumes or provides' },
  format: { type: 'string', short: 'f', value: 'FORMAT', help: 'human (default) or json' },
} as const satisfies OptionSpecs;

export const EXPLAIN_COMMAND = defineCommand(
  {
    name: 'explain',
    synopsis: '[DIR] [options]',
    description:
      'Print, per flow (a consumer\'s import of a provider\'s export) and port, what the mesh will enforce and where: ' +
      'routing, failover order and when spill starts, ejection, limits on each side, TLS and SNI, who is admitted. ' +
      'It is computed by a model of Istio\'s and Envoy\'s resolution over the rendered objects, not read off the intents.',
    arguments: [DIR_ARGUMENT],
    options: EXPLAIN_OPTIONS,
    seeAlso: 'docs/explain.md',
  },
  explainCommand,
);

export async function explainCommand({ values, positionals }: ParsedArgs<typeof EXPLAIN_OPTIONS>, ctx: CommandContext): Promise<number> {
  const format = parseFormat(values.format, EXPLAIN_FORMATS);
  const result = await compileDirectory(await locateFederation(positionals[0], ctx.cwd));
  reportDiagnostics(ctx.printer, format, result.diagnostics);
  if (!result.rendered) return reportInvalid(ctx.printer, format, result.diagnostics, 'invalid federation: nothing to explain');
  let report = explainFederation(result.model, result.rendered);
  if (values.peer !== undefined) {
    if (!result.rendered.has(values.peer)) {
      const peers = [...result.rendered.keys()];
      const suggestion = closestName(values.peer, peers);
      throw new InvalidInputError(`no peer "${values.peer}" in this federation (${suggestion ? `did you mean "${suggestion}"? ` : ''}peers: ${peers.join(', ') || 'none'})`);
    }
    report = flowsOfPeer(report, values.peer);
  }
  ctx.printer.out((format === 'json' ? explainJson(report) : formatExplain(report)).trimEnd());
  return EXIT_OK;
}
