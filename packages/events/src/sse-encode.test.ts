import { describe, expect, it } from 'vitest';
import {
  AuraError,
  auraEvent,
  createSseParser,
  encodeAuraEvent,
  encodeSseComment,
  encodeSseData,
  encodeSseEvent,
  SSE_DONE,
  SSE_HEARTBEAT,
  type SseMessage,
  sseFrameToBytes,
} from './index.js';

function parseAll(text: string): SseMessage[] {
  const messages: SseMessage[] = [];
  const parser = createSseParser((message) => messages.push(message));
  parser.feed(text);
  parser.end();
  return messages;
}

describe('SSE encoder', () => {
  it('writes data-only frames as compact JSON', () => {
    expect(encodeSseData({ id: 'chatcmpl-1', choices: [{ index: 0, delta: { content: 'a b' } }] })).toBe(
      'data: {"id":"chatcmpl-1","choices":[{"index":0,"delta":{"content":"a b"}}]}\n\n',
    );
  });

  it('writes strings verbatim and splits multi-line strings into data lines', () => {
    expect(encodeSseData('[DONE]')).toBe(SSE_DONE);
    expect(encodeSseData('a\nb\r\nc\rd')).toBe('data: a\ndata: b\ndata: c\ndata: d\n\n');
    expect(parseAll(encodeSseData('a\nb\r\nc'))).toEqual([{ data: 'a\nb\nc' }]);
    expect(encodeSseData('')).toBe('data: \n\n');
    expect(parseAll(encodeSseData(''))).toEqual([{ data: '' }]);
  });

  it('keeps newlines inside JSON strings escaped on one line', () => {
    const frame = encodeSseData({ text: 'line1\nline2\r' });
    expect(frame).toBe('data: {"text":"line1\\nline2\\r"}\n\n');
    const [message] = parseAll(frame);
    expect(JSON.parse(message?.data ?? '')).toEqual({ text: 'line1\nline2\r' });
  });

  it('writes named events', () => {
    expect(encodeSseEvent('aura.usage', { prompt_tokens: 1 })).toBe('event: aura.usage\ndata: {"prompt_tokens":1}\n\n');
    expect(
      encodeAuraEvent(auraEvent.usage({ prompt_tokens: 1, completion_tokens: 2, total_tokens: 3, session_id: 's' })),
    ).toBe('event: aura.usage\ndata: {"prompt_tokens":1,"completion_tokens":2,"total_tokens":3,"session_id":"s"}\n\n');
  });

  it('rejects event names that would corrupt the framing', () => {
    for (const name of ['bad\nname', 'bad\rname', '']) {
      expect(() => encodeSseEvent(name, {})).toThrow(AuraError);
      try {
        encodeSseEvent(name, {});
      } catch (error) {
        expect(error).toMatchObject({ code: 'SSE_ENCODE_FAILED' });
      }
    }
  });

  it('rejects data that JSON cannot represent', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    for (const data of [undefined, () => 1, 10n, cyclic]) {
      expect(() => encodeSseData(data)).toThrow(expect.objectContaining({ code: 'SSE_ENCODE_FAILED' }));
    }
  });

  it('writes comments, one line per line of text', () => {
    expect(encodeSseComment('heartbeat')).toBe(SSE_HEARTBEAT);
    expect(SSE_HEARTBEAT).toBe(': heartbeat\n\n');
    expect(encodeSseComment('a\nb')).toBe(': a\n: b\n\n');
    const comments: string[] = [];
    const parser = createSseParser(() => undefined, { onComment: (text) => comments.push(text) });
    parser.feed(encodeSseComment('a\r\nb'));
    expect(comments).toEqual(['a', 'b']);
  });

  it('terminates with the exact [DONE] frame', () => {
    expect(SSE_DONE).toBe('data: [DONE]\n\n');
  });

  it('encodes frames as UTF-8 bytes', () => {
    const bytes = sseFrameToBytes(encodeSseData({ text: 'é€😀' }));
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(new TextDecoder().decode(bytes)).toBe('data: {"text":"é€😀"}\n\n');
    expect(bytes.length).toBe(new TextEncoder().encode('data: {"text":"é€😀"}\n\n').length);
  });
});
