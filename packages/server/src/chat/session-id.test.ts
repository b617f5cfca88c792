import { describe, expect, it } from 'vitest';
import { auraErrorToHttp, generateChatSessionId, readHeader, resolveChatSessionId } from '../index.js';

describe('resolveChatSessionId (§7.4, §16 case 13)', () => {
  it('generates cs_<32 lowercase hex> when nothing is sent', () => {
    const id = resolveChatSessionId({ headers: new Headers() });
    expect(id).toMatch(/^cs_[0-9a-f]{32}$/);
    expect(generateChatSessionId()).not.toBe(id);
  });

  it('takes X-Chat-Session-Id, then x-openwebui-chat-id', () => {
    expect(resolveChatSessionId({ headers: new Headers({ 'X-Chat-Session-Id': 'abc' }) })).toBe('abc');
    expect(resolveChatSessionId({ headers: new Headers({ 'x-openwebui-chat-id': 'owui-1' }) })).toBe('owui-1');
    expect(
      resolveChatSessionId({ headers: new Headers({ 'x-openwebui-chat-id': 'owui-1', 'x-chat-session-id': 'abc' }) }),
    ).toBe('abc');
  });

  it('lets metadata.chat_session_id win over the headers', () => {
    expect(
      resolveChatSessionId({ metadataSessionId: 'meta', headers: new Headers({ 'x-chat-session-id': 'abc' }) }),
    ).toBe('meta');
  });

  it('skips blank values and trims the chosen one', () => {
    expect(
      resolveChatSessionId({ metadataSessionId: '  ', headers: { 'X-Chat-Session-Id': ' abc ' }, generate: () => 'g' }),
    ).toBe('abc');
    expect(resolveChatSessionId({ metadataSessionId: '', headers: {}, generate: () => 'generated' })).toBe('generated');
  });

  it('rejects over-long ids and ids with control characters with 400', () => {
    const tooLong = () => resolveChatSessionId({ metadataSessionId: 'x'.repeat(257), headers: {} });
    expect(tooLong).toThrow(/Invalid chat session id in metadata.chat_session_id/);
    try {
      resolveChatSessionId({ headers: { 'x-chat-session-id': 'a\u0001b' } });
      expect.unreachable();
    } catch (error) {
      const { status, body } = auraErrorToHttp(error);
      expect(status).toBe(400);
      expect(body.error.message).toContain('X-Chat-Session-Id header');
    }
  });
});

describe('readHeader', () => {
  it('reads Headers and plain records case-insensitively', () => {
    expect(readHeader(new Headers({ 'X-A': '1' }), 'x-a')).toBe('1');
    expect(readHeader({ 'X-A': '1' }, 'x-a')).toBe('1');
    expect(readHeader({ 'x-a': ['1', '2'] }, 'X-A')).toBe('1');
    expect(readHeader({}, 'x-a')).toBeUndefined();
  });
});
