import type { LanguageModelUsage } from 'ai';
import { describe, expect, it } from 'vitest';
import { toTokenUsage } from './usage.js';

const usage = (overrides: Partial<LanguageModelUsage>): LanguageModelUsage => ({
  inputTokens: undefined,
  outputTokens: undefined,
  totalTokens: undefined,
  inputTokenDetails: { noCacheTokens: undefined, cacheReadTokens: undefined, cacheWriteTokens: undefined },
  outputTokenDetails: { textTokens: undefined, reasoningTokens: undefined },
  ...overrides,
});

describe('toTokenUsage', () => {
  it('maps totals and details, and derives the total when the provider omits it', () => {
    expect(
      toTokenUsage(
        usage({
          inputTokens: 120,
          outputTokens: 30,
          inputTokenDetails: { noCacheTokens: 20, cacheReadTokens: 100, cacheWriteTokens: 5 },
          outputTokenDetails: { textTokens: 10, reasoningTokens: 20 },
        }),
      ),
    ).toEqual({
      inputTokens: 120,
      outputTokens: 30,
      totalTokens: 150,
      cacheReadTokens: 100,
      cacheWriteTokens: 5,
      reasoningTokens: 20,
    });
  });

  it('yields zeros and no detail keys when nothing was reported', () => {
    expect(toTokenUsage(undefined)).toEqual({ inputTokens: 0, outputTokens: 0, totalTokens: 0 });
    expect(toTokenUsage(usage({ totalTokens: 7 }))).toEqual({ inputTokens: 0, outputTokens: 0, totalTokens: 7 });
  });
});
