/**
 * `provider = "gemini"`: the Google Generative Language API (`streamGenerateContent?alt=sse`) through
 * `@ai-sdk/google`.
 */
import type { JSONObject } from '@ai-sdk/provider';
import type { GeminiLlmConfig } from '@aura/config';
import { isJsonObject, setOwn } from '../../util/json-value.js';
import { lazyLanguageModel } from '../lazy-language-model.js';
import {
  asJsonObject,
  camelCaseKey,
  createBodyMergingFetch,
  mergeTopLevel,
  toJsonObject,
} from '../request-body-merge.js';
import { callSettingsOf, type ProviderBuild, type ProviderBuildOptions, withPathSuffix } from './provider-build.js';

/** `GenerateContentRequest` fields other than `generationConfig` that `additional_params` may set. */
const REQUEST_KEYS: ReadonlySet<string> = new Set(['safetySettings', 'toolConfig', 'cachedContent', 'labels']);
/** Fields Aura builds itself. */
const RESERVED_KEYS: ReadonlySet<string> = new Set(['contents', 'tools', 'systemInstruction']);
const THINKING_LEVELS: ReadonlySet<unknown> = new Set(['minimal', 'low', 'medium', 'high']);

/**
 * Builds the Gemini model (`@ai-sdk/google` is imported on the first call).
 *
 * - `temperature` → call settings; `max_tokens` → call settings (`generationConfig.maxOutputTokens`). The
 *   reference ignores `max_tokens` for Gemini; we apply it (docs/compat.md).
 * - `additional_params`, snake_case or camelCase keys (the reference's `generation_config = { … }` table is
 *   unwrapped): `thinking_config` → `providerOptions.google.thinkingConfig` when it only holds
 *   `thinking_budget` (number), `include_thoughts` (boolean) and `thinking_level` (`minimal|low|medium|high`),
 *   otherwise into `generationConfig` as-is; `safety_settings`, `tool_config`, `cached_content`, `labels` →
 *   top-level request fields; every other key → `generationConfig` (e.g. `top_k`, `seed`, `response_mime_type`),
 *   winning over the SDK's values. Top-level keys are camelCased so they never duplicate the SDK's. `contents`,
 *   `tools`, `system_instruction` stay Aura's (warning).
 * - `base_url` may be the API root as in the reference: `/v1beta` is appended unless it ends in a version.
 * @throws AuraError `CONFIG_INVALID` when `additional_params` holds a value that is not JSON.
 */
export function createGeminiModel(llm: GeminiLlmConfig, options: ProviderBuildOptions): ProviderBuild {
  const warnings: string[] = [];
  const generation: JSONObject = {};
  const request: JSONObject = {};
  for (const [key, value] of Object.entries(toJsonObject(llm.additional_params, 'additional_params'))) {
    const name = camelCaseKey(key);
    const table = asJsonObject(value);
    if (name === 'generationConfig' && table !== undefined) {
      for (const [inner, innerValue] of Object.entries(table)) setOwn(generation, camelCaseKey(inner), innerValue);
    } else if (REQUEST_KEYS.has(name)) setOwn(request, name, value);
    else if (RESERVED_KEYS.has(name))
      warnings.push(`additional_params.${key} is ignored: Aura builds this part of the request itself`);
    else setOwn(generation, name, value);
  }
  const rawThinking = asJsonObject(generation.thinkingConfig);
  const thinkingConfig = rawThinking === undefined ? undefined : toThinkingConfig(camelCaseKeys(rawThinking));
  if (thinkingConfig !== undefined) delete generation.thinkingConfig;
  else if (rawThinking !== undefined) generation.thinkingConfig = camelCaseKeys(rawThinking);

  const rewrite = Object.keys(generation).length > 0 || Object.keys(request).length > 0;
  const fetch = rewrite
    ? createBodyMergingFetch(options.fetch, (body) => {
        const merged = mergeTopLevel(body, request);
        if (Object.keys(generation).length > 0) {
          const current = isJsonObject(merged.generationConfig) ? merged.generationConfig : {};
          merged.generationConfig = mergeTopLevel(current, generation);
        }
        return merged;
      })
    : options.fetch;
  const base = options.endpointOverride ?? llm.base_url;
  const model = lazyLanguageModel({
    provider: 'google.generative-ai',
    modelId: llm.model,
    load: async () => {
      const { createGoogleGenerativeAI } = await import('@ai-sdk/google');
      return createGoogleGenerativeAI({
        apiKey: llm.api_key,
        ...(base === undefined ? {} : { baseURL: withPathSuffix(base, '/v1beta', ['/v1', '/v1alpha']) }),
        ...(fetch === undefined ? {} : { fetch }),
      })(llm.model);
    },
  });
  return {
    model,
    callSettings: callSettingsOf(llm.temperature, llm.max_tokens),
    providerOptions: thinkingConfig === undefined ? {} : { google: { thinkingConfig } },
    warnings,
    secrets: [llm.api_key],
  };
}

/** The SDK's `thinkingConfig` when `value` fits its schema, else `undefined`. */
function toThinkingConfig(value: JSONObject): JSONObject | undefined {
  const config: JSONObject = {};
  for (const [key, item] of Object.entries(value)) {
    const valid =
      (key === 'thinkingBudget' && typeof item === 'number') ||
      (key === 'includeThoughts' && typeof item === 'boolean') ||
      (key === 'thinkingLevel' && THINKING_LEVELS.has(item));
    if (!valid) return undefined;
    config[key] = item;
  }
  return config;
}

function camelCaseKeys(value: JSONObject): JSONObject {
  const result: JSONObject = {};
  for (const [key, item] of Object.entries(value)) setOwn(result, camelCaseKey(key), item);
  return result;
}
