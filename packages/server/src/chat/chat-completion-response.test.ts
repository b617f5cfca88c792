import { describe, expect, it } from 'vitest';
import { buildChatCompletionResponse } from '../index.js';

const base = { completionId: 'chatcmpl-1', created: 1730000000, model: 'openai/gpt-4o', sessionId: 'cs_1' };

describe('buildChatCompletionResponse (§7.6)', () => {
  it('builds the reference body byte for byte', () => {
    const body = buildChatCompletionResponse({
      ...base,
      text: 'Hello!',
      usage: { inputTokens: 10, outputTokens: 5, totalTokens: 15 },
      finishReason: 'stop',
    });
    expect(JSON.stringify(body)).toBe(
      '{"id":"chatcmpl-1","object":"chat.completion","created":1730000000,"model":"openai/gpt-4o",' +
        '"choices":[{"index":0,"message":{"role":"assistant","content":"Hello!"},"finish_reason":"stop"}],' +
        '"usage":{"prompt_tokens":10,"completion_tokens":5,"total_tokens":15},"metadata":{"chat_session_id":"cs_1"}}',
    );
  });

  it('always has usage (zeros when unknown)', () => {
    expect(buildChatCompletionResponse({ ...base, text: 'x' }).usage).toEqual({
      prompt_tokens: 0,
      completion_tokens: 0,
      total_tokens: 0,
    });
  });

  it('reports length when completion tokens reach max_tokens (§16 case 10) or the runtime says so', () => {
    const used = { inputTokens: 3, outputTokens: 4, totalTokens: 7 };
    expect(
      buildChatCompletionResponse({ ...base, text: 'x', usage: used, requestMaxTokens: 1 }).choices[0]?.finish_reason,
    ).toBe('length');
    expect(
      buildChatCompletionResponse({ ...base, text: 'x', usage: used, requestMaxTokens: 5 }).choices[0]?.finish_reason,
    ).toBe('stop');
    expect(buildChatCompletionResponse({ ...base, text: 'x', finishReason: 'length' }).choices[0]?.finish_reason).toBe(
      'length',
    );
  });

  it('returns pending client tool calls with finish_reason tool_calls and null content (quirk Q4 fixed)', () => {
    const body = buildChatCompletionResponse({
      ...base,
      text: '',
      usage: { inputTokens: 3, outputTokens: 4, totalTokens: 7 },
      requestMaxTokens: 1,
      clientToolCalls: [{ id: 'call_w', name: 'get_weather', arguments: '{"city":"Paris"}' }],
    });
    expect(body.choices[0]).toEqual({
      index: 0,
      message: {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: 'call_w', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
        ],
      },
      finish_reason: 'tool_calls',
    });
  });
});
