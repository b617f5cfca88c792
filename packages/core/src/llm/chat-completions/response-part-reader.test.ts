import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ChatStreamParts } from './chat-stream-parts.js';
import { ResponsePartReader } from './response-part-reader.js';

function reader(body: PassThrough, signal?: AbortSignal): ResponsePartReader {
  return new ResponsePartReader({
    body,
    parts: new ChatStreamParts({ warnings: [], metadataKey: 'k' }),
    signal,
    url: 'http://x/v1/chat/completions',
    bodyValues: {},
  });
}

describe('ResponsePartReader', () => {
  it('rejects at once and releases the body when the signal had already fired', async () => {
    const body = new PassThrough();
    const reason = new Error('gone');
    const parts = reader(body, AbortSignal.abort(reason));
    await expect(parts.read()).resolves.toMatchObject({ value: { type: 'stream-start' } });
    await expect(parts.read()).rejects.toBe(reason);
    expect(body.destroyed).toBe(true);
  });

  it('reads parts written in any pieces, then finishes', async () => {
    const body = new PassThrough();
    const parts = reader(body);
    const chunk = `data: ${JSON.stringify({ choices: [{ delta: { content: 'hé' }, finish_reason: 'stop' }] })}\n\ndata: [DONE]\n\n`;
    const bytes = Buffer.from(chunk);
    for (let at = 0; at < bytes.length; at += 7) body.write(bytes.subarray(at, at + 7));
    body.end();
    const types: string[] = [];
    for (;;) {
      const next = await parts.read();
      if (next.done) break;
      types.push(next.value.type === 'text-delta' ? `text:${next.value.delta}` : next.value.type);
    }
    expect(types).toEqual(['stream-start', 'response-metadata', 'text-start', 'text:hé', 'text-end', 'finish']);
  });
});
