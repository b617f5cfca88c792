import { runtimeEvent } from '@aura/events';
import { describe, expect, it } from 'vitest';
import { createOverheadTracker, formatOverheadMs } from './overhead-tracker.js';

const agent = { agentId: 'main' };
const usage = { inputTokens: 1, outputTokens: 1, totalTokens: 2 };
const stepStart = (step: number) => runtimeEvent.stepStart({ agent, step });
const stepFinish = (step: number) =>
  runtimeEvent.stepFinish({ agent, step, usage, finishReason: 'stop', toolCallIds: [] });
const toolResult = (id: string, durationMs: number) =>
  runtimeEvent.toolResult({
    agent,
    toolCallId: id,
    toolName: 't',
    toolKind: 'mcp',
    durationMs,
    success: true,
    output: '',
  });

describe('overhead tracker', () => {
  it('counts model calls and tool executions, overlaps once, open calls up to the end', () => {
    const tracker = createOverheadTracker();
    tracker.onEvent(stepStart(1), 100);
    tracker.onEvent(stepFinish(1), 300);
    tracker.onEvent(toolResult('a', 150), 500);
    tracker.onEvent(toolResult('b', 100), 480);
    tracker.onEvent(stepStart(2), 520);
    expect(tracker.externalMs(600)).toBe(200 + 150 + 80);
  });

  it('formats with three decimals and never negative', () => {
    expect(formatOverheadMs(1.23456)).toBe('1.235');
    expect(formatOverheadMs(-3)).toBe('0.000');
  });
});
