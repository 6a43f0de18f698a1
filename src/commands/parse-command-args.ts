import { parseArgs, type ParseArgsConfig } from 'node:util';
import { OUTPUT_FORMATS, type OutputFormat } from '../core/report/format-diagnostics.js';
import { UsageError } from './usage-error.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs, with every mistake turned into a UsageError that says how to call the command. */
export function parseCommandArgs<O extends Options>(
  command: string,
  argv: readonly string[],
  options: O,
  maxPositionals: number,
) {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${command}: ${(error as Error).message} (run "meshfed help ${command}")`, { cause: error });
  }
  if (parsed.positionals.length > maxPositionals) {
    throw new UsageError(
      `${command}: unexpected argument "${parsed.positionals[maxPositionals]}" (run "meshfed help ${command}")`,
    );
  }
  return parsed;
}

export function parseFormat(command: string, value: string | undefined): OutputFormat {
  const format = value ?? 'human';
  if (!(OUTPUT_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`${command}: unknown --format "${format}" (use ${OUTPUT_FORMATS.join(', ')})`);
  }
  return format as OutputFormat;
}

export const FORMAT_OPTION = { format: { type: 'string', short: 'f' } } as const;
