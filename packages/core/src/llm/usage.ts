/**
 * Conversion of the AI SDK's per-call usage into Aura's {@link TokenUsage}. Providers that report nothing
 * yield zeros (never `undefined`), so sums over a run stay numbers.
 */
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
