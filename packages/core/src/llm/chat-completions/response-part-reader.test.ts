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

  describe('synchronous reading (tryRead / onReadable)', () => {
    const chunk = (content: string): string => `data: ${JSON.stringify({ choices: [{ delta: { content } }] })}\n\n`;
    const label = (result: ReturnType<ResponsePartReader['tryRead']>): string =>
      result === undefined
        ? 'none'
        : result.done
          ? 'done'
          : result.value.type === 'text-delta'
            ? `text:${result.value.delta}`
            : result.value.type;

    it('hands out ready parts at once, says when more arrived (inside the body’s own callback), then the end', async () => {
      const body = new PassThrough();
      const parts = reader(body);
      const seen: string[] = [];
      const drain = (): void => {
        for (;;) {
          const next = parts.tryRead();
          seen.push(label(next));
          if (next === undefined) {
            parts.onReadable(drain);
            return;
          }
          if (next.done) return;
        }
      };
      drain();
      expect(seen).toEqual(['stream-start', 'none']);
      body.write(chunk('a'));
      // PassThrough delivers 'data' synchronously: the callback ran within write().
      expect(seen).toEqual(['stream-start', 'none', 'response-metadata', 'text-start', 'text:a', 'none']);
      body.write(chunk('b'));
      body.end(`data: ${JSON.stringify({ choices: [{ delta: {}, finish_reason: 'stop' }] })}\n\ndata: [DONE]\n\n`);
      await new Promise((resolve) => body.once('end', resolve));
      await new Promise((resolve) => setImmediate(resolve));
      expect(seen.slice(6)).toEqual(['text:b', 'none', 'text-end', 'finish', 'done']);
    });

    it('throws the failure of a body cut off mid-way, and the signal’s reason on abort', () => {
      const cut = new PassThrough();
      const cutParts = reader(cut);
      cutParts.tryRead();
      let woken = 0;
      cutParts.onReadable(() => {
        woken += 1;
      });
      cut.destroy(new Error('socket hang up'));
      return new Promise<void>((resolve) => {
        setImmediate(() => {
          expect(woken).toBe(1);
          expect(() => cutParts.tryRead()).toThrow('Response stream terminated');
          const controller = new AbortController();
          const aborted = reader(new PassThrough(), controller.signal);
          aborted.tryRead();
          aborted.onReadable(() => {
            woken += 1;
          });
          const reason = new Error('client gone');
          controller.abort(reason);
          expect(woken).toBe(2);
          expect(() => aborted.tryRead()).toThrow(reason);
          resolve();
        });
      });
    });

    it('pauses the body while parts wait unread and resumes it when they are taken', () => {
      const body = new PassThrough();
      const parts = reader(body);
      while (parts.tryRead() !== undefined);
      for (let index = 0; index < 80; index++) body.write(chunk(`t${index}`));
      expect(body.isPaused()).toBe(true);
      let taken = 0;
      while (parts.tryRead() !== undefined) taken += 1;
      expect(taken).toBeGreaterThanOrEqual(64);
      expect(body.isPaused()).toBe(false);
    });
  });
});
