import { type RuntimeEvent, runtimeEvent } from '@aura/events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createStreamWatchdog, type StreamTimeouts, type StreamTimer } from './stream-watchdog.js';

const agent = { agentId: 'main' };
const runStart = runtimeEvent.runStart({ runId: 'r', model: 'openai/gpt-4o', mode: 'single' });
const stepStart = runtimeEvent.stepStart({ agent, step: 1 });
const delta = runtimeEvent.textDelta({ agent, delta: 'x' });
const call = (id: string): RuntimeEvent =>
  runtimeEvent.toolCall({ agent, toolCallId: id, toolName: 't', arguments: {}, rawArguments: '{}', toolKind: 'mcp' });
const result = (id: string): RuntimeEvent =>
  runtimeEvent.toolResult({
    agent,
    toolCallId: id,
    toolName: 't',
    toolKind: 'mcp',
    durationMs: 1,
    success: true,
    output: 'ok',
  });
const progress = (id: string): RuntimeEvent => runtimeEvent.toolProgress({ agent, toolCallId: id, progress: 1 });

function watch(timeouts: Partial<StreamTimeouts>) {
  const fired: [StreamTimer, number][] = [];
  const watchdog = createStreamWatchdog(
    { firstChunkSecs: 0, inactivitySecs: 0, totalSecs: 0, ...timeouts },
    (timer, seconds) => fired.push([timer, seconds]),
  );
  watchdog.start();
  return { watchdog, fired };
}

describe('stream watchdog', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('first chunk: bookkeeping events do not count, model output does', () => {
    const { watchdog, fired } = watch({ firstChunkSecs: 2 });
    watchdog.onEvent(runStart);
    watchdog.onEvent(stepStart);
    vi.advanceTimersByTime(1999);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(fired).toEqual([['first-chunk', 2]]);

    const second = watch({ firstChunkSecs: 2 });
    second.watchdog.onEvent(delta);
    vi.advanceTimersByTime(10_000);
    expect(second.fired).toEqual([]);
  });

  it('inactivity: idle before the first output, re-armed by every event, suspended while tools run', () => {
    const { watchdog, fired } = watch({ inactivitySecs: 1 });
    vi.advanceTimersByTime(5000);
    expect(fired).toEqual([]);
    watchdog.onEvent(delta);
    vi.advanceTimersByTime(900);
    watchdog.onEvent(delta);
    vi.advanceTimersByTime(900);
    watchdog.onEvent(call('a'));
    watchdog.onEvent(call('b'));
    vi.advanceTimersByTime(5000);
    watchdog.onEvent(progress('a'));
    watchdog.onEvent(result('a'));
    vi.advanceTimersByTime(5000);
    expect(fired).toEqual([]);
    watchdog.onEvent(result('b'));
    vi.advanceTimersByTime(999);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(fired).toEqual([['inactivity', 1]]);
  });

  it('total fires once whatever arrives; stop disarms; 0 disables', () => {
    const { watchdog, fired } = watch({ totalSecs: 3, inactivitySecs: 10 });
    watchdog.onEvent(delta);
    vi.advanceTimersByTime(2000);
    watchdog.onEvent(delta);
    vi.advanceTimersByTime(1000);
    expect(fired).toEqual([['total', 3]]);
    vi.advanceTimersByTime(60_000);
    expect(fired).toHaveLength(1);

    const stopped = watch({ totalSecs: 1, firstChunkSecs: 1 });
    stopped.watchdog.stop();
    vi.advanceTimersByTime(5000);
    expect(stopped.fired).toEqual([]);

    const disabled = watch({});
    disabled.watchdog.onEvent(delta);
    vi.advanceTimersByTime(10_000_000);
    expect(disabled.fired).toEqual([]);
  });
});
