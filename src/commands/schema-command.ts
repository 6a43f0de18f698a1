import { intentJsonSchema } from '../core/intents/intent-kinds.js';
import type { CommandContext } from './command-context.js';
import { defineCommand } from './command-definition.js';
import { EXIT_OK } from './usage-error.js';

export const SCHEMA_COMMAND = defineCommand(
  {
    name: 'schema',
    synopsis: '',
    description:
      'Print the JSON Schema of all intent kinds, for editors: save it (meshfed schema > schema/intent.schema.json) and ' +
      'start an intent file with "# yaml-language-server: $schema=<relative path>/schema/intent.schema.json".',
    options: {},
    seeAlso: 'docs/intents.md',
  },
  schemaCommand,
);

/** Stable serialisation of the JSON Schema; schema/intent.schema.json is this output, checked by a test. */
export function intentJsonSchemaText(): string {
  return `${JSON.stringify(intentJsonSchema(), null, 2)}\n`;
}

export async function schemaCommand(_args: unknown, ctx: CommandContext): Promise<number> {
  ctx.printer.out(intentJsonSchemaText().trimEnd());
  return EXIT_OK;
}
