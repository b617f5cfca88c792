import { describe, expect, it } from 'vitest';
import { maxDepthErrorMessage, resolveDepthBudget } from './depth-budget.js';

describe('resolveDepthBudget (core-spec §3.4, Q3)', () => {
  it('allows turn_depth + bonus + 2 calls', () => {
    expect(resolveDepthBudget(5)).toEqual({ maxDepth: 5, maxCalls: 7 });
    expect(resolveDepthBudget(0)).toEqual({ maxDepth: 0, maxCalls: 2 });
    expect(resolveDepthBudget(1, 6)).toEqual({ maxDepth: 7, maxCalls: 9 });
  });

  it('rejects negative, fractional and non-finite values with CONFIG_INVALID', () => {
    for (const [depth, bonus] of [
      [-1, 0],
      [1.5, 0],
      [Number.POSITIVE_INFINITY, 0],
      [1, -2],
    ] as const) {
      expect(() => resolveDepthBudget(depth, bonus)).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
    }
  });

  it('formats the reference error', () => {
    expect(maxDepthErrorMessage(7)).toBe('MaxDepthError: (reached limit: 7)');
  });
});
