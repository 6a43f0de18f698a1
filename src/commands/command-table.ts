import type { CommandContext } from './command-context.js';

export interface CommandSpec {
  readonly summary: string;
  /** Loaded on demand: the Kubernetes client and Probot are only imported by the commands that need them. */
  readonly load: () => Promise<{ run: (argv: readonly string[], ctx: CommandContext) => Promise<number>; usage: string }>;
}

export const COMMANDS: Readonly<Record<string, CommandSpec>> = {
  run: {
    summary: 'validate, render and plan a federation, print a per-peer summary, write out/<peer>/',
    load: async () => { const m = await import('./run-command.js'); return { run: m.runCommand, usage: m.RUN_USAGE }; },
  },
  validate: {
    summary: 'parse and validate intents; every error as file:line:col',
    load: async () => { const m = await import('./validate-command.js'); return { run: m.validateCommand, usage: m.VALIDATE_USAGE }; },
  },
  render: {
    summary: 'render per-peer Istio manifests (stdout or --out DIR)',
    load: async () => { const m = await import('./render-command.js'); return { run: m.renderCommand, usage: m.RENDER_USAGE }; },
  },
  plan: {
    summary: 'per-peer diff between two git refs and the approvals it needs',
    load: async () => { const m = await import('./plan-command.js'); return { run: m.planCommand, usage: m.PLAN_USAGE }; },
  },
  graph: {
    summary: 'Mermaid diagram of peers and the flows between them',
    load: async () => { const m = await import('./graph-command.js'); return { run: m.graphCommand, usage: m.GRAPH_USAGE }; },
  },
  codeowners: {
    summary: 'write or --check CODEOWNERS generated from the peers\' owners',
    load: async () => { const m = await import('./codeowners-command.js'); return { run: m.codeownersCommand, usage: m.CODEOWNERS_USAGE }; },
  },
  schema: {
    summary: 'print the JSON Schema of the intent kinds (editor completion)',
    load: async () => { const m = await import('./schema-command.js'); return { run: m.schemaCommand, usage: m.SCHEMA_USAGE }; },
  },
  apply: {
    summary: 'in a peer\'s runner: server-side apply that peer\'s objects, prune, report',
    load: async () => { const m = await import('./runner-commands.js'); return { run: m.applyRun, usage: m.APPLY_USAGE }; },
  },
  drift: {
    summary: 'in a peer\'s runner: compare live objects with the desired ones (exit 2 on drift)',
    load: async () => { const m = await import('./runner-commands.js'); return { run: m.driftRun, usage: m.DRIFT_USAGE }; },
  },
  sweep: {
    summary: 're-evaluate open pull requests whose meshfed checks are missing or stale',
    load: async () => { const m = await import('./bot-commands.js'); return { run: m.sweepRun, usage: m.SWEEP_USAGE }; },
  },
  'bot-event': {
    summary: 'GitHub Actions mode: handle the workflow\'s event as the meshfed bot',
    load: async () => { const m = await import('./bot-commands.js'); return { run: m.botEventRun, usage: m.BOT_EVENT_USAGE }; },
  },
};
