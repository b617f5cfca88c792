/**
 * The one entry point from an `[agent.llm]` table to a ready-to-call AI SDK model: provider package, knobs,
 * retries and (Ollama) fallback tool-call parsing.
 */
import type { LanguageModelV3, SharedV3ProviderOptions } from '@ai-sdk/provider';
import type { LlmConfig, LlmProvider } from '@aura/config';
import { assertNever } from '@aura/events';
import type { LlmLogger } from './llm-logger.js';
import { withFallbackToolParsing } from './ollama-text-tool-calls-middleware.js';
import { createAnthropicModel } from './providers/anthropic.js';
import { createBedrockModel } from './providers/bedrock.js';
import { createGeminiModel } from './providers/gemini.js';
import { createOllamaModel } from './providers/ollama.js';
import { createOpenAiModel } from './providers/openai.js';
import { createOpenRouterModel } from './providers/openrouter.js';
import type {
  BedrockCredentials,
  LlmCallSettings,
  ProviderBuild,
  ProviderBuildOptions,
} from './providers/provider-build.js';
import { type RetryOptions, withRetry } from './retry.js';

/** Options of {@link createLanguageModel}. */
export interface CreateLanguageModelOptions {
  /** `fetch` for every provider HTTP call (wrapped where a provider rewrites request bodies). */
  readonly fetch?: typeof fetch;
  /** Receives configuration warnings (each at most once per process) and retry notices. */
  readonly logger?: LlmLogger;
  /**
   * Replaces the provider endpoint — config `base_url`, or Bedrock's regional endpoint, which has no config
   * key. A test/demo hook (point a provider at the mock provider server). Path suffixes are normalised as for
   * `base_url` (Anthropic `/v1`, Gemini `/v1beta`, Ollama `/api`).
   */
  readonly endpointOverride?: string;
  /** Bedrock only: static credentials instead of the AWS credential chain (tests). */
  readonly credentials?: BedrockCredentials;
  /**
   * Retry tuning (default `DEFAULT_RETRY_OPTIONS`, logging to `logger`), or `false` for no retries —
   * failures are still mapped to `PROVIDER_*` errors.
   */
  readonly retry?: RetryOptions | false;
}

/** A model built from an `[agent.llm]` table, and how to call it. */
export interface ResolvedModel {
  /**
   * The AI SDK model, already wrapped with retries and error mapping (see `retryMiddleware`), and with
   * Ollama fallback tool parsing when `fallback_tool_parsing = true`. Call `streamText({ model,
   * ...callSettings, providerOptions, maxRetries: 0, … })`: retries happen here, never in the AI SDK.
   */
  readonly model: LanguageModelV3;
  readonly provider: LlmProvider;
  /** `model` as configured. */
  readonly modelId: string;
  /** `<provider>/<model>`, for logs, spans and error messages. */
  readonly label: string;
  /** Standard call settings (`temperature`, `maxOutputTokens`) to pass to `streamText`. */
  readonly callSettings: LlmCallSettings;
  /** Provider options `streamText` must pass (e.g. Anthropic thinking, Bedrock additional fields). */
  readonly providerOptions: SharedV3ProviderOptions;
  /** `context_window` as configured (never sent to the provider). */
  readonly contextWindow?: number;
  /** Configuration warnings, e.g. Ollama without `num_ctx`, ignored `additional_params` keys. */
  readonly warnings: readonly string[];
}

// Process-wide memo so each configuration warning is logged once, however many requests build the model.
const loggedWarnings = new Set<string>();

/**
 * Builds the model for `llm` (see `providers/<provider>.ts` for each provider's mapping of `temperature`,
 * `max_tokens`, `reasoning_effort` and `additional_params`; every provider-specific knob is either in
 * `providerOptions` or written into the request body by a fetch wrapper). Synchronous and cheap: the provider
 * package is imported and nothing is sent until the first call; Bedrock resolves AWS credentials on the first call.
 * @throws AuraError `CONFIG_INVALID` when `additional_params` holds a value that cannot be sent as JSON.
 */
export function createLanguageModel(llm: LlmConfig, options: CreateLanguageModelOptions = {}): ResolvedModel {
  const buildOptions: ProviderBuildOptions = {
    fetch: options.fetch,
    endpointOverride: options.endpointOverride,
    credentials: options.credentials,
    logger: options.logger,
  };
  const build = buildProvider(llm, buildOptions);
  const label = `${llm.provider}/${llm.model}`;
  const retry: RetryOptions = options.retry === false ? { maxRetries: 0 } : (options.retry ?? {});
  let model = withRetry(
    build.model,
    { provider: llm.provider, model: llm.model, secrets: build.secrets },
    { ...retry, logger: retry.logger ?? options.logger },
  );
  if (llm.provider === 'ollama' && llm.fallback_tool_parsing) model = withFallbackToolParsing(model);
  if (options.logger !== undefined) {
    for (const warning of build.warnings) {
      const key = `${label}\u0000${warning}`;
      if (loggedWarnings.has(key)) continue;
      loggedWarnings.add(key);
      options.logger.warn(warning, { provider: llm.provider, model: llm.model });
    }
  }
  return {
    model,
    provider: llm.provider,
    modelId: llm.model,
    label,
    callSettings: build.callSettings,
    providerOptions: build.providerOptions,
    ...(llm.context_window === undefined ? {} : { contextWindow: llm.context_window }),
    warnings: build.warnings,
  };
}

function buildProvider(llm: LlmConfig, options: ProviderBuildOptions): ProviderBuild {
  switch (llm.provider) {
    case 'openai':
      return createOpenAiModel(llm, options);
    case 'anthropic':
      return createAnthropicModel(llm, options);
    case 'bedrock':
      return createBedrockModel(llm, options);
    case 'gemini':
      return createGeminiModel(llm, options);
    case 'ollama':
      return createOllamaModel(llm, options);
    case 'openrouter':
      return createOpenRouterModel(llm, options);
    default:
      return assertNever(llm);
  }
}
