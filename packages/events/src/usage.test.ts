import { describe, expect, it } from 'vitest';
import { addUsage, emptyUsage, type TokenUsage, toChatCompletionUsage } from './index.js';

describe('token usage', () => {
  it('emptyUsage is zero, has no optional counters, and is a fresh object each time', () => {
    expect(emptyUsage()).toEqual({ inputTokens: 0, outputTokens: 0, totalTokens: 0 });
    expect(Object.keys(emptyUsage())).toEqual(['inputTokens', 'outputTokens', 'totalTokens']);
    expect(emptyUsage()).not.toBe(emptyUsage());
  });

  it('addUsage sums every counter', () => {
    const a: TokenUsage = { inputTokens: 10, outputTokens: 5, totalTokens: 15, cacheReadTokens: 4, reasoningTokens: 2 };
    const b: TokenUsage = { inputTokens: 7, outputTokens: 3, totalTokens: 10, cacheReadTokens: 1, cacheWriteTokens: 6 };
    expect(addUsage(a, b)).toEqual({
      inputTokens: 17,
      outputTokens: 8,
      totalTokens: 25,
      cacheReadTokens: 5,
      cacheWriteTokens: 6,
      reasoningTokens: 2,
    });
  });

  it('addUsage does not invent optional counters neither side reported', () => {
    const sum = addUsage({ inputTokens: 1, outputTokens: 2, totalTokens: 3 }, emptyUsage());
    expect(sum).toEqual({ inputTokens: 1, outputTokens: 2, totalTokens: 3 });
    expect('cacheReadTokens' in sum).toBe(false);
    expect('reasoningTokens' in sum).toBe(false);
  });

  it('addUsage leaves its operands untouched and folds over many steps', () => {
    const step: TokenUsage = { inputTokens: 2, outputTokens: 1, totalTokens: 3 };
    const total = [step, step, step].reduce(addUsage, emptyUsage());
    expect(total).toEqual({ inputTokens: 6, outputTokens: 3, totalTokens: 9 });
    expect(step).toEqual({ inputTokens: 2, outputTokens: 1, totalTokens: 3 });
  });

  it('maps to the OpenAI usage object in OpenAI key order', () => {
    expect(JSON.stringify(toChatCompletionUsage({ inputTokens: 10, outputTokens: 5, totalTokens: 15 }))).toBe(
      '{"prompt_tokens":10,"completion_tokens":5,"total_tokens":15}',
    );
    expect(
      JSON.stringify(
        toChatCompletionUsage({
          inputTokens: 10,
          outputTokens: 5,
          totalTokens: 15,
          cacheReadTokens: 4,
          cacheWriteTokens: 1,
          reasoningTokens: 3,
        }),
      ),
    ).toBe(
      '{"prompt_tokens":10,"completion_tokens":5,"total_tokens":15,' +
        '"prompt_tokens_details":{"cached_tokens":4},"completion_tokens_details":{"reasoning_tokens":3}}',
    );
  });
});
