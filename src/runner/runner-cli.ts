import type { CommandContext } from '../commands/command-context.js';
import { DIR_ARGUMENT, defineCommand, type OptionSpecs } from '../commands/command-definition.js';
import { executeCommand } from '../commands/execute-command.js';
import { UsageError } from '../commands/usage-error.js';
import { DEFAULT_MASS_PRUNE_THRESHOLD } from '../core/apply/select-prune.js';
import { processIo, runApply, type RunnerIo } from './run-apply.js';
import { DRIFT_EXIT, runDrift } from './run-drift.js';

const COMMON = {
  peer: { type: 'string', value: 'PEER', help: 'the peer whose objects to handle (required): this runner\'s own peer' },
  kubeconfig: { type: 'string', value: 'FILE', help: 'kubeconfig to use (default: $KUBECONFIG, ~/.kube/config, or in-cluster)' },
  context: { type: 'string', value: 'NAME', help: 'kubeconfig context to use' },
} as const satisfies OptionSpecs;

const PEER = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** `--peer` is required and must be a peer name: checked before the federation is read or a cluster contacted. */
function requirePeer(peer: string | undefined): string {
  if (peer === undefined || peer === '') throw new UsageError('--peer is required', 'name this runner\'s peer, e.g. --peer alpha');
  if (!PEER.test(peer)) throw new UsageError(`--peer "${peer}" is not a peer name`, 'a peer name is a DNS-1123 label, e.g. "alpha": lowercase letters, digits and "-"');
  return peer;
}

/** A non-negative whole number given to a flag. */
function count(flag: string, text: string): number {
  if (!/^\d{1,6}$/.test(text)) throw new UsageError(`${flag} "${text}" is not a count`, `give a whole number of objects, e.g. ${flag} ${DEFAULT_MASS_PRUNE_THRESHOLD}`);
  return Number(text);
}

const APPLY_OPTIONS = {
  ...COMMON,
  'dry-run': { type: 'boolean', help: 'server-side dry run only: report what would change, write nothing' },
  prune: { type: 'boolean', help: 'delete objects meshfed applied earlier that are no longer desired' },
  'allow-mass-prune': { type: 'boolean', help: 'let prune delete what the mass-prune guard refuses (this run only)' },
  'mass-prune-threshold': {
    type: 'string',
    value: 'N',
    help: `prune refuses to delete more than half of the inventory when that is also more than N objects (default ${DEFAULT_MASS_PRUNE_THRESHOLD}); an empty desired state is always refused`,
  },
  'force-conflicts': { type: 'boolean', help: 'take over fields another field manager owns (server-side apply force)' },
  'skip-preflight': {
    type: 'boolean',
    help: 'apply without first checking the cluster\'s Istio (trust domains, root CA, foreign DestinationRules and VirtualServices); loud, and recorded in the report, job summary and deployment status',
  },
} as const satisfies OptionSpecs;

export const APPLY_COMMAND = defineCommand(
  {
    name: 'apply',
    synopsis: '--peer PEER [DIR] [options]',
    description:
      'In a peer\'s own runner: render the federation in DIR from the files on disk and server-side apply that ' +
      'peer\'s objects to its cluster (field manager "meshfed").',
    arguments: [DIR_ARGUMENT],
    options: APPLY_OPTIONS,
    exitCodes: 'Exit codes: 0 success, 1 failed or refused (nothing or not everything applied), 2 usage error, 70 a bug in meshfed.',
    seeAlso: 'docs/runners.md',
  },
  async ({ values, positionals }, ctx) => {
    const peer = requirePeer(values.peer);
    const result = await runApply({
      peer,
      dir: positionals[0],
      kubeconfig: values.kubeconfig,
      context: values.context,
      io: runnerIo(ctx),
      dryRun: values['dry-run'] === true,
      prune: values.prune === true,
      allowMassPrune: values['allow-mass-prune'] === true,
      ...(values['mass-prune-threshold'] !== undefined ? { massPruneThreshold: count('--mass-prune-threshold', values['mass-prune-threshold']) } : {}),
      forceConflicts: values['force-conflicts'] === true,
      skipPreflight: values['skip-preflight'] === true,
    });
    return result.exitCode;
  },
);

const DRIFT_OPTIONS = {
  ...COMMON,
  markdown: { type: 'string', value: 'FILE', help: 'also write the report as Markdown to FILE' },
} as const satisfies OptionSpecs;

export const DRIFT_COMMAND = defineCommand(
  {
    name: 'drift',
    synopsis: '--peer PEER [DIR] [options]',
    description:
      'Compare the peer\'s live objects with the desired ones rendered from DIR, field by field for the fields ' +
      'meshfed manages; also lists objects labelled as meshfed\'s that are no longer desired.',
    arguments: [DIR_ARGUMENT],
    options: DRIFT_OPTIONS,
    exitCodes: 'Exit codes: 0 no drift, 2 drift found, 1 every error (usage errors and bugs included), so that 2 always means drift.',
    errorExit: DRIFT_EXIT.error,
    seeAlso: 'docs/runners.md',
  },
  async ({ values, positionals }, ctx) => {
    const peer = requirePeer(values.peer);
    const result = await runDrift({
      peer,
      dir: positionals[0],
      kubeconfig: values.kubeconfig,
      context: values.context,
      io: runnerIo(ctx),
      markdownFile: values.markdown,
    });
    return result.exitCode;
  },
);

/** `meshfed apply` with the runner's own I/O; returns the exit code. */
export function applyCommand(argv: readonly string[], io: RunnerIo = processIo): Promise<number> {
  return executeCommand(APPLY_COMMAND, argv, commandContext(io));
}

/** `meshfed drift`; returns 0 (no drift), 2 (drift) or 1 (every error, usage errors included). */
export function driftCommand(argv: readonly string[], io: RunnerIo = processIo): Promise<number> {
  return executeCommand(DRIFT_COMMAND, argv, commandContext(io));
}

/** The CLI's context as the runner's I/O (RunnerIo writes text that may end in a newline; the printer adds its own). */
function runnerIo(ctx: CommandContext): RunnerIo {
  return {
    cwd: ctx.cwd,
    env: ctx.env,
    out: (text) => ctx.printer.out(text.replace(/\n$/, '')),
    err: (text) => ctx.printer.err(text.replace(/\n$/, '')),
  };
}

function commandContext(io: RunnerIo): CommandContext {
  return { cwd: io.cwd, env: io.env, printer: { out: (line) => io.out(line), err: (line) => io.err(line) } };
}
