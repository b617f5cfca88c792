import { checkConfig } from './check-config.js';
import { ConfigError, type ConfigIssue } from './config-issue.js';
import type { AuraConfig, AuraConfigInput } from './types.js';

/** Options for {@link defineConfig}. */
export interface DefineConfigOptions {
  /** Receives each warning (ignored unknown keys, keys without effect, inconsistent timeouts). */
  readonly onWarning?: (issue: ConfigIssue) => void;
}

/**
 * Validates a config built in code (embedding Aura without TOML) with the same schema and
 * cross-field rules as a file: keys as in the TOML (snake_case), defaults applied, lenient
 * scalars normalised, orchestration's flat legacy keys folded. No `{{ env.X }}` templating is done
 * (read `process.env` yourself). Issues carry key paths but no file or line.
 *
 * @example
 * ```ts
 * const config = defineConfig({
 *   agent: {
 *     name: 'sre',
 *     system_prompt: 'You are an SRE assistant.',
 *     llm: { provider: 'openai', api_key: process.env.OPENAI_API_KEY ?? '', model: 'gpt-4o' },
 *   },
 * });
 * ```
 * @throws ConfigError (`CONFIG_INVALID`) with every error found.
 */
export function defineConfig(input: AuraConfigInput, options: DefineConfigOptions = {}): AuraConfig {
  const result = checkConfig(input);
  if (result.config === undefined) throw new ConfigError('CONFIG_INVALID', result.issues);
  for (const issue of result.issues) {
    if (issue.severity === 'warning') options.onWarning?.(issue);
  }
  return result.config;
}
