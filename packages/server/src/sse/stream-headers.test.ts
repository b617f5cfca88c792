import { describe, expect, it } from 'vitest';
import { chatStreamHeaders, heartbeatFrame } from '../index.js';

describe('chatStreamHeaders', () => {
  it('sets the SSE head with the session id (server-spec §8.1)', () => {
    expect(chatStreamHeaders('cs_1')).toEqual({
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      'x-accel-buffering': 'no',
      'x-chat-session-id': 'cs_1',
    });
  });

  it('has a heartbeat comment frame', () => {
    expect(heartbeatFrame()).toBe(': heartbeat\n\n');
  });
});
