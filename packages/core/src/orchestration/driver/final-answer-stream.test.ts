import { describe, expect, it } from 'vitest';
import { finalAnswerEvents, splitCodePoints } from './final-answer-stream.js';

describe('final answer stream', () => {
  it('cuts by code points, never inside a surrogate pair', () => {
    expect(splitCodePoints('')).toEqual([]);
    expect(splitCodePoints('abcdef', 4)).toEqual(['abcd', 'ef']);
    const emoji = '😀'.repeat(51);
    const pieces = splitCodePoints(emoji);
    expect(pieces.map((piece) => Array.from(piece).length)).toEqual([50, 1]);
    expect(pieces.join('')).toBe(emoji);
  });

  it('emits coordinator deltas then run-finish with the whole answer and usage', () => {
    const usage = { inputTokens: 3, outputTokens: 2, totalTokens: 5 };
    const events = finalAnswerEvents('x'.repeat(120), usage, 'budget_exhausted');
    expect(events.map((event) => event.type)).toEqual(['text-delta', 'text-delta', 'text-delta', 'run-finish']);
    expect(events[0]).toEqual({ type: 'text-delta', agent: { agentId: 'coordinator' }, delta: 'x'.repeat(50) });
    expect(events[3]).toEqual({
      type: 'run-finish',
      text: 'x'.repeat(120),
      usage,
      finishReason: 'stop',
      stopReason: 'budget_exhausted',
    });
    expect(finalAnswerEvents('ok', usage).at(-1)).not.toHaveProperty('stopReason');
  });
});
