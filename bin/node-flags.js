// The Node.js flags meshfed runs with, and when bin/meshfed.js starts Node again to give them.
//
// Why a flag at all: Node reads the young generation's size only when its heap is set up (a flag given at run
// time through `v8.setFlagsFromString` left it unchanged, measured), and a `#!/usr/bin/env -S node ...` shebang
// is not portable (`env -S` is a GNU coreutils 8.30 and BSD extension, not POSIX, and not in every runner
// image's `env`). So the launcher starts Node once more with the flags, unless the user chose otherwise (below).

/**
 * Semi-spaces of 32 MB instead of Node 20's default, which scales with the heap limit (16 MB above a 2 GB limit,
 * less below: nodejs/node#55487 and #55812; 16 MB on the machine measured below): a young generation at least twice
 * as large, so at most half as many young-generation collections. Each of them also walks every page of the old
 * generation (V8 src/heap/scavenger.cc `ScavengerCollector::CollectGarbage`,
 * `RememberedSet<OLD_TO_NEW>::IterateMemoryChunks`:
 * 4.7 % of a 10,000-peer render's CPU samples under `perf`, 2.5 % at 5,000), so their cost grows with the
 * federation's model and twice the federation took more than twice the time. Measured on the bench's 5,000- and
 * 10,000-peer federations (`meshfed render` without output, docs/benchmarks.md): 8.6-9.1 s and 19.5-19.6 s
 * without, 7.8-8.1 s and 16.0-16.9 s with, for about 30 MB more peak memory (64 MB gained little more and cost
 * 190 MB).
 */
export const MESHFED_NODE_FLAGS = Object.freeze(['--max-semi-space-size=32']);

/**
 * The arguments to start Node again with (`node <these>`), or undefined when this process runs meshfed itself:
 * when Node was started with flags of its own (an inspector, a loader: the user's choice, and an inspector's port
 * cannot be taken twice), or when NODE_OPTIONS already sizes the young generation (the way to keep Node's default:
 * `NODE_OPTIONS=--max-semi-space-size=16`).
 *
 * @param {{ execArgv: readonly string[], nodeOptions: string | undefined, script: string, argv: readonly string[] }} p
 * @returns {string[] | undefined}
 */
export function relaunchArguments({ execArgv, nodeOptions, script, argv }) {
  if (execArgv.length > 0) return undefined;
  if (/(?:^|\s)--max[-_]semi[-_]space[-_]size(?:[=\s]|$)/.test(nodeOptions ?? '')) return undefined;
  return [...MESHFED_NODE_FLAGS, script, ...argv];
}
