import { longLivedCacheLimits, type CompileCacheLimits } from '../../core/compile-cache.js';
import type { ConsentOptions } from '../../core/consent/consent-types.js';
import {
  CODEOWNERS_LOCATIONS,
  DEFAULT_CODEOWNERS_PATH,
  DEFAULT_FEDERATION_WIDE_PATHS,
  DEFAULT_WORKFLOWS_PREFIX,
} from '../../core/consent/governed-paths.js';
import { DEFAULT_FEDERATION_ROOT } from '../../core/source-file.js';
import { DEFAULT_TAR_LIMITS, type TarLimits } from './snapshot/read-limits.js';

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
  /** Bounds of the parse and render cache kept between events of one process (compile-cache.ts). */
  readonly compileCache: CompileCacheLimits;
}

/** The function's memory when `AWS_LAMBDA_FUNCTION_MEMORY_SIZE` does not say (the size docs/github-app.md deploys). */
const DEFAULT_MEMORY_MB = 512;

export const DEFAULT_BOT_CONFIG: BotConfig = {
  root: DEFAULT_FEDERATION_ROOT,
  codeownersPath: DEFAULT_CODEOWNERS_PATH,
  workflowsPrefix: DEFAULT_WORKFLOWS_PREFIX,
  federationWidePaths: DEFAULT_FEDERATION_WIDE_PATHS,
  tarLimits: DEFAULT_TAR_LIMITS,
  maxTeamLookups: 30,
  compileCache: longLivedCacheLimits(DEFAULT_MEMORY_MB),
};

/**
 * Reads `MESHFED_ROOT` (federation folder) and `MESHFED_CODEOWNERS` (where CODEOWNERS is generated); everything
 * else keeps the defaults. Only entry points call this: adapters receive the config.
 */
export function botConfigFromEnv(env: Readonly<Record<string, string | undefined>>): BotConfig {
  const root = env.MESHFED_ROOT?.trim();
  const codeowners = env.MESHFED_CODEOWNERS?.trim();
  // Lambda tells the function its memory size (https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime).
  const memoryMb = Number(env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE);
  return {
    ...DEFAULT_BOT_CONFIG,
    ...(Number.isFinite(memoryMb) && memoryMb > 0 ? { compileCache: longLivedCacheLimits(memoryMb) } : {}),
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
