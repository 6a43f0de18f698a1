import { CompileCache, WHOLE_RUN_CACHE_LIMITS } from '../core/compile-cache.js';
import { planTotals, type PlanTotals } from '../core/plan/federation-plan.js';
import { planFederation } from '../core/plan/plan-federation.js';
import { manifestFiles } from '../core/render/output/manifest-files.js';
import { objectsToYaml } from '../core/render/output/serialize-yaml.js';
import { peerSummaryRows, peerSummaryTable } from '../core/report/peer-summary.js';
import type { CommandContext } from './command-context.js';
import { DIR_ARGUMENT, FORMAT_OPTION, LAYOUT_OPTION, defineCommand, type OptionSpecs, type ParsedArgs } from './command-definition.js';
import { compileDirectory } from './compile-directory.js';
import { writeOutputFolder } from './write-output-folder.js';
import { locateFederation } from './federation-location.js';
import { parseFormat, parseLayout } from './parse-command-args.js';
import { readDefaultBase } from './read-base-federation.js';
import { reportDiagnostics, reportInvalid } from './report-diagnostics.js';
import { EXIT_OK } from './usage-error.js';

const RUN_OPTIONS = {
  out: { type: 'string', value: 'OUTDIR', help: 'where to write the manifests (default: out)' },
  base: { type: 'string', value: 'REF', help: 'plan against git ref REF (default: HEAD when DIR is in git; an empty federation otherwise)' },
  ...LAYOUT_OPTION,
  ...FORMAT_OPTION,
} as const satisfies OptionSpecs;

export const RUN_COMMAND = defineCommand(
  {
    name: 'run',
    synopsis: '[DIR] [options]',
    description:
      'The main job: validate and render DIR, plan it against a git ref (what the working tree changes in each peer\'s ' +
      'rendered objects), print a per-peer summary, and write the manifests to OUTDIR/<peer>/.',
    arguments: [DIR_ARGUMENT],
    options: RUN_OPTIONS,
  },
  runCommand,
);

export async function runCommand({ values, positionals }: ParsedArgs<typeof RUN_OPTIONS>, ctx: CommandContext): Promise<number> {
  const format = parseFormat(values.format);
  const location = await locateFederation(positionals[0], ctx.cwd);
  // Head and base share one cache: each distinct file is parsed once, and only peers whose inputs differ are rendered twice.
  const cache = new CompileCache(WHOLE_RUN_CACHE_LIMITS);
  const head = await compileDirectory(location, { cache });
  reportDiagnostics(ctx.printer, format, head.diagnostics);
  // compileFederation renders nothing when there are errors.
  const shown = location.shown ?? location.root;
  if (!head.rendered) return reportInvalid(ctx.printer, format, head.diagnostics, `${shown}: invalid, nothing rendered or written`);
  const base = await readDefaultBase(location, values.base, { cache, known: head.files });
  const baseRendered = base?.rendered ?? new Map();
  const plan = planFederation(baseRendered, head.rendered);
  const outDir = values.out ?? 'out';
  const files = manifestFiles(head.rendered, objectsToYaml, parseLayout(values.layout));
  const written = await writeOutputFolder(ctx.cwd, outDir, files);
  const rows = peerSummaryRows(head.model, head.rendered, plan);
  const baseLabel = describeBase(base);
  if (format === 'json') {
    ctx.printer.out(JSON.stringify({ ok: true, base: baseLabel, peers: rows, totals: planTotals(plan), written }, null, 2));
    return EXIT_OK;
  }
  // Two runs (npm start) must be told apart: name the folder as given, not just its last segment.
  ctx.printer.out(`${shown}: ${head.model.peers.size} peers, ${head.files.length} files: valid`);
  ctx.printer.out('');
  for (const line of peerSummaryTable(rows, `plan vs ${baseLabel}`)) ctx.printer.out(line);
  ctx.printer.out('');
  // The plan is a difference (base vs working tree); OUTDIR holds the whole rendered state. Say which is which,
  // so that "no changes" beside "9 written" (a fresh OUTDIR) is not a contradiction.
  ctx.printer.out(`plan vs ${baseLabel}: ${describePlan(planTotals(plan))}`);
  ctx.printer.out(
    `${outDir.replace(/\/+$/, '')}/ holds the ${files.length} manifests of ${shown}: ` +
      `${written.written} written, ${written.unchanged} already up to date, ${written.removed} stale removed`,
  );
  return EXIT_OK;
}

function describePlan(t: PlanTotals): string {
  if (t.added + t.changed + t.removed === 0) return 'no object of any peer changes';
  return `${t.added} objects added, ${t.changed} changed, ${t.removed} removed, in ${t.affectedPeers} of ${t.peers} peers`;
}

function describeBase(base: Awaited<ReturnType<typeof readDefaultBase>>): string {
  if (base === undefined) return 'empty federation';
  if (base.rendered) return base.ref;
  if (base.model.federation === undefined && base.model.peers.size === 0) return `${base.ref} (no federation there yet)`;
  return `${base.ref} (invalid there: planned against empty)`;
}
