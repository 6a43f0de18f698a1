// Types of bin/node-flags.js (plain JavaScript: the launcher runs before any build or TypeScript loader).
export declare const MESHFED_NODE_FLAGS: readonly string[];
export declare function relaunchArguments(p: {
  readonly execArgv: readonly string[];
  readonly nodeOptions: string | undefined;
  readonly script: string;
  readonly argv: readonly string[];
}): string[] | undefined;
