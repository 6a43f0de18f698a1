import { intentJsonSchema } from '../core/intents/intent-kinds.js';
import type { CommandContext } from './command-context.js';
import { parseCommandArgs } from './parse-command-args.js';
import { EXIT_OK } from './usage-error.js';

export const SCHEMA_USAGE = `meshfed schema
  Print the JSON Schema of all intent kinds (for editors: see docs/intents.md).`;

/** Stable serialisation of the JSON Schema; schema/intent.schema.json is this output, checked by a test. */
export function intentJsonSchemaText(): string {
  return `${JSON.stringify(intentJsonSchema(), null, 2)}\n`;
}

export async function schemaCommand(argv: readonly string[], ctx: CommandContext): Promise<number> {
  parseCommandArgs('schema', argv, {}, 0);
  ctx.printer.out(intentJsonSchemaText().trimEnd());
  return EXIT_OK;
}
