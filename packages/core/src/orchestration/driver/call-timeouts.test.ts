import { isAuraError } from '@aura/events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { inactivityTimeoutMessage, perCallTimeoutMessage, watchCall } from './call-timeouts.js';

const agent = { agentId: 'w' };

describe('watchCall', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('aborts with RUN_TIMEOUT and the phase message when the per-call limit elapses', () => {
    const watch = watchCall({
      phase: 'Worker task',
      perCallTimeoutSecs: 2,
      inactivityTimeoutSecs: 0,
      signal: new AbortController().signal,
    });
    vi.advanceTimersByTime(1999);
    expect(watch.signal.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(isAuraError(watch.signal.reason, 'RUN_TIMEOUT')).toBe(true);
    expect((watch.signal.reason as Error).message).toBe(perCallTimeoutMessage('Worker task', 2));
    expect(perCallTimeoutMessage('Planning', 2)).toBe('Planning timed out after 2s');
    watch.dispose();
  });

  it('arms the inactivity deadline on the first stream item, not before, and re-arms on every item', () => {
    const watch = watchCall({
      phase: 'Planning',
      perCallTimeoutSecs: 0,
      inactivityTimeoutSecs: 1,
      signal: new AbortController().signal,
    });
    watch.observe({ type: 'step-start', agent, step: 1 });
    vi.advanceTimersByTime(5000);
    expect(watch.signal.aborted).toBe(false);
    watch.observe({ type: 'text-delta', agent, delta: 'a' });
    vi.advanceTimersByTime(900);
    watch.observe({ type: 'text-delta', agent, delta: 'b' });
    vi.advanceTimersByTime(900);
    expect(watch.signal.aborted).toBe(false);
    vi.advanceTimersByTime(100);
    expect((watch.signal.reason as Error).message).toBe(inactivityTimeoutMessage('Planning', 1));
    expect(inactivityTimeoutMessage('Planning', 1)).toBe('Planning: no stream progress for 1s');
    watch.dispose();
  });

  it('suspends the inactivity deadline while the requested tools run, then resumes with a full window', () => {
    const watch = watchCall({
      phase: 'Worker task',
      perCallTimeoutSecs: 0,
      inactivityTimeoutSecs: 1,
      signal: new AbortController().signal,
    });
    watch.observe({ type: 'text-delta', agent, delta: 'a' });
    watch.observe({
      type: 'step-finish',
      agent,
      step: 1,
      usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
      finishReason: 'tool-calls',
      toolCallIds: ['c1', 'c2'],
    });
    vi.advanceTimersByTime(10_000);
    watch.observe({
      type: 'tool-result',
      agent,
      toolCallId: 'c1',
      toolName: 't',
      toolKind: 'mcp',
      durationMs: 1,
      success: true,
      output: '',
    });
    vi.advanceTimersByTime(10_000);
    expect(watch.signal.aborted).toBe(false);
    watch.observe({
      type: 'tool-result',
      agent,
      toolCallId: 'c2',
      toolName: 't',
      toolKind: 'mcp',
      durationMs: 1,
      success: true,
      output: '',
    });
    vi.advanceTimersByTime(999);
    expect(watch.signal.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(watch.signal.aborted).toBe(true);
    watch.dispose();
  });

  it('propagates the parent abort with its reason and stops its timers on dispose', () => {
    const parent = new AbortController();
    const watch = watchCall({
      phase: 'Planning',
      perCallTimeoutSecs: 1,
      inactivityTimeoutSecs: 1,
      signal: parent.signal,
    });
    parent.abort('gone');
    expect(watch.signal.reason).toBe('gone');
    const other = watchCall({
      phase: 'Planning',
      perCallTimeoutSecs: 1,
      inactivityTimeoutSecs: 1,
      signal: new AbortController().signal,
    });
    other.observe({ type: 'text-delta', agent, delta: 'a' });
    other.dispose();
    vi.advanceTimersByTime(5000);
    expect(other.signal.aborted).toBe(false);
    watch.dispose();
  });
});
