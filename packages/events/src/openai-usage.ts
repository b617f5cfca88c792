import type { TokenUsage } from './usage.js';

/** OpenAI `usage` object of responses and final stream chunks. */
export interface ChatCompletionUsage {
  readonly prompt_tokens: number;
  readonly completion_tokens: number;
  /** `prompt_tokens + completion_tokens`. */
  readonly total_tokens: number;
  readonly prompt_tokens_details?: { readonly cached_tokens?: number; readonly audio_tokens?: number };
  readonly completion_tokens_details?: { readonly reasoning_tokens?: number; readonly audio_tokens?: number };
}

/**
 * Maps runtime {@link TokenUsage} to the OpenAI `usage` object, keys in OpenAI order.
 * `prompt_tokens_details.cached_tokens` (from `cacheReadTokens`) and
 * `completion_tokens_details.reasoning_tokens` (from `reasoningTokens`) appear only when reported.
 */
export function toChatCompletionUsage(usage: TokenUsage): ChatCompletionUsage {
  return {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.totalTokens,
    ...(usage.cacheReadTokens === undefined ? {} : { prompt_tokens_details: { cached_tokens: usage.cacheReadTokens } }),
    ...(usage.reasoningTokens === undefined
      ? {}
      : { completion_tokens_details: { reasoning_tokens: usage.reasoningTokens } }),
  };
}
