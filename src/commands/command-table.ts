import type { Command } from './command-definition.js';

export interface CommandSpec {
  /** One line for `meshfed help`. */
  readonly summary: string;
  /** Loaded on demand: the Kubernetes client and Probot are only imported by the commands that need them. */
  readonly load: () => Promise<Command>;
}

export const COMMANDS: Readonly<Record<string, CommandSpec>> = {
  run: {
    summary: 'validate, render and plan a federation, print a per-peer summary, write out/<peer>/',
    load: async () => (await import('./run-command.js')).RUN_COMMAND,
  },
  validate: {
    summary: 'parse and validate intents; every error as file:line:col',
    load: async () => (await import('./validate-command.js')).VALIDATE_COMMAND,
  },
  render: {
    summary: 'render per-peer Istio manifests (stdout or --out DIR)',
    load: async () => (await import('./render-command.js')).RENDER_COMMAND,
  },
  plan: {
    summary: 'per-peer diff between two git refs and the approvals it needs',
    load: async () => (await import('./plan-command.js')).PLAN_COMMAND,
  },
  explain: {
    summary: 'per flow and port: what the mesh will enforce and where (limits, ejection, failover, TLS, admission)',
    load: async () => (await import('./explain-command.js')).EXPLAIN_COMMAND,
  },
  graph: {
    summary: 'Mermaid diagram of peers and the flows between them',
    load: async () => (await import('./graph-command.js')).GRAPH_COMMAND,
  },
  codeowners: {
    summary: 'write, print or --check CODEOWNERS generated from the peers\' owners',
    load: async () => (await import('./codeowners-command.js')).CODEOWNERS_COMMAND,
  },
  'mesh-config': {
    summary: 'what a peer\'s Istio installation must hold (IstioOperator or Helm values fragment)',
    load: async () => (await import('./mesh-config-command.js')).MESH_CONFIG_COMMAND,
  },
  schema: {
    summary: 'print the JSON Schema of the intent kinds (editor completion)',
    load: async () => (await import('./schema-command.js')).SCHEMA_COMMAND,
  },
  apply: {
    summary: 'in a peer\'s runner: server-side apply that peer\'s objects, prune, report',
    load: async () => (await import('../runner/runner-cli.js')).APPLY_COMMAND,
  },
  drift: {
    summary: 'in a peer\'s runner: compare live objects with the desired ones (exit 2 on drift)',
    load: async () => (await import('../runner/runner-cli.js')).DRIFT_COMMAND,
  },
  sweep: {
    summary: 're-evaluate open pull requests whose meshfed checks are missing or stale',
    load: async () => (await import('./bot-commands.js')).SWEEP_COMMAND,
  },
  'bot-event': {
    summary: 'GitHub Actions mode: handle the workflow\'s event as the meshfed bot',
    load: async () => (await import('./bot-commands.js')).BOT_EVENT_COMMAND,
  },
};
