/**
 * `provider = "ollama"`: Ollama's native `POST {base_url}/api/chat` (NDJSON) through `ollama-ai-provider-v2`.
 */
import type { JSONObject } from '@ai-sdk/provider';
import type { OllamaLlmConfig } from '@aura/config';
import { isJsonObject, setOwn } from '../../util/json-value.js';
import { lazyLanguageModel } from '../lazy-language-model.js';
import { createBodyMergingFetch, mergeTopLevel, toJsonObject } from '../request-body-merge.js';
import { type ProviderBuild, type ProviderBuildOptions, withPathSuffix } from './provider-build.js';

/** Request-level `/api/chat` fields that `additional_params` may set; every other key is a model option. */
export const OLLAMA_REQUEST_FLAGS: readonly string[] = ['think', 'keep_alive', 'format'];

const RESERVED_KEYS: readonly string[] = ['model', 'messages', 'stream', 'tools', 'options'];

/**
 * Builds the Ollama model (`ollama-ai-provider-v2` is imported on the first call). Everything travels in the
 * request body, rewritten by a fetch wrapper (the package only forwards a fixed subset of options, and sends
 * `think: false` unless told otherwise):
 *
 * - `options` = `{ temperature, num_predict: max_tokens }` merged with every `additional_params` key except the
 *   request flags (`num_ctx`, `seed`, `top_k`, `top_p`, `mirostat`, `num_gpu`, …; `additional_params` wins, so
 *   an explicit `num_predict` beats `max_tokens`). The reference ignores `max_tokens` for Ollama; we send it as
 *   `num_predict` (docs/compat.md).
 * - `think`, `keep_alive`, `format` from `additional_params` are lifted to the top level (the reference's docs
 *   put `think` into `options`, where Ollama ignores it). Without `think`, none is sent, as in the reference,
 *   so the model's default applies.
 * - Call settings stay empty: `temperature` and `max_tokens` are already in `options`.
 * - When `num_ctx` is not set, a warning explains that Ollama then uses its small default context and silently
 *   truncates the prompt from the front.
 * - `base_url` is the server root (default `http://localhost:11434`); `/api` is appended unless present.
 * @throws AuraError `CONFIG_INVALID` when `additional_params` holds a value that is not JSON.
 */
export function createOllamaModel(llm: OllamaLlmConfig, options: ProviderBuildOptions): ProviderBuild {
  const warnings: string[] = [];
  const flags: JSONObject = {};
  const modelOptions: JSONObject = {
    ...(llm.temperature === undefined ? {} : { temperature: llm.temperature }),
    ...(llm.max_tokens === undefined ? {} : { num_predict: llm.max_tokens }),
  };
  for (const [key, value] of Object.entries(toJsonObject(llm.additional_params, 'additional_params'))) {
    if (OLLAMA_REQUEST_FLAGS.includes(key)) setOwn(flags, key, value);
    else if (RESERVED_KEYS.includes(key))
      warnings.push(`additional_params.${key} is ignored: Aura builds this part of the request itself`);
    else setOwn(modelOptions, key, value);
  }
  if (modelOptions.num_ctx === undefined) warnings.push(numCtxWarning(llm.model));

  const fetch = createBodyMergingFetch(options.fetch, (body) => {
    const { think: _defaultThink, ...rest } = body;
    const merged = mergeTopLevel(rest, flags);
    if (Object.keys(modelOptions).length > 0) {
      merged.options = mergeTopLevel(isJsonObject(merged.options) ? merged.options : {}, modelOptions);
    }
    return merged;
  });
  const model = lazyLanguageModel({
    provider: 'ollama.responses',
    modelId: llm.model,
    load: async () => {
      const { createOllama } = await import('ollama-ai-provider-v2');
      return createOllama({ baseURL: withPathSuffix(options.endpointOverride ?? llm.base_url, '/api'), fetch }).chat(
        llm.model,
      );
    },
  });
  return { model, callSettings: {}, providerOptions: {}, warnings, secrets: [] };
}

/** The warning for a model without `num_ctx`. */
export function numCtxWarning(model: string): string {
  return (
    `ollama model "${model}": additional_params.num_ctx is not set, so Ollama uses its small default context ` +
    '(2048–4096 tokens on most versions) and silently drops the start of longer prompts — the system prompt and ' +
    'tool definitions first. Set num_ctx under [agent.llm.additional_params] to the context size you need.'
  );
}
