import { AuraError, agentRef, type RuntimeEvent, runtimeEvent } from '@aura/events';
import { describe, expect, it } from 'vitest';
import {
  type ChatCompletionCollectorOptions,
  type ChatCompletionOutcome,
  CONTEXT_OVERFLOW_MESSAGE,
  createChatCompletionCollector,
} from '../index.js';

const main = agentRef({ agentId: 'main' });
const base = { completionId: 'chatcmpl-1', created: 1, model: 'openai/gpt-4o', sessionId: 'cs_1' };

function collect(
  events: readonly RuntimeEvent[],
  options: Partial<ChatCompletionCollectorOptions> = {},
  outcome?: ChatCompletionOutcome,
) {
  const collector = createChatCompletionCollector({ ...base, ...options });
  for (const event of events) collector.onEvent(event);
  return collector.finish(outcome);
}

const text = (delta: string) => runtimeEvent.textDelta({ agent: main, delta });
const tool = (kind = 'mcp'): RuntimeEvent[] => [
  runtimeEvent.toolCall({
    agent: main,
    toolCallId: 'c',
    toolName: 't',
    arguments: {},
    rawArguments: '{}',
    toolKind: kind,
  }),
  runtimeEvent.toolResult({
    agent: main,
    toolCallId: 'c',
    toolName: 't',
    toolKind: kind,
    durationMs: 1,
    success: true,
    output: 'r',
  }),
];

describe('createChatCompletionCollector', () => {
  it('uses the final text and usage of run-finish', () => {
    const body = collect([
      text('Hel'),
      text('lo'),
      runtimeEvent.runFinish({
        text: 'Hello',
        usage: { inputTokens: 2, outputTokens: 1, totalTokens: 3 },
        finishReason: 'stop',
      }),
    ]);
    expect(body.choices[0]?.message.content).toBe('Hello');
    expect(body.usage).toEqual({ prompt_tokens: 2, completion_tokens: 1, total_tokens: 3 });
    expect(body.metadata).toEqual({ chat_session_id: 'cs_1' });
  });

  it('without a final report, joins visible deltas with the post-tool separator and sums step usage', () => {
    const body = collect(
      [
        text('Looking'),
        ...tool(),
        text('Found it'),
        runtimeEvent.textDelta({ agent: agentRef({ agentId: 'w', parentAgentId: 'coordinator' }), delta: 'hidden' }),
        runtimeEvent.stepFinish({
          agent: main,
          step: 1,
          usage: { inputTokens: 4, outputTokens: 1, totalTokens: 5 },
          finishReason: 'tool-calls',
          toolCallIds: ['c'],
        }),
        runtimeEvent.stepFinish({
          agent: main,
          step: 2,
          usage: { inputTokens: 6, outputTokens: 2, totalTokens: 8 },
          finishReason: 'stop',
          toolCallIds: [],
        }),
      ],
      {},
      { kind: 'completed' },
    );
    expect(body.choices[0]?.message.content).toBe('Looking\n\nFound it');
    expect(body.usage).toEqual({ prompt_tokens: 10, completion_tokens: 3, total_tokens: 13 });
  });

  it('does not add a separator after scratchpad or client tools', () => {
    expect(collect([text('a'), ...tool('scratchpad'), text('b')]).choices[0]?.message.content).toBe('ab');
  });

  it('answers provider errors with HTTP-200 text, appended after partial text', () => {
    const error = (code: 'PROVIDER_UNAVAILABLE' | 'PROVIDER_CONTEXT_OVERFLOW') =>
      runtimeEvent.runError({ error: { code, message: 'upstream', retryable: false } });
    expect(collect([error('PROVIDER_CONTEXT_OVERFLOW')]).choices[0]?.message.content).toBe(CONTEXT_OVERFLOW_MESSAGE);
    expect(
      collect([text('Part'), error('PROVIDER_UNAVAILABLE')], { debugProviderErrors: true }).choices[0]?.message.content,
    ).toBe('Part\n\nThe upstream model provider (openai/gpt-4o) returned an error: upstream');
  });

  it('returns client tool calls with finish_reason tool_calls and ignores the stop that follows', () => {
    const body = collect([
      runtimeEvent.toolCall({
        agent: main,
        toolCallId: 'w',
        toolName: 'get_weather',
        arguments: { city: 'Paris' },
        rawArguments: '{"city":"Paris"}',
        toolKind: 'client',
      }),
      runtimeEvent.runError({ error: { code: 'RUN_ABORTED', message: 'client tools', retryable: false } }),
    ]);
    expect(body.choices[0]).toEqual({
      index: 0,
      message: {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'w', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }],
      },
      finish_reason: 'tool_calls',
    });
  });

  it('notes a timeout and reports a runtime that threw', () => {
    expect(collect([text('a')], {}, { kind: 'timeout', seconds: 900 }).choices[0]?.message.content).toBe(
      'a\n\n[Aura: the request timed out after 900 s and was stopped.]',
    );
    expect(
      collect([], {}, { kind: 'failed', error: new AuraError('PROVIDER_AUTH', 'bad key') }).choices[0]?.message.content,
    ).toContain('returned an error and the request could not be completed');
    expect(collect([], {}, { kind: 'failed', error: new Error('bug') }).choices[0]?.message.content).toContain(
      '(INTERNAL)',
    );
  });
});
