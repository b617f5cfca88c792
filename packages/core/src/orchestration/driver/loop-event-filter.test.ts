import type { RuntimeEvent } from '@aura/events';
import { describe, expect, it } from 'vitest';
import { createLoopEventFilter } from './loop-event-filter.js';

const worker = { agentId: 'stats', parentAgentId: 'coordinator', taskId: 0 };
const call = (toolCallId: string, toolName: string, toolKind: string): RuntimeEvent => ({
  type: 'tool-call',
  agent: worker,
  toolCallId,
  toolName,
  arguments: {},
  rawArguments: '{}',
  toolKind,
});
const result = (toolCallId: string): RuntimeEvent => ({
  type: 'tool-result',
  agent: worker,
  toolCallId,
  toolName: 'x',
  toolKind: 'x',
  durationMs: 1,
  success: true,
  output: '',
});

describe('loop event filter', () => {
  it('forwards MCP and listed tools with their follow-up events, drops the rest and the loop end', () => {
    const filter = createLoopEventFilter({ eventTools: new Set(['submit_result']), mcpTools: true, dropText: false });
    expect(filter(call('a', 'mean', 'mcp'))).toBeDefined();
    expect(filter(call('b', 'submit_result', 'orchestration'))).toBeDefined();
    expect(filter(call('c', 'wait_for', 'orchestration'))).toBeUndefined();
    expect(filter(result('a'))).toBeDefined();
    expect(filter(result('b'))).toBeDefined();
    expect(filter(result('c'))).toBeUndefined();
    expect(filter({ type: 'tool-progress', agent: worker, toolCallId: 'c', progress: 1 })).toBeUndefined();
    expect(
      filter({
        type: 'run-finish',
        text: '',
        usage: { inputTokens: 0, outputTokens: 0, totalTokens: 0 },
        finishReason: 'stop',
      }),
    ).toBeUndefined();
    expect(filter({ type: 'text-delta', agent: worker, delta: 'x' })).toBeDefined();
  });

  it('drops coordinator text and re-attributes reasoning when asked', () => {
    const coordinator = { agentId: 'coordinator' };
    const filter = createLoopEventFilter({
      eventTools: new Set(),
      mcpTools: false,
      dropText: true,
      reasoningAgent: coordinator,
    });
    expect(filter({ type: 'text-delta', agent: worker, delta: 'x' })).toBeUndefined();
    expect(filter({ type: 'reasoning-delta', agent: worker, delta: 'r' })).toEqual({
      type: 'reasoning-delta',
      agent: coordinator,
      delta: 'r',
    });
    expect(filter(call('m', 'mean', 'mcp'))).toBeUndefined();
  });
});
