import type { CommandDefinition, OptionSpec } from './command-definition.js';
import { HELP_OPTION } from './parse-command-args.js';

/** Width the help is wrapped to. */
const WIDTH = 100;
/** Column where the help text of an option or argument starts. */
const TERM_COLUMN = 26;

export const EXIT_CODES =
  'Exit codes: 0 ok, 1 invalid input (the federation, or a folder, file, ref or peer named on the command line), ' +
  '2 usage error (the command line itself), 70 a bug in meshfed (please report it with the output).';

/** The one help layout of every command: usage, description, arguments, options, exit codes, documentation. */
export function commandHelp(definition: CommandDefinition): string {
  const lines = [`Usage: meshfed ${definition.name} ${definition.synopsis}`.trimEnd(), '', ...paragraphs(definition.description)];
  if (definition.arguments?.length) {
    lines.push('', 'Arguments:', ...definition.arguments.flatMap((a) => term(a.name, a.help)));
  }
  const options = { ...definition.options, ...HELP_OPTION };
  lines.push('', 'Options:', ...Object.entries(options).flatMap(([name, spec]) => term(optionTerm(name, spec), spec.help)));
  lines.push('', ...wrap(definition.exitCodes ?? EXIT_CODES, 0));
  if (definition.seeAlso) lines.push(`See ${definition.seeAlso}.`);
  return lines.join('\n');
}

/** The top-level help: the same layout, with the commands in place of options. */
export function mainHelp(summaries: Readonly<Record<string, { readonly summary: string }>>): string {
  return [
    'Usage: meshfed <command> [options]',
    '',
    'meshfed: peer-to-peer Istio federation from a git repository.',
    '',
    'Commands:',
    ...Object.entries(summaries).flatMap(([name, spec]) => term(name, spec.summary)),
    '',
    'Options:',
    ...term('-h, --help', 'show this help; "meshfed help <command>" or "meshfed <command> --help" shows a command\'s options'),
    ...term('    --version', 'print meshfed\'s version'),
    '',
    ...wrap(EXIT_CODES, 0),
    ...wrap('meshfed drift is the exception: it exits 2 when it finds drift and 1 for every error, so that 2 always means drift.', 0),
  ].join('\n');
}

function optionTerm(name: string, spec: OptionSpec): string {
  const long = `--${name}${spec.type === 'string' ? ` ${spec.value ?? 'VALUE'}` : ''}${spec.multiple ? ' ...' : ''}`;
  return spec.short ? `-${spec.short}, ${long}` : `    ${long}`;
}

/** `  term      help text`, the help wrapped under itself; a term too wide for its column gets a line of its own. */
function term(name: string, help: string): string[] {
  const head = `  ${name}`;
  const body = wrap(help, TERM_COLUMN);
  if (head.length >= TERM_COLUMN - 1) return [head, ...body];
  const [first = '', ...more] = body;
  return [`${head.padEnd(TERM_COLUMN)}${first.trimStart()}`, ...more];
}

function paragraphs(text: string): string[] {
  return text
    .trim()
    .split(/\n\s*\n/)
    .flatMap((p, i) => [...(i > 0 ? [''] : []), ...wrap(p, 0)]);
}

/** Greedy word wrap to WIDTH, every line indented by `indent` spaces. */
function wrap(text: string, indent: number): string[] {
  const words = text.split(/\s+/).filter((w) => w !== '');
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if (line !== '' && indent + line.length + 1 + word.length > WIDTH) {
      lines.push(' '.repeat(indent) + line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(' '.repeat(indent) + line);
  return lines;
}
