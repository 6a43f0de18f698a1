import type { CompileCache } from '../../core/compile-cache.js';
import type { BotConfig } from './bot-config.js';
import type { GitHubClient } from './github-client.js';

/** Where the bot writes what it does (Probot's pino logger fits; so does `console`). */
export interface BotLog {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** What every handler receives: a client authenticated for the event's repository, the config, a log. */
export interface BotContext {
  readonly client: GitHubClient;
  readonly config: BotConfig;
  readonly log: BotLog;
  /** Parse and render results shared by the evaluations of this process (a warm Lambda keeps it between events). */
  readonly cache?: CompileCache;
}

export const SILENT_LOG: BotLog = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
