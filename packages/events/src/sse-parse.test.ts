import { describe, expect, it } from 'vitest';
import { createSseParser, type SseMessage, type SseParserOptions } from './index.js';

function collect(chunks: readonly (string | Uint8Array)[], options: SseParserOptions = {}): SseMessage[] {
  const messages: SseMessage[] = [];
  const parser = createSseParser((message) => messages.push(message), options);
  for (const chunk of chunks) parser.feed(chunk);
  parser.end();
  return messages;
}

const STREAM = [
  ': heartbeat',
  '',
  'event: aura.session_info',
  'data: {"model":"openai/gpt-4o","session_id":"cs_1"}',
  '',
  'data: {"choices":[{"delta":{"content":"héllo €😀"}}]}',
  '',
  ': comment between events',
  'data: first line',
  'data:second line',
  'data',
  '',
  'data: [DONE]',
  '',
  '',
].join('\n');

const EXPECTED: SseMessage[] = [
  { event: 'aura.session_info', data: '{"model":"openai/gpt-4o","session_id":"cs_1"}' },
  { data: '{"choices":[{"delta":{"content":"héllo €😀"}}]}' },
  { data: 'first line\nsecond line\n' },
  { data: '[DONE]' },
];

describe('createSseParser', () => {
  it('parses a multi-event stream with comments and multi-line data', () => {
    expect(collect([STREAM])).toEqual(EXPECTED);
  });

  it('gives the same result for every split position of the text', () => {
    for (let cut = 0; cut <= STREAM.length; cut += 1) {
      expect(collect([STREAM.slice(0, cut), STREAM.slice(cut)]), `cut at ${cut}`).toEqual(EXPECTED);
    }
  });

  it('gives the same result for every split position of the bytes, including inside UTF-8 sequences', () => {
    const bytes = new TextEncoder().encode(STREAM);
    for (let cut = 0; cut <= bytes.length; cut += 1) {
      expect(collect([bytes.subarray(0, cut), bytes.subarray(cut)]), `cut at byte ${cut}`).toEqual(EXPECTED);
    }
  });

  it('parses the stream fed one byte at a time', () => {
    const bytes = new TextEncoder().encode(STREAM);
    const chunks: Uint8Array[] = [];
    for (let index = 0; index < bytes.length; index += 1) chunks.push(bytes.subarray(index, index + 1));
    expect(collect(chunks)).toEqual(EXPECTED);
  });

  it('accepts CRLF, CR and LF line endings, also mixed, and CRLF split across chunks', () => {
    for (const ending of ['\r\n', '\r', '\n']) {
      const text = STREAM.split('\n').join(ending);
      expect(collect([text]), JSON.stringify(ending)).toEqual(EXPECTED);
      for (let cut = 0; cut <= text.length; cut += 1) {
        expect(collect([text.slice(0, cut), text.slice(cut)])).toEqual(EXPECTED);
      }
    }
    expect(collect(['data: a\r\ndata: b\rdata: c\n\r\n'])).toEqual([{ data: 'a\nb\nc' }]);
  });

  it('does not treat CR followed by LF in the next non-empty chunk as two line endings', () => {
    expect(collect(['data: a\r', '', '\ndata: b\r', '\n\r', '\n'])).toEqual([{ data: 'a\nb' }]);
  });

  it('strips one leading BOM, only at the start of the stream', () => {
    expect(collect(['\uFEFFdata: x\n\n'])).toEqual([{ data: 'x' }]);
    expect(collect(['', '\uFEFF', 'data: x\n\n'])).toEqual([{ data: 'x' }]);
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('data: x\n\n')]);
    expect(collect([bom.subarray(0, 2), bom.subarray(2)])).toEqual([{ data: 'x' }]);
    // A second BOM is content: the line is then not the field "data".
    expect(collect(['\uFEFF\uFEFFdata: x\n\ndata: y\n\n'])).toEqual([{ data: 'y' }]);
  });

  it('discards an event whose blank line never arrives (WHATWG), unless asked to dispatch it', () => {
    expect(collect(['data: complete\n\ndata: partial\n'])).toEqual([{ data: 'complete' }]);
    expect(collect(['data: complete\n\ndata: partial'])).toEqual([{ data: 'complete' }]);
    expect(collect(['data: complete\n\ndata: partial'], { dispatchIncompleteEvent: true })).toEqual([
      { data: 'complete' },
      { data: 'partial' },
    ]);
    expect(collect(['data: [DONE]\n'], { dispatchIncompleteEvent: true })).toEqual([{ data: '[DONE]' }]);
    expect(collect(['event: x\n'], { dispatchIncompleteEvent: true })).toEqual([]);
  });

  it('removes exactly one space after the colon and handles lines without a colon', () => {
    expect(collect(['data:  two spaces\n\n'])).toEqual([{ data: ' two spaces' }]);
    expect(collect(['data:no space\n\n'])).toEqual([{ data: 'no space' }]);
    expect(collect(['data\n\n'])).toEqual([{ data: '' }]);
    expect(collect(['data: a:b: c\n\n'])).toEqual([{ data: 'a:b: c' }]);
  });

  it('does not dispatch blocks without data, and resets the event type after them', () => {
    expect(collect(['event: orphan\n\ndata: x\n\n'])).toEqual([{ data: 'x' }]);
    expect(collect(['\n\n\n'])).toEqual([]);
  });

  it('ignores unknown fields and comments, and reports comments', () => {
    const comments: string[] = [];
    const messages = collect([': keep-alive\nfoo: bar\n:\ndata: x\nDATA: y\n\n'], {
      onComment: (text) => comments.push(text),
    });
    expect(messages).toEqual([{ data: 'x' }]);
    expect(comments).toEqual(['keep-alive', '']);
  });

  it('keeps the last event id across events and clears it with an empty id', () => {
    expect(collect(['id: 1\ndata: a\n\ndata: b\n\nid\ndata: c\n\nid: 2\u0000x\ndata: d\n\n'])).toEqual([
      { data: 'a', id: '1' },
      { data: 'b', id: '1' },
      { data: 'c' },
      { data: 'd' },
    ]);
  });

  it('reports valid retry fields and ignores invalid ones', () => {
    const retries: number[] = [];
    const messages = collect(['retry: 3000\ndata: a\n\nretry: 12x\ndata: b\n\nretry: 500\n\ndata: c\n\n'], {
      onRetry: (milliseconds) => retries.push(milliseconds),
    });
    expect(retries).toEqual([3000, 500]);
    expect(messages).toEqual([{ data: 'a', retry: 3000 }, { data: 'b' }, { data: 'c' }]);
  });

  it('uses the last event field of a block', () => {
    expect(collect(['event: a\nevent: b\ndata: x\n\n'])).toEqual([{ event: 'b', data: 'x' }]);
  });

  it('replaces invalid UTF-8 with U+FFFD', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('data: '), 0xff, 0x0a, 0x0a]);
    expect(collect([bytes])).toEqual([{ data: '\uFFFD' }]);
  });

  it('holds an incomplete UTF-8 sequence until the end of the stream', () => {
    const bytes = new TextEncoder().encode('data: €\n\n');
    expect(collect([bytes.subarray(0, 7), bytes.subarray(7, 8), bytes.subarray(8)])).toEqual([{ data: '€' }]);
    expect(collect([bytes.subarray(0, 7)], { dispatchIncompleteEvent: true })).toEqual([{ data: '\uFFFD' }]);
  });

  it('can be reused after end() and forgets state on reset()', () => {
    const messages: SseMessage[] = [];
    const parser = createSseParser((message) => messages.push(message));
    parser.feed('id: 7\ndata: a\n\ndata: pending');
    parser.end();
    parser.feed('\uFEFFdata: b\n\n');
    parser.feed('event: x\ndata: pending');
    parser.reset();
    parser.feed('data: c\n\n');
    expect(messages).toEqual([{ data: 'a', id: '7' }, { data: 'b' }, { data: 'c' }]);
  });

  it('handles long lines spread over many chunks', () => {
    const payload = 'x'.repeat(100_000);
    const text = `data: ${payload}\n\n`;
    const chunks: string[] = [];
    for (let index = 0; index < text.length; index += 997) chunks.push(text.slice(index, index + 997));
    expect(collect(chunks)).toEqual([{ data: payload }]);
  });
});
