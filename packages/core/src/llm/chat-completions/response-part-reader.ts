/**
 * A streamed Chat Completions response body read as model stream parts, pulled by the agent loop through the
 * {@link StreamPartReader} interface: body bytes → SSE data (sse-data-decoder.ts) → parts (chat-stream-parts.ts)
 * in the body's own `'data'` callback, queued until read. No web stream, no promise per byte chunk, no
 * per-chunk schema parse; the body is paused while enough parts wait unread (backpressure to the socket).
 */

import type { Readable } from 'node:stream';
import type { LanguageModelV3StreamPart } from '@ai-sdk/provider';
import { APICallError } from '@ai-sdk/provider';
import type { StreamPartReader, StreamPartReadResult } from '../stream-parts.js';
import { abortReason, toBuffer } from './chat-http.js';
import type { ChatStreamParts } from './chat-stream-parts.js';
import { SseDataDecoder } from './sse-data-decoder.js';

/** Parts waiting unread above which the body is paused. */
const PAUSE_AT_PARTS = 64;

/** Options of {@link ResponsePartReader}. */
export interface ResponsePartReaderOptions {
  readonly body: Readable;
  readonly parts: ChatStreamParts;
  readonly signal?: AbortSignal | undefined;
  /** For the error of a body cut off mid-way. */
  readonly url: string;
  readonly bodyValues: unknown;
}

type Waiter = {
  readonly resolve: (result: StreamPartReadResult) => void;
  readonly reject: (error: unknown) => void;
};

const DONE: StreamPartReadResult = { done: true, value: undefined };

/**
 * Reads one response. `read()` resolves with the next part (or `tryRead()` returns it when it is ready, and
 * `onReadable()` says when it is); after the last one (`finish`) it reports done. A body
 * cut off mid-way rejects the next read with a retryable `APICallError` ("Response stream terminated", the socket
 * failure as its cause); an aborted signal rejects it with the signal's reason. `cancel()` destroys the body.
 */
export class ResponsePartReader implements StreamPartReader {
  readonly #options: ResponsePartReaderOptions;
  readonly #decoder = new SseDataDecoder();
  #queue: LanguageModelV3StreamPart[] = [];
  #head = 0;
  #ended = false;
  #failure: { readonly error: unknown } | undefined;
  #waiter: Waiter | undefined;
  #readable: (() => void) | undefined;
  readonly #onData = (data: string): void => this.#options.parts.chunk(data, this.#queue);

  constructor(options: ResponsePartReaderOptions) {
    this.#options = options;
    options.parts.start(this.#queue);
    const { body, signal } = options;
    body.on('data', (chunk: Uint8Array) => {
      this.#decoder.push(toBuffer(chunk), this.#onData);
      this.#wake();
      if (this.#queue.length - this.#head >= PAUSE_AT_PARTS) body.pause();
    });
    // `on`, not `once` ('end' and 'close' come once): `once` wraps each listener in a bound function and a state
    // object kept for the whole stream.
    body.on('end', () => {
      this.#decoder.end(this.#onData);
      this.#options.parts.end(this.#queue);
      this.#ended = true;
      this.#finish();
    });
    body.on('error', (error) => this.#fail(error));
    body.on('close', () => {
      if (!this.#ended) this.#fail(new Error('the connection closed before the response ended'));
    });
    signal?.addEventListener('abort', this.#onAbort, { once: true });
    // A signal that fired between the response head and this reader never dispatches 'abort' again.
    if (signal?.aborted) this.#onAbort();
  }

  read(): Promise<StreamPartReadResult> {
    if (this.#head < this.#queue.length) return Promise.resolve(this.#take());
    if (this.#failure !== undefined) return Promise.reject(this.#failure.error);
    if (this.#ended) return Promise.resolve(DONE);
    if (this.#options.body.isPaused()) this.#options.body.resume();
    return new Promise<StreamPartReadResult>((resolve, reject) => {
      this.#waiter = { resolve, reject };
    });
  }

  tryRead(): StreamPartReadResult | undefined {
    if (this.#head < this.#queue.length) return this.#take();
    if (this.#failure !== undefined) throw this.#failure.error;
    if (this.#ended) return DONE;
    if (this.#options.body.isPaused()) this.#options.body.resume();
    return undefined;
  }

  onReadable(callback: () => void): void {
    this.#readable = callback;
  }

  async cancel(): Promise<void> {
    if (this.#ended || this.#failure !== undefined) return;
    this.#failure = { error: new DOMException('The stream was cancelled', 'AbortError') };
    this.#finish();
    this.#options.body.destroy();
  }

  readonly #onAbort = (): void => {
    const signal = this.#options.signal;
    if (signal === undefined || this.#ended || this.#failure !== undefined) return;
    this.#failure = { error: abortReason(signal) };
    this.#finish();
    this.#options.body.destroy();
  };

  #take(): StreamPartReadResult {
    const value = this.#queue[this.#head] as LanguageModelV3StreamPart;
    this.#head++;
    if (this.#head === this.#queue.length) {
      this.#queue.length = 0;
      this.#head = 0;
    }
    return { done: false, value };
  }

  #wake(): void {
    if (this.#head === this.#queue.length) return;
    const waiter = this.#waiter;
    if (waiter !== undefined) {
      this.#waiter = undefined;
      waiter.resolve(this.#take());
      return;
    }
    this.#notifyReadable();
  }

  #notifyReadable(): void {
    const readable = this.#readable;
    if (readable === undefined) return;
    this.#readable = undefined;
    readable();
  }

  #fail(cause: unknown): void {
    if (this.#ended || this.#failure !== undefined) return;
    const { signal, url, bodyValues } = this.#options;
    const error = signal?.aborted
      ? abortReason(signal)
      : new APICallError({
          message: 'Response stream terminated',
          url,
          requestBodyValues: bodyValues,
          statusCode: 200,
          cause,
          isRetryable: true,
        });
    this.#failure = { error };
    this.#finish();
  }

  /** The body is done with (ended, failed, cancelled or aborted): wake a waiting read, drop the abort listener. */
  #finish(): void {
    this.#options.signal?.removeEventListener('abort', this.#onAbort);
    const waiter = this.#waiter;
    if (waiter === undefined) {
      this.#notifyReadable();
      return;
    }
    if (this.#head < this.#queue.length) {
      this.#waiter = undefined;
      waiter.resolve(this.#take());
    } else if (this.#failure !== undefined) {
      this.#waiter = undefined;
      waiter.reject(this.#failure.error);
    } else if (this.#ended) {
      this.#waiter = undefined;
      waiter.resolve(DONE);
    }
  }
}
