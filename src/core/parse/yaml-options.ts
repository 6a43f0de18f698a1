import type { DocumentOptions, ParseOptions, SchemaOptions } from 'yaml';

/**
 * The only way meshfed reads YAML: YAML 1.2 core schema whatever the file says. A `%YAML 1.1` directive would
 * otherwise switch on merge keys (`<<`) and 1.1 booleans (`NO` read as false, `on` as true).
 */
export const YAML_PARSE_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  schema: 'core',
  merge: false,
  uniqueKeys: true,
  strict: true,
  prettyErrors: false,
  // Never print to the console from the core (yaml would emit process warnings for odd keys).
  logLevel: 'silent',
  // Keep explicit core tags (!!str) but resolve nothing beyond the core schema (no !!binary, !!timestamp).
  resolveKnownTags: false,
  customTags: [],
};

/** At most this many aliases (`*name`) per document. Intents need few, if any. */
export const MAX_ALIASES_PER_DOCUMENT = 64;

/** Passed to yaml's `toJS` as a second line of defence against alias expansion (billion laughs). */
export const MAX_ALIAS_COUNT = 1000;

/** Deepest nesting of mappings and sequences meshfed reads. Real intents are under 10 levels deep. */
export const MAX_NESTING_DEPTH = 64;

/** Diagnostics reported per file before the rest are summarised (a broken file yields one error per token). */
export const MAX_DIAGNOSTICS_PER_FILE = 20;
