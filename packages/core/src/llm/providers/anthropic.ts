/**
 * `provider = "anthropic"`: the Anthropic Messages API through `@ai-sdk/anthropic`.
 */
import type { JSONObject, JSONValue } from '@ai-sdk/provider';
import type { AnthropicLlmConfig } from '@aura/config';
import { isJsonObject } from '../../util/json-value.js';
import { lazyLanguageModel } from '../lazy-language-model.js';
import { createBodyMergingFetch, mergeTopLevel, toJsonObject, withoutReservedKeys } from '../request-body-merge.js';
import { callSettingsOf, type ProviderBuild, type ProviderBuildOptions, withPathSuffix } from './provider-build.js';

/** `max_tokens` sent when the config sets none (the Messages API requires one). */
export const ANTHROPIC_DEFAULT_MAX_TOKENS = 4096;

const RESERVED_KEYS: readonly string[] = ['model', 'messages', 'stream', 'tools', 'system'];

/**
 * Builds the Anthropic model (`@ai-sdk/anthropic` is imported on the first call).
 *
 * - `temperature` → call settings; `max_tokens` → call settings, default {@link ANTHROPIC_DEFAULT_MAX_TOKENS}.
 * - `additional_params.thinking` (`{ type = "enabled", budget_tokens = n }`, `{ type = "adaptive" }`,
 *   `{ type = "disabled" }`) → `providerOptions.anthropic.thinking`, so the SDK sends it, streams thinking with
 *   its signature as reasoning and replays signed thinking blocks with tool turns. With a budget, the SDK sends
 *   `max_tokens = max_tokens + budget_tokens` (capped at the model's limit) and drops `temperature` (the API
 *   rejects it with thinking). Any other `thinking` shape goes into the body untouched (with a warning).
 * - Every other `additional_params` key → merged into the request body (fetch wrapper; it wins over the SDK's
 *   keys except `model`, `messages`, `stream`, `tools`, `system`).
 * - `base_url` may be the API root as in the reference (`https://api.anthropic.com`): `/v1` is appended.
 * @throws AuraError `CONFIG_INVALID` when `additional_params` holds a value that is not JSON.
 */
export function createAnthropicModel(llm: AnthropicLlmConfig, options: ProviderBuildOptions): ProviderBuild {
  const all = toJsonObject(llm.additional_params, 'additional_params');
  const warnings: string[] = [];
  const { thinking: rawThinking, ...rest } = all;
  const thinking = rawThinking === undefined ? undefined : toThinkingOption(rawThinking);
  const bodyParams: JSONObject = { ...rest };
  if (rawThinking !== undefined && thinking === undefined) {
    bodyParams.thinking = rawThinking;
    warnings.push(
      'additional_params.thinking has an unrecognised shape; it is sent as-is (expected { type = "enabled", budget_tokens = n }, { type = "adaptive" } or { type = "disabled" })',
    );
  }
  const reserved = withoutReservedKeys(bodyParams, RESERVED_KEYS, 'additional_params');
  warnings.push(...reserved.warnings);
  const extraBody = reserved.params;
  const fetch =
    Object.keys(extraBody).length === 0
      ? options.fetch
      : createBodyMergingFetch(options.fetch, (body) => mergeTopLevel(body, extraBody));
  const base = options.endpointOverride ?? llm.base_url;
  const model = lazyLanguageModel({
    provider: 'anthropic.messages',
    modelId: llm.model,
    load: async () => {
      const { createAnthropic } = await import('@ai-sdk/anthropic');
      return createAnthropic({
        apiKey: llm.api_key,
        ...(base === undefined ? {} : { baseURL: withPathSuffix(base, '/v1') }),
        ...(fetch === undefined ? {} : { fetch }),
      })(llm.model);
    },
  });
  return {
    model,
    callSettings: callSettingsOf(llm.temperature, llm.max_tokens ?? ANTHROPIC_DEFAULT_MAX_TOKENS),
    providerOptions: thinking === undefined ? {} : { anthropic: { thinking } },
    warnings,
    secrets: [llm.api_key],
  };
}

/** The SDK's `thinking` option for a reference-style `thinking` table, or `undefined` when unrecognised. */
function toThinkingOption(value: JSONValue): JSONObject | undefined {
  if (!isJsonObject(value)) return undefined;
  const budget = value.budget_tokens ?? value.budgetTokens;
  switch (value.type) {
    case 'enabled':
      if (budget !== undefined && typeof budget !== 'number') return undefined;
      return budget === undefined ? { type: 'enabled' } : { type: 'enabled', budgetTokens: budget };
    case 'adaptive':
      return typeof value.display === 'string' ? { type: 'adaptive', display: value.display } : { type: 'adaptive' };
    case 'disabled':
      return { type: 'disabled' };
    default:
      return undefined;
  }
}
