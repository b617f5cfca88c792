/**
 * `provider = "openai"`: OpenAI Chat Completions (never the Responses API), or any OpenAI-compatible server
 * (llama-server, vLLM, LM Studio, LiteLLM, …) through `base_url`.
 */
import type { LanguageModelV3 } from '@ai-sdk/provider';
import type { OpenAiLlmConfig } from '@aura/config';
import type { JsonObject } from '../../util/json-value.js';
import { createChatCompletionsModel } from '../chat-completions/chat-completions-model.js';
import { lazyLanguageModel } from '../lazy-language-model.js';
import { createBodyMergingFetch, mergeTopLevel, toJsonObject, withoutReservedKeys } from '../request-body-merge.js';
import { callSettingsOf, type ProviderBuild, type ProviderBuildOptions } from './provider-build.js';

/** Body keys `additional_params` may not replace on Chat Completions wires. */
export const CHAT_COMPLETIONS_RESERVED_KEYS: readonly string[] = ['model', 'messages', 'stream', 'tools'];

/** Name under which the OpenAI-compatible client is registered (its `providerOptions` key). */
export const OPENAI_COMPATIBLE_PROVIDER_NAME = 'openai-compatible';

/**
 * Builds the OpenAI model.
 *
 * - Client: `@ai-sdk/openai` `.chat()` (imported on the first call) when `base_url` is unset or points at
 *   OpenAI / Azure OpenAI, so reasoning models get `max_completion_tokens` and the `developer` role; Aura's own
 *   Chat Completions client (chat-completions/) for any other `base_url` — the wire of `@ai-sdk/openai-compatible`
 *   (`reasoning_content` / `reasoning` deltas as reasoning, usage via `stream_options.include_usage`) at a
 *   fraction of its cost per stream.
 * - `temperature` and `max_tokens` → call settings.
 * - Request body (a fetch wrapper for `@ai-sdk/openai`, built in by Aura's client): `{ reasoning_effort }` shallow-merged with `additional_params`, whose
 *   top-level keys win, merged over the body the SDK built (also winning) — exactly the reference's extra body.
 *   `model`, `messages`, `stream`, `tools` stay Aura's (warning).
 * @throws AuraError `CONFIG_INVALID` when `additional_params` holds a value that is not JSON.
 */
export function createOpenAiModel(llm: OpenAiLlmConfig, options: ProviderBuildOptions): ProviderBuild {
  const { params, warnings } = withoutReservedKeys(
    toJsonObject(llm.additional_params, 'additional_params'),
    CHAT_COMPLETIONS_RESERVED_KEYS,
    'additional_params',
  );
  const extraBody = mergeTopLevel(
    llm.reasoning_effort === undefined ? {} : { reasoning_effort: llm.reasoning_effort },
    params,
  );
  const baseURL = options.endpointOverride ?? llm.base_url;
  const model =
    llm.base_url === undefined || isOpenAiHost(llm.base_url)
      ? openAiModel(llm, baseURL, extraBody, options.fetch)
      : openAiCompatibleModel(llm.model, llm.api_key, baseURL ?? llm.base_url, extraBody, options.fetch);
  return {
    model,
    callSettings: callSettingsOf(llm.temperature, llm.max_tokens),
    providerOptions: {},
    warnings,
    secrets: [llm.api_key],
  };
}

function openAiModel(
  llm: OpenAiLlmConfig,
  baseURL: string | undefined,
  extraBody: JsonObject,
  baseFetch: typeof globalThis.fetch | undefined,
): LanguageModelV3 {
  const fetch =
    Object.keys(extraBody).length === 0
      ? baseFetch
      : createBodyMergingFetch(baseFetch, (body) => mergeTopLevel(body, extraBody));
  return lazyLanguageModel({
    provider: 'openai.chat',
    modelId: llm.model,
    load: async () => {
      const { createOpenAI } = await import('@ai-sdk/openai');
      return createOpenAI({
        apiKey: llm.api_key,
        ...(baseURL === undefined ? {} : { baseURL }),
        ...(fetch === undefined ? {} : { fetch }),
      }).chat(llm.model);
    },
  });
}

function openAiCompatibleModel(
  modelId: string,
  apiKey: string,
  baseURL: string,
  extraBody: JsonObject,
  fetch: typeof globalThis.fetch | undefined,
): LanguageModelV3 {
  return createChatCompletionsModel({
    modelId,
    baseURL,
    apiKey,
    providerName: OPENAI_COMPATIBLE_PROVIDER_NAME,
    ...(Object.keys(extraBody).length === 0 ? {} : { extraBody }),
    fetch,
  });
}

/** Whether `baseUrl` is OpenAI's own API (api.openai.com or an Azure OpenAI resource). */
export function isOpenAiHost(baseUrl: string): boolean {
  try {
    const host = new URL(baseUrl).hostname.toLowerCase();
    return host === 'api.openai.com' || host.endsWith('.openai.azure.com');
  } catch {
    return false;
  }
}
