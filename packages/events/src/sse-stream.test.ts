import { describe, expect, it } from 'vitest';
import { AuraError, parseSseStream, type SseMessage } from './index.js';

const encoder = new TextEncoder();

function byteStream(chunks: readonly string[], onCancel?: (reason: unknown) => void): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
    cancel(reason) {
      onCancel?.(reason);
    },
  });
}

async function toArray<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

describe('parseSseStream', () => {
  it('parses a ReadableStream of bytes split at arbitrary points', async () => {
    const text = 'event: aura.usage\r\ndata: {"total_tokens":3}\r\n\r\ndata: é€\n\ndata: [DONE]\n\n';
    const bytes = encoder.encode(text);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let index = 0; index < bytes.length; index += 3) controller.enqueue(bytes.subarray(index, index + 3));
        controller.close();
      },
    });
    expect(await toArray(parseSseStream(stream))).toEqual([
      { event: 'aura.usage', data: '{"total_tokens":3}' },
      { data: 'é€' },
      { data: '[DONE]' },
    ]);
  });

  it('parses an async iterable of strings and bytes', async () => {
    async function* source(): AsyncGenerator<string | Uint8Array> {
      yield 'data: a\n';
      yield '\ndata: b\n\n';
    }
    expect(await toArray(parseSseStream(source()))).toEqual([{ data: 'a' }, { data: 'b' }]);
  });

  it('discards an unterminated last event unless dispatchIncompleteEvent is set', async () => {
    expect(await toArray(parseSseStream(byteStream(['data: a\n\ndata: b'])))).toEqual([{ data: 'a' }]);
    expect(
      await toArray(parseSseStream(byteStream(['data: a\n\ndata: b']), { dispatchIncompleteEvent: true })),
    ).toEqual([{ data: 'a' }, { data: 'b' }]);
  });

  it('reports comments through onComment', async () => {
    const comments: string[] = [];
    await toArray(parseSseStream(byteStream([': heartbeat\n\ndata: x\n\n']), { onComment: (c) => comments.push(c) }));
    expect(comments).toEqual(['heartbeat']);
  });

  it('cancels the source when the consumer stops early', async () => {
    let cancelled = false;
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode('data: 1\n\ndata: 2\n\n'));
      },
      cancel() {
        cancelled = true;
      },
    });
    for await (const message of parseSseStream(stream)) {
      expect(message.data).toBe('1');
      break;
    }
    expect(cancelled).toBe(true);
    expect(stream.locked).toBe(false);
  });

  it('aborts a pending read of a ReadableStream and cancels it', async () => {
    const controller = new AbortController();
    let stream: ReadableStream<Uint8Array> | undefined;
    const cancelled = new Promise<unknown>((resolve) => {
      stream = new ReadableStream<Uint8Array>({
        start(streamController) {
          streamController.enqueue(encoder.encode('data: first\n\n'));
        },
        cancel: resolve,
      });
    });
    if (stream === undefined) throw new Error('the Promise executor runs synchronously');
    const iterator = parseSseStream(stream, { signal: controller.signal });
    const first = await iterator.next();
    expect(first.value).toEqual({ data: 'first' });
    const pending = iterator.next();
    const reason = new Error('user pressed Ctrl-C');
    controller.abort(reason);
    const error: unknown = await pending.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(AuraError);
    expect(error).toMatchObject({ code: 'STREAM_ABORTED', cause: reason });
    expect(await cancelled).toBe(reason);
  });

  it('aborts a pending next() of an async iterable that never yields', async () => {
    const controller = new AbortController();
    let returned = false;
    const never: AsyncIterable<Uint8Array> = {
      [Symbol.asyncIterator]: () => ({
        next: () => new Promise<IteratorResult<Uint8Array>>(() => undefined),
        return: async () => {
          returned = true;
          return { done: true, value: undefined };
        },
      }),
    };
    const pending = toArray(parseSseStream(never, { signal: controller.signal }));
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'STREAM_ABORTED' });
    expect(returned).toBe(true);
  });

  it('throws at once for an already aborted signal', async () => {
    const reason = new Error('gone');
    let cancelled = false;
    await expect(
      toArray(
        parseSseStream(
          byteStream(['data: x\n\n'], () => {
            cancelled = true;
          }),
          { signal: AbortSignal.abort(reason) },
        ),
      ),
    ).rejects.toMatchObject({ code: 'STREAM_ABORTED', cause: reason });
    expect(cancelled).toBe(false);
  });

  it('propagates source errors unchanged', async () => {
    const failure = new Error('socket hang up');
    let pulls = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls += 1;
        if (pulls === 1) controller.enqueue(encoder.encode('data: a\n\n'));
        else controller.error(failure);
      },
    });
    const seen: SseMessage[] = [];
    await expect(
      (async () => {
        for await (const message of parseSseStream(stream)) seen.push(message);
      })(),
    ).rejects.toBe(failure);
    expect(seen).toEqual([{ data: 'a' }]);
  });
});
