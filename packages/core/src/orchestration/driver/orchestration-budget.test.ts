import { isAuraError } from '@aura/events';
import { createScriptedModel, text, turn } from '@aura/testkit';
import { streamText } from 'ai';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { budgetExhaustedNote, createRunBudget, readRunBudgetLimits } from './orchestration-budget.js';

describe('run budget', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reads max_run_tokens / max_run_seconds, treating 0 and absence as unset', () => {
    expect(readRunBudgetLimits({ max_run_tokens: 10, max_run_seconds: 0 })).toEqual({
      maxTokens: 10,
      maxSeconds: undefined,
    });
    expect(readRunBudgetLimits({})).toEqual({ maxTokens: undefined, maxSeconds: undefined });
  });

  it('is exhausted once the counted tokens reach the limit, and then refuses new model calls', async () => {
    vi.useRealTimers();
    const budget = createRunBudget({ maxTokens: 100 });
    const model = createScriptedModel({ respond: () => turn(text('hi')) });
    const gated = budget.guardModel(model);
    expect(budget.guardModel(model)).toBe(gated);
    budget.recordUsage({ inputTokens: 60, outputTokens: 30, totalTokens: 90 });
    expect(budget.exhaustion).toBeUndefined();
    const ok = streamText({ model: gated, prompt: 'x', maxRetries: 0 });
    expect(await ok.text).toBe('hi');
    budget.recordUsage({ inputTokens: 5, outputTokens: 5, totalTokens: 10 });
    expect(budget.exhaustion).toEqual({ kind: 'tokens', limit: 100, used: 100 });
    expect(budget.signal.aborted).toBe(false);
    let failure: unknown;
    const refused = streamText({
      model: gated,
      prompt: 'x',
      maxRetries: 0,
      onError: ({ error }) => {
        failure = error;
      },
    });
    await refused.consumeStream();
    expect(isAuraError(failure, 'RUN_BUDGET_EXHAUSTED')).toBe(true);
    expect(model.calls).toHaveLength(1);
    budget.dispose();
  });

  it('aborts its signal when the time budget runs out', () => {
    const budget = createRunBudget({ maxSeconds: 2 });
    vi.advanceTimersByTime(1999);
    expect(budget.signal.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(budget.exhaustion).toEqual({ kind: 'seconds', limit: 2 });
    expect(isAuraError(budget.signal.reason, 'RUN_BUDGET_EXHAUSTED')).toBe(true);
    expect(budgetExhaustedNote({ kind: 'seconds', limit: 2 })).toMatch(/^Run budget exhausted \(max_run_seconds = 2\)/);
    budget.dispose();
  });

  it('without limits the model is not wrapped and nothing ever aborts', () => {
    const budget = createRunBudget({});
    const model = createScriptedModel({});
    expect(budget.guardModel(model)).toBe(model);
    budget.recordUsage({ inputTokens: 1e9, outputTokens: 0, totalTokens: 1e9 });
    expect(budget.exhaustion).toBeUndefined();
    budget.dispose();
  });
});
