import { AuraError } from '@aura/events';
import { describe, expect, it } from 'vitest';
import { auraErrorToHttp, prepareChatRequest } from '../index.js';

const agents = [{ id: 'a' }, { id: 'b' }] as const;

function statusOf(body: unknown, options: { defaultAgent?: string } = {}): number {
  try {
    prepareChatRequest({ body, headers: new Headers(), agents, ...options });
  } catch (error) {
    expect(error).toBeInstanceOf(AuraError);
    return auraErrorToHttp(error).status;
  }
  return 200;
}

describe('prepareChatRequest', () => {
  it('resolves everything a run needs', () => {
    const prepared = prepareChatRequest({
      body: {
        model: 'b',
        stream: true,
        messages: [
          { role: 'system', content: 'ignored' },
          { role: 'user', content: 'hello' },
        ],
        metadata: { chat_session_id: 'cs_meta' },
      },
      headers: new Headers({ 'x-chat-session-id': 'from-header' }),
      agents,
    });
    expect(prepared).toMatchObject({
      sessionId: 'cs_meta',
      agent: { id: 'b' },
      clientToolsMode: false,
      query: 'hello',
      history: [],
      continuation: [],
      request: { stream: true, model: 'b' },
    });
  });

  it('validates in the reference order: schema, empty messages, conversion, then model', () => {
    // A bad schema wins over everything.
    expect(statusOf({ model: 'nope', messages: 'x' })).toBe(422);
    // Empty messages win over the unknown model.
    expect(statusOf({ model: 'nope', messages: [] })).toBe(400);
    // A bad last message wins over the unknown model.
    expect(statusOf({ model: 'nope', messages: [{ role: 'assistant', content: 'x' }] })).toBe(400);
    expect(statusOf({ model: 'nope', messages: [{ role: 'user', content: 'x' }] })).toBe(404);
    expect(statusOf({ messages: [{ role: 'user', content: 'x' }] })).toBe(400);
    expect(statusOf({ messages: [{ role: 'user', content: 'x' }] }, { defaultAgent: 'b' })).toBe(200);
  });

  it('turns on client-tools mode when the request has tools', () => {
    const prepared = prepareChatRequest({
      body: {
        messages: [
          { role: 'user', content: 'weather?' },
          {
            role: 'assistant',
            content: null,
            tool_calls: [{ id: 'c', type: 'function', function: { name: 'w', arguments: '{}' } }],
          },
          { role: 'tool', tool_call_id: 'c', content: '72F' },
        ],
        tools: [{ type: 'function', function: { name: 'w' } }],
      },
      headers: {},
      agents: [{ id: 'only' }],
      generateSessionId: () => 'cs_fixed',
    });
    expect(prepared.clientToolsMode).toBe(true);
    expect(prepared.sessionId).toBe('cs_fixed');
    expect(prepared.query).toBe('weather?');
    expect(prepared.continuation).toHaveLength(2);
    expect(prepared.request.tools).toEqual([{ name: 'w', description: '', parameters: {} }]);
  });
});
