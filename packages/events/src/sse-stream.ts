/** Pull-based SSE parsing of a byte stream (an HTTP response body) into {@link SseMessage}s. */
import { AuraError } from './aura-error.js';
import { createSseParser, type SseMessage, type SseParserOptions } from './sse-parse.js';

/** A byte (or already-decoded text) source: `response.body`, a Node stream, an async generator. */
export type SseSource = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array | string>;

/** Options of {@link parseSseStream}. */
export interface ParseSseStreamOptions extends SseParserOptions {
  /**
   * Stops reading: the source is cancelled (`ReadableStream`) or returned (`AsyncIterable`) and the
   * iteration throws `AuraError('STREAM_ABORTED')` with `cause` = `signal.reason`.
   */
  readonly signal?: AbortSignal;
}

/**
 * Parses an SSE byte stream into messages, following the same rules as `createSseParser`. Ending the
 * iteration early (`break`, `return`, a throw) cancels the source, so an HTTP response is closed.
 *
 * @throws {AuraError} `STREAM_ABORTED` when `signal` fires; errors of the source propagate unchanged.
 * @example
 * for await (const message of parseSseStream(response.body, { signal })) console.log(message.data);
 */
export async function* parseSseStream(
  source: SseSource,
  options: ParseSseStreamOptions = {},
): AsyncGenerator<SseMessage, void, undefined> {
  const ready: SseMessage[] = [];
  const parser = createSseParser((message) => ready.push(message), options);
  for await (const chunk of readChunks(source, options.signal)) {
    parser.feed(chunk);
    if (ready.length > 0) yield* drain(ready);
  }
  parser.end();
  yield* drain(ready);
}

function* drain(ready: SseMessage[]): Generator<SseMessage, void, undefined> {
  const messages = ready.splice(0, ready.length);
  yield* messages;
}

async function* readChunks(
  source: SseSource,
  signal: AbortSignal | undefined,
): AsyncGenerator<Uint8Array | string, void, undefined> {
  if (signal?.aborted === true) throw abortError(signal);
  if ('getReader' in source) {
    yield* readStream(source, signal);
  } else {
    yield* readIterable(source, signal);
  }
}

async function* readStream(
  stream: ReadableStream<Uint8Array>,
  signal: AbortSignal | undefined,
): AsyncGenerator<Uint8Array, void, undefined> {
  const reader = stream.getReader();
  // Cancelling settles a pending read(), so an abort never waits for the next network chunk.
  const onAbort = (): void => void reader.cancel(signal?.reason).catch(ignoreCancelFailure);
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    for (;;) {
      const result = await reader.read();
      if (signal?.aborted === true) throw abortError(signal);
      if (result.done) return;
      yield result.value;
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    // Closes the source when the consumer stopped early; a no-op on a finished stream.
    await reader.cancel().catch(ignoreCancelFailure);
    reader.releaseLock();
  }
}

async function* readIterable<T>(
  iterable: AsyncIterable<T>,
  signal: AbortSignal | undefined,
): AsyncGenerator<T, void, undefined> {
  const iterator = iterable[Symbol.asyncIterator]();
  let finished = false;
  try {
    for (;;) {
      const result = signal === undefined ? await iterator.next() : await untilAborted(iterator.next(), signal);
      if (result.done === true) {
        finished = true;
        return;
      }
      yield result.value;
    }
  } finally {
    // An async generator queues return() behind a pending next(), so do not await it after an abort.
    if (!finished) void iterator.return?.()?.catch(ignoreCancelFailure);
  }
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(abortError(signal));
    if (signal.aborted) {
      promise.catch(ignoreCancelFailure);
      onAbort();
      return;
    }
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function abortError(signal: AbortSignal): AuraError {
  return new AuraError('STREAM_ABORTED', 'Reading the SSE stream was aborted', { cause: signal.reason });
}

// Failing to cancel a source we are abandoning leaves nothing to recover: the stream is not read again.
function ignoreCancelFailure(): void {}
