import type { FederationModel, PeerModel } from '../model/federation-model.js';
import { diffFlows, federationFlows, type Flow } from './federation-flows.js';
import { mermaidLines, mermaidText } from './mermaid-text.js';

export interface MermaidOptions {
  /** `LR` (default) or `TB`. */
  readonly direction?: 'LR' | 'TB';
}

export interface MermaidDiffOptions extends MermaidOptions {
  /**
   * Draw only the flows that start or end at one of these peers (and every peer those flows name, with its real
   * label from the models), emphasising these peers. Without it every peer and flow is drawn.
   */
  readonly focus?: ReadonlySet<string>;
}

const ADDED_COLOR = '#2da44e';
const REMOVED_COLOR = '#cf222e';

/**
 * A Mermaid flowchart of the federation: one node per peer (name, locality, network) and one edge per
 * ServiceImport, from the consumer to the provider, labelled `<export>: <policy>`. Deterministic: peers and
 * flows sorted, node ids derived from peer names. Renders in GitHub Markdown inside a ```mermaid block.
 */
export function mermaidGraph(model: FederationModel, options: MermaidOptions = {}): string {
  const flows = federationFlows(model);
  const lines = [`flowchart ${options.direction ?? 'LR'}`];
  lines.push(...nodeLines(peerNames([model], flows), (name) => model.peers.get(name)));
  for (const f of flows) lines.push(edge(f, 'plain'));
  return `${lines.join('\n')}\n`;
}

/**
 * The head's graph with the change marked: flows the change adds are thick and green, flows it removes are
 * dotted and red, unchanged flows plain; new peers get a green border, removed peers a dashed red one, and with
 * `focus` the other focused peers a thick border. Every drawn peer is labelled from head, else base.
 */
export function mermaidGraphDiff(base: FederationModel, head: FederationModel, options: MermaidDiffOptions = {}): string {
  const { focus } = options;
  const touches = (f: Flow): boolean => focus === undefined || focus.has(f.consumer) || focus.has(f.provider);
  const full = diffFlows(base, head);
  const d = { unchanged: full.unchanged.filter(touches), added: full.added.filter(touches), removed: full.removed.filter(touches) };
  const all = [...d.unchanged, ...d.added, ...d.removed];
  const lines = [`flowchart ${options.direction ?? 'LR'}`];
  const names = focus === undefined ? peerNames([base, head], all) : peerNames([], all, focus);
  lines.push(...nodeLines(names, (name) => head.peers.get(name) ?? base.peers.get(name)));

  const addedIdx: number[] = [];
  const removedIdx: number[] = [];
  let i = 0;
  for (const f of d.unchanged) {
    lines.push(edge(f, 'plain'));
    i++;
  }
  for (const f of d.added) {
    lines.push(edge(f, 'thick'));
    addedIdx.push(i++);
  }
  for (const f of d.removed) {
    lines.push(edge(f, 'dotted'));
    removedIdx.push(i++);
  }
  if (addedIdx.length > 0) lines.push(`  linkStyle ${addedIdx.join(',')} stroke:${ADDED_COLOR},stroke-width:3px`);
  if (removedIdx.length > 0) lines.push(`  linkStyle ${removedIdx.join(',')} stroke:${REMOVED_COLOR},stroke-width:2px`);

  const newPeers = names.filter((n) => head.peers.has(n) && !base.peers.has(n));
  const goners = names.filter((n) => base.peers.has(n) && !head.peers.has(n));
  if (newPeers.length > 0) {
    lines.push(`  classDef added stroke:${ADDED_COLOR},stroke-width:3px`);
    lines.push(`  class ${newPeers.map(nodeId).join(',')} added`);
  }
  if (goners.length > 0) {
    lines.push(`  classDef removed stroke:${REMOVED_COLOR},stroke-width:2px,stroke-dasharray:5`);
    lines.push(`  class ${goners.map(nodeId).join(',')} removed`);
  }
  const changed = names.filter((n) => focus?.has(n) === true && !newPeers.includes(n) && !goners.includes(n));
  if (changed.length > 0) {
    lines.push('  classDef changed stroke-width:3px');
    lines.push(`  class ${changed.map(nodeId).join(',')} changed`);
  }
  return `${lines.join('\n')}\n`;
}

/** Every peer of the models plus any peer a flow names (even one missing from the model) plus `extra`, sorted. */
function peerNames(models: readonly FederationModel[], flows: readonly Flow[], extra: Iterable<string> = []): string[] {
  const names = new Set<string>(extra);
  for (const m of models) for (const n of m.peers.keys()) names.add(n);
  for (const f of flows) {
    names.add(f.consumer);
    names.add(f.provider);
  }
  return [...names].sort();
}

function nodeLines(names: readonly string[], peerOf: (name: string) => PeerModel | undefined): string[] {
  return names.map((name) => `  ${nodeId(name)}["${nodeLabel(name, peerOf(name))}"]`);
}

/** `name`, `region/zone`, `network N` on three lines; every part is intent text, so it goes through mermaidLines. */
function nodeLabel(name: string, p: PeerModel | undefined): string {
  if (p === undefined) return mermaidLines([name, '(unknown peer)']);
  const spec = p.peer?.value.spec;
  if (spec === undefined) return mermaidLines([name]);
  const locality = spec.locality.zone === undefined ? spec.locality.region : `${spec.locality.region}/${spec.locality.zone}`;
  return mermaidLines([name, locality, `network ${spec.network}`]);
}

/** Mermaid's labelled links: `A -- "t" --> B` (plain), `A == "t" ==> B` (thick), `A -. "t" .-> B` (dotted). */
const LINKS = { plain: ['--', '-->'], thick: ['==', '==>'], dotted: ['-.', '.->'] } as const;

function edge(f: Flow, style: keyof typeof LINKS): string {
  const [open, close] = LINKS[style];
  return `  ${nodeId(f.consumer)} ${open} "${mermaidText(`${f.exportName}: ${f.policy}`)}" ${close} ${nodeId(f.provider)}`;
}

/**
 * Node ids: `peer_` + the name with every character outside [a-z0-9] as `_<hex>_` (so `echo-a` is
 * `peer_echo_2d_a`). Injective, never a Mermaid keyword (`end`, `graph`, ...), never confused with an arrow.
 */
export function nodeId(name: string): string {
  return `peer_${name.replace(/[^a-z0-9]/gu, (c) => `_${(c.codePointAt(0) ?? 0).toString(16)}_`)}`;
}
