/**
 * `provider = "openrouter"`: OpenRouter's chat API through `@openrouter/ai-sdk-provider` (its `reasoning` /
 * `reasoning_details` wire format and usage accounting).
 */
import type { OpenRouterLlmConfig } from '@aura/config';
import { lazyLanguageModel } from '../lazy-language-model.js';
import { toJsonObject, withoutReservedKeys } from '../request-body-merge.js';
import { CHAT_COMPLETIONS_RESERVED_KEYS } from './openai.js';
import { callSettingsOf, type ProviderBuild, type ProviderBuildOptions } from './provider-build.js';

/**
 * Builds the OpenRouter model (`@openrouter/ai-sdk-provider` is imported on the first call).
 *
 * - `temperature`, `max_tokens` → call settings.
 * - `additional_params` → the package's `extraBody`, merged over the request body (e.g.
 *   `reasoning = { effort = "high" }`, `provider = { order = [...] }`, `transforms`); `model`, `messages`,
 *   `stream`, `tools` stay Aura's (warning).
 * - Usage accounting is requested (`usage.include`) and `stream_options.include_usage` sent, so cached and
 *   reasoning tokens are reported.
 * - `base_url` (OpenRouter-compatible proxies only) defaults to `https://openrouter.ai/api/v1`.
 * @throws AuraError `CONFIG_INVALID` when `additional_params` holds a value that is not JSON.
 */
export function createOpenRouterModel(llm: OpenRouterLlmConfig, options: ProviderBuildOptions): ProviderBuild {
  const { params, warnings } = withoutReservedKeys(
    toJsonObject(llm.additional_params, 'additional_params'),
    CHAT_COMPLETIONS_RESERVED_KEYS,
    'additional_params',
  );
  const baseURL = options.endpointOverride ?? llm.base_url;
  const model = lazyLanguageModel({
    provider: 'openrouter',
    modelId: llm.model,
    load: async () => {
      const { createOpenRouter } = await import('@openrouter/ai-sdk-provider');
      return createOpenRouter({
        apiKey: llm.api_key,
        compatibility: 'strict',
        ...(baseURL === undefined ? {} : { baseURL }),
        ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
      }).chat(llm.model, {
        usage: { include: true },
        ...(Object.keys(params).length === 0 ? {} : { extraBody: params }),
      });
    },
  });
  return {
    model,
    callSettings: callSettingsOf(llm.temperature, llm.max_tokens),
    providerOptions: {},
    warnings,
    secrets: [llm.api_key],
  };
}
