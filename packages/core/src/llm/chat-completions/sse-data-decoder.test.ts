import { describe, expect, it } from 'vitest';
import { SseDataDecoder } from './sse-data-decoder.js';

/** Feeds `chunks` and returns every reported data payload (including what `end()` reports). */
function decode(chunks: readonly Buffer[]): string[] {
  const decoder = new SseDataDecoder();
  const out: string[] = [];
  for (const chunk of chunks) decoder.push(chunk, (data) => out.push(data));
  decoder.end((data) => out.push(data));
  return out;
}

/** Every way of cutting `bytes` in two. */
function everySplit(bytes: Buffer): Buffer[][] {
  const splits: Buffer[][] = [];
  for (let at = 0; at <= bytes.length; at++) splits.push([bytes.subarray(0, at), bytes.subarray(at)]);
  return splits;
}

describe('SseDataDecoder', () => {
  const stream = Buffer.from(
    '\uFEFF: comment\n\ndata: {"a":"é€😀"}\n\nevent: x\nid: 3\nretry: 10\ndata:no-space\ndata:  two spaces\n\r\ndata: cr\r\rdata: [DONE]\n\n',
  );
  const expected = ['{"a":"é€😀"}', 'no-space\n two spaces', 'cr', '[DONE]'];

  it('reports each event’s data: BOM skipped, comments and other fields ignored, LF/CR/CRLF line ends', () => {
    expect(decode([stream])).toEqual(expected);
  });

  it('gives the same events however the bytes are cut — inside a line, a UTF-8 character, a CRLF or the BOM', () => {
    for (const split of everySplit(stream)) expect(decode(split)).toEqual(expected);
  });

  it('gives the same events byte by byte', () => {
    expect(decode([...stream].map((byte) => Buffer.from([byte])))).toEqual(expected);
  });

  it('reports a last event the body did not close with a blank line, and an unterminated last line', () => {
    expect(decode([Buffer.from('data: one\n\ndata: two\n')])).toEqual(['one', 'two']);
    expect(decode([Buffer.from('data: one\n\ndata: two')])).toEqual(['one', 'two']);
  });

  it('reports nothing for events without data, and an empty string for an empty data line', () => {
    expect(decode([Buffer.from(': ping\n\nevent: x\n\ndata\n\n')])).toEqual(['']);
  });

  it('does not take a BOM in the middle of the stream for one', () => {
    expect(decode([Buffer.from('data: a\n\n'), Buffer.from('\uFEFFdata: b\n\n')])).toEqual(['a']);
  });
});
