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

interface Args {
  readonly values: Record<string, string | boolean | undefined>;
  readonly dir: string | undefined;
}

type Parsed = ({ ok: true } & Args) | { ok: false; message: string };

function parse(argv: string[], options: NonNullable<ParseArgsConfig['options']>): Parsed {
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

interface Command {
  /** `apply` or `drift`. */
  readonly name: string;
  readonly usage: string;
  /** The exit code of a usage error. */
  readonly usageExit: number;
  readonly options: NonNullable<ParseArgsConfig['options']>;
}

/** The parsed arguments; or, after printing the usage error or the help, the exit code. */
function parseCommand(command: Command, argv: string[], io: RunnerIo): Args | number {
  const p = parse(argv, command.options);
  if (!p.ok) {
    io.err(`meshfed ${command.name}: ${p.message}\n\n${command.usage}`);
    return command.usageExit;
  }
  if (p.values.help) {
    io.out(command.usage);
    return 0;
  }
  return p;
}

/** The options of every runner command (the COMMON flags and DIR). */
function commonRunOptions(args: Args, io: RunnerIo) {
  const v = args.values;
  return { peer: String(v.peer), dir: args.dir, kubeconfig: v.kubeconfig as string | undefined, context: v.context as string | undefined, io };
}

const APPLY: Command = {
  name: 'apply',
  usage: APPLY_USAGE,
  usageExit: 2,
  options: {
    ...COMMON,
    'dry-run': { type: 'boolean' },
    prune: { type: 'boolean' },
    'allow-mass-prune': { type: 'boolean' },
    'force-conflicts': { type: 'boolean' },
  },
};

const DRIFT: Command = {
  name: 'drift',
  usage: DRIFT_USAGE,
  usageExit: DRIFT_EXIT.error,
  options: { ...COMMON, markdown: { type: 'string' } },
};

/** `meshfed apply`; returns the exit code. */
export async function applyCommand(argv: string[], io: RunnerIo = processIo): Promise<number> {
  const p = parseCommand(APPLY, argv, io);
  if (typeof p === 'number') return p;
  const v = p.values;
  const result = await runApply({
    ...commonRunOptions(p, io),
    dryRun: v['dry-run'] === true,
    prune: v.prune === true,
    allowMassPrune: v['allow-mass-prune'] === true,
    forceConflicts: v['force-conflicts'] === true,
  });
  return result.exitCode;
}

/** `meshfed drift`; returns 0 (no drift), 2 (drift) or 1 (error, including usage errors). */
export async function driftCommand(argv: string[], io: RunnerIo = processIo): Promise<number> {
  const p = parseCommand(DRIFT, argv, io);
  if (typeof p === 'number') return p;
  const result = await runDrift({
    ...commonRunOptions(p, io),
    markdownFile: p.values.markdown as string | undefined,
  });
  return result.exitCode;
}
