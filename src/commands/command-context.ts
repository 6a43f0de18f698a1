import type { Printer } from './print.js';

/** Everything a command may touch from its environment, passed in so commands stay testable. */
export interface CommandContext {
  readonly cwd: string;
  readonly printer: Printer;
  readonly env: Readonly<Record<string, string | undefined>>;
}
