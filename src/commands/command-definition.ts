import type { CommandContext } from './command-context.js';

/**
 * One option of a command: how it is parsed (node:util parseArgs' `type`, `short`, `multiple`) and how its help
 * line reads. The same object drives the parser and the help, so they cannot disagree.
 */
export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  readonly multiple?: boolean;
  /** Placeholder of a string option's value in the help, e.g. `REF`. */
  readonly value?: string;
  /** One sentence for the help. */
  readonly help: string;
}

export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

/** A positional argument, e.g. `DIR`. A command takes at most as many positionals as it lists. */
export interface ArgumentSpec {
  readonly name: string;
  readonly help: string;
}

/** Everything `meshfed help <command>` says and the parser needs to know about a command. */
export interface CommandDefinition<O extends OptionSpecs = OptionSpecs> {
  readonly name: string;
  /** What follows `meshfed <name>` in the usage line, e.g. `[DIR] --base REF [options]`. */
  readonly synopsis: string;
  /** Paragraphs separated by blank lines; wrapped by the help layout. */
  readonly description: string;
  readonly arguments?: readonly ArgumentSpec[];
  readonly options: O;
  /** The command's own exit-code line (default: the shared one). */
  readonly exitCodes?: string;
  /**
   * Every error (usage, invalid input, a bug) exits with this code instead of 1/2/70. `meshfed drift` uses 1, so
   * that 2 always means drift to a scheduled job.
   */
  readonly errorExit?: number;
  /** Where the documentation is, e.g. `docs/runners.md`. */
  readonly seeAlso?: string;
}

/** The values parseArgs gives for a set of options: strings, string lists for `multiple`, booleans. */
export type OptionValues<O extends OptionSpecs> = {
  -readonly [K in keyof O]?: O[K] extends { type: 'boolean' } ? boolean : O[K] extends { multiple: true } ? string[] : string;
};

export interface ParsedArgs<O extends OptionSpecs> {
  readonly values: OptionValues<O>;
  readonly positionals: readonly string[];
}

export interface Command<O extends OptionSpecs = OptionSpecs> {
  readonly definition: CommandDefinition<O>;
  run(args: ParsedArgs<O>, ctx: CommandContext): Promise<number>;
}

/** Ties a definition to the function that runs it, keeping the option types for `run`. */
export function defineCommand<const O extends OptionSpecs>(
  definition: CommandDefinition<O>,
  run: (args: ParsedArgs<O>, ctx: CommandContext) => Promise<number>,
): Command<O> {
  return { definition, run };
}

/** `[DIR]`: the federation folder every federation command reads. */
export const DIR_ARGUMENT: ArgumentSpec = {
  name: 'DIR',
  help: 'the federation folder, the one holding federation.yaml and peers/ (default: federation)',
};

/** `--format`, shared by the commands whose output a workflow reads. */
export const LAYOUT_OPTION = {
  layout: {
    type: 'string',
    value: 'LAYOUT',
    help: 'object (default): OUTDIR/<peer>/<kind>.<namespace>.<name>.yaml, one file per object; peer: OUTDIR/<peer>/manifests.yaml, one multi-document file per peer',
  },
} as const satisfies OptionSpecs;

export const FORMAT_OPTION = {
  format: { type: 'string', short: 'f', value: 'FORMAT', help: 'human (default), json, or github (workflow commands: annotations on the files)' },
} as const satisfies OptionSpecs;
