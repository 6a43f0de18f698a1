import { parseArgs, type ParseArgsConfig } from 'node:util';
import { closestName } from '../core/load/closest-name.js';
import { MANIFEST_LAYOUTS, type ManifestLayout } from '../core/render/output/manifest-files.js';
import { OUTPUT_FORMATS, type OutputFormat } from '../core/report/format-diagnostics.js';
import type { CommandDefinition, OptionSpecs, OptionValues, ParsedArgs } from './command-definition.js';
import { UsageError } from './usage-error.js';

/** `-h`/`--help` is every command's option; the parser adds it. */
export const HELP_OPTION = { help: { type: 'boolean', short: 'h', help: 'show this help' } } as const satisfies OptionSpecs;

export type ParseOutcome<O extends OptionSpecs> = ({ readonly help: false } & ParsedArgs<O>) | { readonly help: true };

/**
 * The one argument parser of every meshfed command. node:util parseArgs splits the arguments into tokens;
 * each mistake then becomes a UsageError in our words, with a did-you-mean for a mistyped option (parseArgs'
 * own strict-mode messages name no alternative and suggest `--` as the fix). `-h`/`--help` anywhere before
 * `--` asks for the help, whatever else is wrong.
 */
export function parseCommandArgs<O extends OptionSpecs>(definition: CommandDefinition<O>, argv: readonly string[]): ParseOutcome<O> {
  const specs: OptionSpecs = { ...definition.options, ...HELP_OPTION };
  const options: NonNullable<ParseArgsConfig['options']> = {};
  for (const [name, spec] of Object.entries(specs)) {
    options[name] = { type: spec.type, ...(spec.short ? { short: spec.short } : {}), ...(spec.multiple ? { multiple: true } : {}) };
  }
  const { values, positionals, tokens } = parseArgs({ args: [...argv], options, allowPositionals: true, strict: false, tokens: true });
  if (tokens.some((t) => t.kind === 'option' && t.name === 'help')) return { help: true };

  const seen = new Set<string>();
  for (const t of tokens) {
    if (t.kind !== 'option') continue;
    const spec = specs[t.name];
    if (spec === undefined) throw unknownOption(t.rawName, specs);
    const shown = `--${t.name}`;
    if (spec.type === 'boolean' && t.inlineValue) {
      throw new UsageError(`${shown} takes no value`, `write ${shown} alone, or leave it out`);
    }
    if (spec.type === 'string') {
      const example = `${shown} ${spec.value ?? 'VALUE'}`;
      if (t.value === undefined) throw new UsageError(`${t.rawName} needs a value`, `write ${example}`);
      if (!t.inlineValue && t.value.startsWith('-')) {
        throw new UsageError(`${t.rawName} needs a value, but is followed by the option "${t.value}"`, `write ${example}, or ${shown}=${t.value} if the value starts with "-"`);
      }
    }
    if (seen.has(t.name) && !spec.multiple) {
      throw new UsageError(`${shown} is given more than once`, `give ${shown} once`);
    }
    seen.add(t.name);
  }

  const max = definition.arguments?.length ?? 0;
  if (positionals.length > max) {
    const extra = positionals[max] as string;
    const takes = max === 0 ? 'takes no arguments' : `takes at most ${max}: ${definition.arguments?.map((a) => a.name).join(' ')}`;
    throw new UsageError(`unexpected argument "${extra}"`, `${definition.name} ${takes}; remove the others, or quote a value that contains spaces`);
  }
  const { help: _help, ...rest } = values;
  return { help: false, values: rest as OptionValues<O>, positionals };
}

function unknownOption(rawName: string, specs: OptionSpecs): UsageError {
  const isLong = rawName.startsWith('--');
  const typed = rawName.replace(/^-+/, '');
  const suggestion = isLong
    ? closestName(typed, Object.keys(specs))
    : Object.entries(specs).find(([, s]) => s.short?.toLowerCase() === typed.toLowerCase())?.[0];
  return new UsageError(`unknown option ${rawName}`, suggestion ? `did you mean --${suggestion}?` : undefined);
}

/** `--layout` of `render --out` and `run`: one file per object (default) or one multi-document file per peer. */
export function parseLayout(value: string | undefined): ManifestLayout {
  return parseChoice('layout', value ?? 'object', MANIFEST_LAYOUTS);
}

export function parseFormat<F extends OutputFormat = OutputFormat>(value: string | undefined, formats: readonly F[] = OUTPUT_FORMATS as readonly F[]): F {
  return parseChoice('format', value ?? 'human', formats);
}

/** `value` when it is one of `choices`; otherwise a usage error with the closest choice. */
function parseChoice<T extends string>(option: string, value: string, choices: readonly T[]): T {
  if ((choices as readonly string[]).includes(value)) return value as T;
  const suggestion = closestName(value, choices);
  throw new UsageError(`unknown --${option} "${value}"`, `${suggestion ? `did you mean "${suggestion}"? ` : ''}use one of ${choices.join(', ')}`);
}
