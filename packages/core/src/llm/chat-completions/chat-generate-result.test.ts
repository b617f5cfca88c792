import { describe, expect, it } from 'vitest';
import { chatGenerateResult } from './chat-generate-result.js';

describe('chatGenerateResult', () => {
  it('reads reasoning, text, a refusal and tool calls; a refusal makes `stop` a content filter', () => {
    const result = chatGenerateResult(
      {
        choices: [
          {
            message: {
              reasoning_content: 'why',
              content: 'Hello',
              refusal: 'no',
              tool_calls: [{ function: { name: 'f', arguments: '{}' } }],
            },
            finish_reason: 'stop',
          },
        ],
        usage: { prompt_tokens: 5, completion_tokens: 7, completion_tokens_details: { reasoning_tokens: 2 } },
      },
      'openai-compatible',
    );
    expect(result.content).toEqual([
      { type: 'reasoning', text: 'why' },
      { type: 'text', text: 'Hello' },
      { type: 'text', text: 'no' },
      { type: 'tool-call', toolCallId: expect.stringMatching(/^call_/), toolName: 'f', input: '{}' },
    ]);
    expect(result.finishReason).toEqual({ unified: 'content-filter', raw: 'stop' });
    expect(result.usage.outputTokens).toEqual({ total: 7, text: 5, reasoning: 2 });
  });

  it('rejects what is not a chat completion with a clear error', () => {
    expect(() => chatGenerateResult({ choices: [] }, 'k')).toThrow('Response did not contain any choices.');
    expect(() => chatGenerateResult('nope', 'k')).toThrow(/`choices` must be an array/);
    expect(() => chatGenerateResult({ choices: [{}] }, 'k')).toThrow(/`choices\[0\]\.message` must be an object/);
    expect(() =>
      chatGenerateResult({ choices: [{ message: { tool_calls: [{ function: { name: 'f' } }] } }] }, 'k'),
    ).toThrow(/a tool call needs `function.name` and `function.arguments`/);
  });
});
