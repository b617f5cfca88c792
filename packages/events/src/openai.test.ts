import { describe, expect, it } from 'vitest';
import {
  type ChatCompletionRequest,
  chatChunk,
  chatCompletion,
  isChatCompletionChunk,
  isOpenAiErrorBody,
  modelList,
  modelNotFoundErrorBody,
  modelObject,
  openAiErrorBody,
} from './index.js';

const base = { id: 'chatcmpl-1', created: 1730000000, model: 'openai/gpt-4o' };

describe('OpenAI chat shapes', () => {
  it('builds a first text chunk with role, and omits finish_reason and usage on non-final chunks', () => {
    expect(JSON.stringify(chatChunk({ ...base, delta: { content: 'Hi', role: 'assistant' } }))).toBe(
      '{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1730000000,"model":"openai/gpt-4o",' +
        '"choices":[{"index":0,"delta":{"role":"assistant","content":"Hi"}}]}',
    );
    const later = chatChunk({ ...base, delta: { content: ' there', role: undefined }, finish_reason: undefined });
    expect(later.choices[0]).toEqual({ index: 0, delta: { content: ' there' } });
    expect('finish_reason' in (later.choices[0] ?? {})).toBe(false);
    expect('usage' in later).toBe(false);
  });

  it('builds tool-call chunks with keys in order', () => {
    const chunk = chatChunk({
      ...base,
      delta: {
        tool_calls: [
          { function: { arguments: '{"message":"hi"}', name: 'mock_tool' }, type: 'function', id: 'call_1', index: 0 },
        ],
      },
    });
    expect(JSON.stringify(chunk.choices)).toBe(
      '[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"mock_tool","arguments":"{\\"message\\":\\"hi\\"}"}}]}}]',
    );
  });

  it('builds the final chunk with an empty delta, finish_reason and usage', () => {
    const final = chatChunk({
      ...base,
      usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
      finish_reason: 'stop',
      delta: {},
    });
    expect(JSON.stringify(final)).toBe(
      '{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1730000000,"model":"openai/gpt-4o",' +
        '"choices":[{"index":0,"delta":{},"finish_reason":"stop"}],' +
        '"usage":{"prompt_tokens":10,"completion_tokens":5,"total_tokens":15}}',
    );
    expect(isChatCompletionChunk(JSON.parse(JSON.stringify(final)))).toBe(true);
  });

  it('builds a non-streaming response as in server-spec §7.6', () => {
    const response = chatCompletion({
      ...base,
      chat_session_id: 'cs_1',
      usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
      finish_reason: 'stop',
      message: { content: 'Hello' },
    });
    expect(JSON.stringify(response)).toBe(
      '{"id":"chatcmpl-1","object":"chat.completion","created":1730000000,"model":"openai/gpt-4o",' +
        '"choices":[{"index":0,"message":{"role":"assistant","content":"Hello"},"finish_reason":"stop"}],' +
        '"usage":{"prompt_tokens":10,"completion_tokens":5,"total_tokens":15},"metadata":{"chat_session_id":"cs_1"}}',
    );
  });

  it('builds a non-streaming tool-call response with null content', () => {
    const response = chatCompletion({
      ...base,
      finish_reason: 'tool_calls',
      message: {
        tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{}' } }],
        content: null,
      },
    });
    expect(JSON.stringify(response.choices[0]?.message)).toBe(
      '{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{}"}}]}',
    );
    expect('usage' in response).toBe(false);
    expect('metadata' in response).toBe(false);
  });

  it('builds both error formats of server-spec §3', () => {
    expect(JSON.stringify(openAiErrorBody({ type: 'invalid_request_error', message: 'No messages provided' }))).toBe(
      '{"error":{"message":"No messages provided","type":"invalid_request_error"}}',
    );
    expect(JSON.stringify(modelNotFoundErrorBody('gpt-5'))).toBe(
      '{"error":{"message":"The model `gpt-5` does not exist or you do not have access to it.",' +
        '"type":"invalid_request_error","param":"model","code":"model_not_found"}}',
    );
    expect(isOpenAiErrorBody(modelNotFoundErrorBody('x'))).toBe(true);
    expect(isOpenAiErrorBody({ error: 'x' })).toBe(false);
    expect(isOpenAiErrorBody(null)).toBe(false);
  });

  it('builds the /v1/models list', () => {
    const list = modelList([
      modelObject({ owned_by: 'openai', created: 1730000000, id: 'test-assistant', description: undefined }),
      modelObject({ id: 'b', created: 1, owned_by: 'acme', description: 'Second' }),
    ]);
    expect(JSON.stringify(list)).toBe(
      '{"object":"list","data":[{"id":"test-assistant","object":"model","created":1730000000,"owned_by":"openai"},' +
        '{"id":"b","object":"model","created":1,"owned_by":"acme","description":"Second"}]}',
    );
  });

  it('recognises chunk shapes leniently', () => {
    expect(isChatCompletionChunk({ choices: [] })).toBe(true);
    expect(isChatCompletionChunk({ object: 'chat.completion', choices: [] })).toBe(false);
    expect(isChatCompletionChunk({ choices: 'x' })).toBe(false);
    expect(isChatCompletionChunk('x')).toBe(false);
  });

  it('types every request message role, including content parts and client-tool follow-ups', () => {
    const request: ChatCompletionRequest = {
      model: 'test-assistant',
      stream: true,
      stream_options: { include_usage: true },
      max_completion_tokens: 100,
      temperature: 0,
      metadata: { chat_session_id: 'cs_1' },
      user: 'u1',
      tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object' } } }],
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
      messages: [
        { role: 'system', content: 'be brief' },
        { role: 'developer', content: [{ type: 'text', text: 'dev' }] },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'what is this?' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } },
          ],
        },
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{}' } }],
        },
        { role: 'tool', tool_call_id: 'call_1', content: '72F' },
      ],
    };
    const roles = request.messages.map((message) => message.role);
    expect(roles).toEqual(['system', 'developer', 'user', 'assistant', 'tool']);
  });
});
