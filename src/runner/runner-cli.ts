import { parseArgs, type ParseArgsConfig } from 'node:util';
import { processIo, runApply, type RunnerIo } from './run-apply.js';
import { DRIFT_EXIT, runDrift } from './run-drift.js';

export const APPLY_USAGE = `Usage: meshfed apply --peer P [DIR] [options]

In a peer's own runner: render the federation in DIR (default: federation) from the files on disk and
server-side apply that peer's objects to its cluster (field manager "meshfed").

  --peer P              the peer whose objects to apply (required)
  --kubeconfig FILE     kubeconfig to use (default: $KUBECONFIG, ~/.kube/config, or in-cluster)
  --context NAME        kubeconfig context to use
  --dry-run             server-side dry run only: report what would change, write nothing
  --prune               delete objects meshfed applied earlier that are no longer desired
  --allow-mass-prune    allow prune to delete all, or more than half, of the inventory
  --force-conflicts     take over fields another field manager owns (server-side apply force)

Exit codes: 0 success, 1 failed or refused (nothing or not everything applied), 2 usage error.
See docs/runners.md.`;

export const DRIFT_USAGE = `Usage: meshfed drift --peer P [DIR] [options]

Compare the peer's live objects with the desired ones rendered from DIR (default: federation), field by
field for the fields meshfed manages; also lists objects labelled as meshfed's that are no longer desired.

  --peer P              the peer to check (required)
  --kubeconfig FILE     kubeconfig to use (default: $KUBECONFIG, ~/.kube/config, or in-cluster)
  --context NAME        kubeconfig context to use
  --markdown FILE       also write the report as Markdown to FILE

Exit codes: 0 no drift, 2 drift found, 1 error (including usage errors). See docs/runners.md.`;

const COMMON = {
  peer: { type: 'string' },
  kubeconfig: { type: 'string' },
  context: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const PEER = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

type Parsed<T> = { ok: true; values: T; dir: string | undefined } | { ok: false; message: string };

function parse(argv: string[], options: NonNullable<ParseArgsConfig['options']>): Parsed<Record<string, string | boolean | undefined>> {
  try {
    const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    if (positionals.length > 1) return { ok: false, message: `expected at most one DIR, got ${positionals.join(' ')}` };
    const v = values as Record<string, string | boolean | undefined>;
    if (!v.help) {
      if (typeof v.peer !== 'string' || v.peer === '') return { ok: false, message: '--peer is required' };
      if (!PEER.test(v.peer)) return { ok: false, message: `--peer "${v.peer}" is not a peer name (a DNS-1123 label, e.g. "alpha")` };
    }
    return { ok: true, values: v, dir: positionals[0] };
  } catch (e) {
    return { ok: false, message: (e as Error).message };
  }
}

/** `meshfed apply`; returns the exit code. */
export async function applyCommand(argv: string[], io: RunnerIo = processIo): Promise<number> {
  const p = parse(argv, {
    ...COMMON,
    'dry-run': { type: 'boolean' },
    prune: { type: 'boolean' },
    'allow-mass-prune': { type: 'boolean' },
    'force-conflicts': { type: 'boolean' },
  });
  if (!p.ok) {
    io.err(`meshfed apply: ${p.message}\n\n${APPLY_USAGE}`);
    return 2;
  }
  if (p.values.help) {
    io.out(APPLY_USAGE);
    return 0;
  }
  const v = p.values;
  const result = await runApply({
    peer: String(v.peer),
    dir: p.dir,
    kubeconfig: v.kubeconfig as string | undefined,
    context: v.context as string | undefined,
    dryRun: v['dry-run'] === true,
    prune: v.prune === true,
    allowMassPrune: v['allow-mass-prune'] === true,
    forceConflicts: v['force-conflicts'] === true,
    io,
  });
  return result.exitCode;
}

/** `meshfed drift`; returns 0 (no drift), 2 (drift) or 1 (error, including usage errors). */
export async function driftCommand(argv: string[], io: RunnerIo = processIo): Promise<number> {
  const p = parse(argv, { ...COMMON, markdown: { type: 'string' } });
  if (!p.ok) {
    io.err(`meshfed drift: ${p.message}\n\n${DRIFT_USAGE}`);
    return DRIFT_EXIT.error;
  }
  if (p.values.help) {
    io.out(DRIFT_USAGE);
    return 0;
  }
  const v = p.values;
  const result = await runDrift({
    peer: String(v.peer),
    dir: p.dir,
    kubeconfig: v.kubeconfig as string | undefined,
    context: v.context as string | undefined,
    markdownFile: v.markdown as string | undefined,
    io,
  });
  return result.exitCode;
}
