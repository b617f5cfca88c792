import type { ModelMessage } from 'ai';
import { describe, expect, it } from 'vitest';
import { checkTranscript, toolResultMessage } from './transcript.js';

const call = (id: string) => ({ type: 'tool-call' as const, toolCallId: id, toolName: 't', input: {} });
const result = (id: string) => ({
  type: 'tool-result' as const,
  toolCallId: id,
  toolName: 't',
  output: { type: 'text' as const, value: 'ok' },
});

describe('checkTranscript', () => {
  it('accepts answered calls and plain messages', () => {
    const messages: ModelMessage[] = [
      { role: 'user', content: 'hi' },
      { role: 'assistant', content: [call('a'), call('b')] },
      { role: 'tool', content: [result('a'), result('b')] },
      { role: 'assistant', content: 'done' },
    ];
    expect(checkTranscript(messages)).toEqual([]);
  });

  it('reports missing, duplicate and orphan results and duplicate calls', () => {
    const messages: ModelMessage[] = [
      { role: 'tool', content: [result('x')] },
      { role: 'assistant', content: [call('a'), call('b'), call('c')] },
      { role: 'tool', content: [result('a'), result('a')] },
      { role: 'assistant', content: [call('b')] },
    ];
    expect(checkTranscript(messages)).toEqual([
      { kind: 'orphan-result', toolCallId: 'x' },
      { kind: 'duplicate-result', toolCallId: 'a' },
      { kind: 'duplicate-call', toolCallId: 'b' },
      { kind: 'missing-result', toolCallId: 'b' },
      { kind: 'missing-result', toolCallId: 'c' },
    ]);
    expect(checkTranscript(messages.slice(1, 3), ['b', 'c'])).toEqual([{ kind: 'duplicate-result', toolCallId: 'a' }]);
  });
});

describe('toolResultMessage', () => {
  it('marks failures as error-text and keeps the given order', () => {
    expect(
      toolResultMessage([
        { toolCallId: 'b', toolName: 'x', output: 'ToolCallError: no', success: false },
        { toolCallId: 'a', toolName: 'y', output: 'fine', success: true },
      ]),
    ).toEqual({
      role: 'tool',
      content: [
        {
          type: 'tool-result',
          toolCallId: 'b',
          toolName: 'x',
          output: { type: 'error-text', value: 'ToolCallError: no' },
        },
        { type: 'tool-result', toolCallId: 'a', toolName: 'y', output: { type: 'text', value: 'fine' } },
      ],
    });
    expect(toolResultMessage([])).toBeUndefined();
  });
});
