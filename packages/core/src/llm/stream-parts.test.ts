import type { LanguageModelV3StreamPart } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { readStreamParts, type StreamPartReader, streamResultFromReader } from './stream-parts.js';

function partsReader(parts: LanguageModelV3StreamPart[]): StreamPartReader & { cancelled: unknown[] } {
  const queue = [...parts];
  const cancelled: unknown[] = [];
  return {
    cancelled,
    read: async () => {
      const value = queue.shift();
      return value === undefined ? { done: true, value: undefined } : { done: false, value };
    },
    cancel: async (reason) => {
      cancelled.push(reason);
    },
  };
}

const parts: LanguageModelV3StreamPart[] = [
  { type: 'text-start', id: 't' },
  { type: 'text-delta', id: 't', delta: 'hi' },
  { type: 'text-end', id: 't' },
];

async function drain(stream: ReadableStream<LanguageModelV3StreamPart>): Promise<LanguageModelV3StreamPart[]> {
  const read: LanguageModelV3StreamPart[] = [];
  for await (const part of stream as unknown as AsyncIterable<LanguageModelV3StreamPart>) read.push(part);
  return read;
}

describe('stream parts without an extra web stream', () => {
  it('readStreamParts hands out the direct reader once; the stream then fails instead of double-reading', async () => {
    const reader = partsReader(parts);
    const result = streamResultFromReader({ request: { body: 'b' } }, reader);
    expect(result.request).toEqual({ body: 'b' });
    expect(readStreamParts(result)).toBe(reader);
    await expect(drain(result.stream)).rejects.toThrow(TypeError);
  });

  it('a caller that reads `stream` gets every part through a web stream, and cancelling it cancels the reader', async () => {
    const reader = partsReader(parts);
    const result = streamResultFromReader({}, reader);
    expect(await drain(result.stream)).toEqual(parts);

    const second = partsReader(parts);
    const other = streamResultFromReader({}, second);
    const webReader = other.stream.getReader();
    expect((await webReader.read()).value).toEqual(parts[0]);
    await webReader.cancel('enough');
    expect(second.cancelled).toEqual(['enough']);
  });

  it('a plain result is read through its stream', async () => {
    const stream = new ReadableStream<LanguageModelV3StreamPart>({
      start(controller) {
        for (const part of parts) controller.enqueue(part);
        controller.close();
      },
    });
    const reader = readStreamParts({ stream });
    const read: LanguageModelV3StreamPart[] = [];
    for (let next = await reader.read(); !next.done; next = await reader.read()) read.push(next.value);
    expect(read).toEqual(parts);
    expect(() => readStreamParts({ stream }).read()).toThrow(TypeError);
  });
});
