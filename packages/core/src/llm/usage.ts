/**
 * Conversion of per-call usage into Aura's {@link TokenUsage}: the provider-level `LanguageModelV3Usage` a model's
 * `finish` stream part carries (what the agent loop reads), and the AI SDK's `LanguageModelUsage` (what
 * `streamText` reports). Providers that report nothing yield zeros (never `undefined`), so sums over a run stay
 * numbers.
 */
import type { LanguageModelV3Usage } from '@ai-sdk/provider';
import type { TokenUsage } from '@aura/events';
import type { LanguageModelUsage } from 'ai';

/** Converts one AI SDK `LanguageModelUsage` (a step's or a call's) into a {@link TokenUsage}. */
export function toTokenUsage(usage: LanguageModelUsage | undefined): TokenUsage {
  const inputTokens = usage?.inputTokens ?? 0;
  const outputTokens = usage?.outputTokens ?? 0;
  const cacheRead = usage?.inputTokenDetails?.cacheReadTokens ?? usage?.cachedInputTokens;
  const cacheWrite = usage?.inputTokenDetails?.cacheWriteTokens;
  const reasoning = usage?.outputTokenDetails?.reasoningTokens ?? usage?.reasoningTokens;
  return {
    inputTokens,
    outputTokens,
    totalTokens: usage?.totalTokens ?? inputTokens + outputTokens,
    ...(cacheRead === undefined ? {} : { cacheReadTokens: cacheRead }),
    ...(cacheWrite === undefined ? {} : { cacheWriteTokens: cacheWrite }),
    ...(reasoning === undefined ? {} : { reasoningTokens: reasoning }),
  };
}

/**
 * Converts the usage of a model's `finish` stream part (`{ inputTokens: { total, noCache, cacheRead,
 * cacheWrite }, outputTokens: { total, text, reasoning } }`) into a {@link TokenUsage}, exactly as
 * {@link toTokenUsage} converts what `streamText` makes of it: missing totals count as 0, `totalTokens` is
 * their sum, and cache/reasoning counters appear only when the provider reported them.
 */
export function fromV3Usage(usage: LanguageModelV3Usage | undefined): TokenUsage {
  const inputTokens = usage?.inputTokens.total ?? 0;
  const outputTokens = usage?.outputTokens.total ?? 0;
  const cacheRead = usage?.inputTokens.cacheRead;
  const cacheWrite = usage?.inputTokens.cacheWrite;
  const reasoning = usage?.outputTokens.reasoning;
  return {
    inputTokens,
    outputTokens,
    totalTokens: inputTokens + outputTokens,
    ...(cacheRead === undefined ? {} : { cacheReadTokens: cacheRead }),
    ...(cacheWrite === undefined ? {} : { cacheWriteTokens: cacheWrite }),
    ...(reasoning === undefined ? {} : { reasoningTokens: reasoning }),
  };
}
