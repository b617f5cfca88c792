import { AuraError } from '@aura/events';
import { describe, expect, it } from 'vitest';
import { auraErrorToHttp, parseChatRequest } from '../index.js';

/** The HTTP response a body would get: status and error body. */
function rejection(body: unknown): { status: number; message: string; param?: string | null | undefined } {
  try {
    parseChatRequest(body);
  } catch (error) {
    expect(error).toBeInstanceOf(AuraError);
    const { status, body: errorBody } = auraErrorToHttp(error);
    return { status, message: errorBody.error.message, param: errorBody.error.param };
  }
  throw new Error('expected the body to be rejected');
}

const user = { role: 'user', content: 'hi' };

describe('parseChatRequest', () => {
  it('answers an empty messages array with 400 `No messages provided` in format A (§16 case 5)', () => {
    try {
      parseChatRequest({ messages: [], stream: true });
      expect.unreachable();
    } catch (error) {
      expect(auraErrorToHttp(error)).toEqual({
        status: 400,
        body: { error: { message: 'No messages provided', type: 'invalid_request_error' } },
      });
    }
  });

  it('normalises a minimal request with defaults', () => {
    expect(parseChatRequest({ messages: [user] })).toEqual({
      messages: [{ role: 'user', content: 'hi' }],
      stream: false,
      includeUsage: false,
      metadata: {},
    });
  });

  it('reads the fields Aura uses and ignores the rest', () => {
    const request = parseChatRequest({
      model: ' test-assistant ',
      messages: [user],
      stream: true,
      stream_options: { include_usage: true },
      max_tokens: 50,
      max_completion_tokens: 40,
      metadata: { chat_session_id: 'cs_abc', source: 'ui', nested: { a: 1 } },
      user: 'u1',
      temperature: 0.2,
      top_p: 1,
      seed: 7,
      response_format: { type: 'text' },
    });
    expect(request).toMatchObject({
      model: 'test-assistant',
      stream: true,
      includeUsage: true,
      maxTokens: 40,
      metadataSessionId: 'cs_abc',
      user: 'u1',
    });
    expect(request.tools).toBeUndefined();
  });

  it('streams only for a literal true', () => {
    expect(parseChatRequest({ messages: [user], stream: false }).stream).toBe(false);
    expect(parseChatRequest({ messages: [user], stream: null }).stream).toBe(false);
  });

  it('joins content-part arrays of text parts (the reference 422s them)', () => {
    const request = parseChatRequest({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'first' },
            { type: 'text', text: 'second' },
          ],
        },
      ],
    });
    expect(request.messages[0]?.content).toBe('first\nsecond');
  });

  it('keeps null and missing content as null, tool calls and tool-message fields', () => {
    const request = parseChatRequest({
      messages: [
        user,
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
            { id: 'call_2', function: { name: 'now', arguments: { tz: 'UTC' } } },
          ],
        },
        { role: 'tool', tool_call_id: 'call_1', content: '72F', name: 'get_weather' },
        { role: 'custom-role' },
      ],
      tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object' } } }],
    });
    expect(request.messages.slice(1)).toEqual([
      {
        role: 'assistant',
        content: null,
        toolCalls: [
          { id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
          { id: 'call_2', name: 'now', arguments: '{"tz":"UTC"}' },
        ],
      },
      { role: 'tool', content: '72F', toolCallId: 'call_1', name: 'get_weather' },
      { role: 'custom-role', content: null },
    ]);
    expect(request.tools).toEqual([{ name: 'get_weather', description: '', parameters: { type: 'object' } }]);
  });

  it('turns on client-tools mode even for an empty tools array', () => {
    expect(parseChatRequest({ messages: [user], tools: [] }).tools).toEqual([]);
    expect(parseChatRequest({ messages: [user], tools: null }).tools).toBeUndefined();
  });

  it.each([
    [
      'a non-object body',
      'hello',
      'Invalid request: request body: Invalid input: expected object, received string',
      undefined,
    ],
    ['missing messages', {}, 'Invalid request: messages: required (expected array)', 'messages'],
    [
      'messages not an array',
      { messages: 'hi' },
      'Invalid request: messages: Invalid input: expected array, received string',
      'messages',
    ],
    [
      'a non-string role',
      { messages: [{ role: 1, content: 'x' }] },
      'Invalid request: messages[0].role: Invalid input: expected string, received number',
      'messages[0].role',
    ],
    [
      'a missing role',
      { messages: [{ content: 'x' }] },
      'Invalid request: messages[0].role: required (expected string)',
      'messages[0].role',
    ],
    [
      'numeric content',
      { messages: [{ role: 'user', content: 5 }] },
      'Invalid request: messages[0].content: expected a string, null or an array of text parts, got number',
      'messages[0].content',
    ],
    [
      'an image part',
      { messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://x/y.png' } }] }] },
      'Invalid request: messages[0].content[0].type: content part type "image_url" is not supported; only "text" parts are',
      'messages[0].content[0].type',
    ],
    [
      'a text part without text',
      { messages: [{ role: 'user', content: [{ type: 'text' }] }] },
      'Invalid request: messages[0].content[0].text: expected "text" to be a string, got undefined',
      'messages[0].content[0].text',
    ],
    [
      'a zero max_tokens',
      { messages: [user], max_tokens: 0 },
      'Invalid request: max_tokens: Too small: expected number to be >0',
      'max_tokens',
    ],
    [
      'a string stream flag',
      { messages: [user], stream: 'yes' },
      'Invalid request: stream: Invalid input: expected boolean, received string',
      'stream',
    ],
    [
      'a numeric chat_session_id',
      { messages: [user], metadata: { chat_session_id: 5 } },
      'Invalid request: metadata.chat_session_id: expected a string, got number',
      'metadata.chat_session_id',
    ],
    [
      'a tool without a name',
      { messages: [user], tools: [{ type: 'function', function: {} }] },
      'Invalid request: tools[0].function.name: required (expected string)',
      'tools[0].function.name',
    ],
    [
      'a tool call without an id',
      { messages: [{ role: 'assistant', tool_calls: [{ function: { name: 'x', arguments: '{}' } }] }, user] },
      'Invalid request: messages[0].tool_calls[0].id: required (expected string)',
      'messages[0].tool_calls[0].id',
    ],
  ])('rejects %s with 422 and a message naming the field', (_label, body, message, param) => {
    expect(rejection(body)).toEqual({ status: 422, message, param });
  });

  it('lists several issues, at most five', () => {
    const messages = Array.from({ length: 7 }, () => ({ role: 7 }));
    const { message } = rejection({ messages });
    expect(message.split('; ')).toHaveLength(5);
    expect(message).toMatch(/\(and 2 more\)$/);
  });
});
