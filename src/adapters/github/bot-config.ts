import type { ConsentOptions } from '../../core/consent/consent-types.js';
import {
  CODEOWNERS_LOCATIONS,
  DEFAULT_CODEOWNERS_PATH,
  DEFAULT_FEDERATION_WIDE_PATHS,
  DEFAULT_WORKFLOWS_PREFIX,
} from '../../core/consent/governed-paths.js';
import { DEFAULT_FEDERATION_ROOT } from '../../core/source-file.js';
import { DEFAULT_TAR_LIMITS, type TarLimits } from './read-limits.js';

/** Everything the bot's behaviour depends on besides the event and the repository. */
export interface BotConfig {
  /** Federation folder in the repository. */
  readonly root: string;
  readonly codeownersPath: string;
  readonly workflowsPrefix: string;
  readonly federationWidePaths: readonly string[];
  readonly tarLimits: TarLimits;
  /** Most team-membership lookups per evaluation. */
  readonly maxTeamLookups: number;
}

export const DEFAULT_BOT_CONFIG: BotConfig = {
  root: DEFAULT_FEDERATION_ROOT,
  codeownersPath: DEFAULT_CODEOWNERS_PATH,
  workflowsPrefix: DEFAULT_WORKFLOWS_PREFIX,
  federationWidePaths: DEFAULT_FEDERATION_WIDE_PATHS,
  tarLimits: DEFAULT_TAR_LIMITS,
  maxTeamLookups: 30,
};

/**
 * Reads `MESHFED_ROOT` (federation folder) and `MESHFED_CODEOWNERS` (where CODEOWNERS is generated); everything
 * else keeps the defaults. Only entry points call this: adapters receive the config.
 */
export function botConfigFromEnv(env: Readonly<Record<string, string | undefined>>): BotConfig {
  const root = env.MESHFED_ROOT?.trim();
  const codeowners = env.MESHFED_CODEOWNERS?.trim();
  return {
    ...DEFAULT_BOT_CONFIG,
    ...(root ? { root: root.replace(/^\.?\/+|\/+$/g, '') } : {}),
    ...(codeowners ? { codeownersPath: codeowners.replace(/^\.?\/+/, '') } : {}),
  };
}

export function consentOptions(config: BotConfig): ConsentOptions {
  return {
    root: config.root,
    codeownersPath: config.codeownersPath,
    workflowsPrefix: config.workflowsPrefix,
    federationWidePaths: config.federationWidePaths,
  };
}

/** Paths besides the federation root the bot reads from each commit: every CODEOWNERS location and governed folders. */
export function governedPaths(config: BotConfig): string[] {
  const folder = (p: string): string => (p.endsWith('/') ? p : `${p}/`);
  return [...new Set([...CODEOWNERS_LOCATIONS, config.codeownersPath, folder(config.workflowsPrefix), ...config.federationWidePaths])];
}
