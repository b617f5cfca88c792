import type { ConfigIssue } from './config-issue.js';
import type { AuraConfig } from './types.js';

/** One successfully loaded config file (or string). */
export interface LoadedConfig {
  /** The public id: `[agent].alias` when set, else `[agent].name`. */
  readonly id: string;
  /**
   * Absolute path of the file it came from (for `loadConfig`), or the `file` label given to
   * `loadConfigFromString`. Relative paths in the config (skill sources) may be resolved against
   * its directory.
   */
  readonly file?: string;
  /** The validated, typed config. */
  readonly config: AuraConfig;
  /** Non-fatal issues: ignored unknown keys, keys without effect, inconsistent timeouts, ... */
  readonly warnings: readonly ConfigIssue[];
}
