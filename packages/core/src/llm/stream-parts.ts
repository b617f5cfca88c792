/**
 * Reading a model stream's parts without an extra web stream per wrapper. A `doStream` wrapper that has to
 * see (and sometimes rewrite) every part — the retry middleware — would otherwise put a new `ReadableStream`
 * in front of the provider's for every call, adding a pull, a promise and a queue per part and a few KB per
 * open stream. Instead it hands its readers a {@link StreamPartReader} directly, and builds the
 * `ReadableStream` only for callers that ask for `result.stream` (the AI SDK's `streamText`, other middleware).
 */
import type { LanguageModelV3StreamPart, LanguageModelV3StreamResult } from '@ai-sdk/provider';

/** What one read of a model stream returns (as `ReadableStreamDefaultReader.read`). */
export type StreamPartReadResult =
  | { readonly done: false; readonly value: LanguageModelV3StreamPart }
  | { readonly done: true; readonly value: LanguageModelV3StreamPart | undefined };

/** Reads one model stream: the subset of `ReadableStreamDefaultReader` the agent loop uses. */
export interface StreamPartReader {
  read(): Promise<StreamPartReadResult>;
  cancel(reason?: unknown): Promise<void>;
  /**
   * Optional synchronous reading, for a consumer that handles each part as it arrives without a promise per
   * part (the agent loop's direct delivery): the next part when one is ready, `undefined` when none is yet (then
   * {@link onReadable} says when). Throws the stream's failure. Never mixed with a pending `read()`.
   */
  tryRead?(): StreamPartReadResult | undefined;
  /**
   * With {@link tryRead}: calls `callback` once, as soon as a part, the end or a failure is ready (synchronously
   * from the body's own callback). Only after `tryRead()` returned `undefined`.
   */
  onReadable?(callback: () => void): void;
}

// Keyed by the result object, so a wrapper that passes the result on unchanged keeps the direct path, and one
// that builds a new result (reading `stream`) falls back to the stream. Entries die with their results.
const directReaders = new WeakMap<LanguageModelV3StreamResult, StreamPartReader>();

/**
 * A stream result whose parts come from `reader`: {@link readStreamParts} hands `reader` itself to the caller,
 * while reading `stream` (first access) wraps it in a `ReadableStream` (high-water mark 0: nothing is read
 * ahead). Whichever is used first owns the parts; the other then sees a stream that fails with a `TypeError`.
 * Cancelling the `ReadableStream` cancels `reader`. Only `request` and `response` are read from `result`, so it
 * may be another stream result whose `stream` must stay untouched.
 */
export function streamResultFromReader(
  result: Omit<LanguageModelV3StreamResult, 'stream'>,
  reader: StreamPartReader,
): LanguageModelV3StreamResult {
  const withReader = new ReaderStreamResult(result, reader);
  directReaders.set(withReader, reader);
  return withReader;
}

/**
 * The result as a class instance, `stream` a prototype getter: it is kept for the whole model turn, and an object
 * literal with an accessor (or one built by spreading another) gets a map of its own, kept and marked per stream.
 */
class ReaderStreamResult implements LanguageModelV3StreamResult {
  // Own properties only when given, as on the object literal this replaces (`declare`: no field initialiser).
  declare readonly request?: NonNullable<LanguageModelV3StreamResult['request']>;
  declare readonly response?: NonNullable<LanguageModelV3StreamResult['response']>;
  #stream: ReadableStream<LanguageModelV3StreamPart> | undefined;
  #reader: StreamPartReader | undefined;

  constructor(result: Omit<LanguageModelV3StreamResult, 'stream'>, reader: StreamPartReader) {
    if (result.request !== undefined) this.request = result.request;
    if (result.response !== undefined) this.response = result.response;
    this.#reader = reader;
  }

  get stream(): ReadableStream<LanguageModelV3StreamPart> {
    if (this.#stream === undefined) {
      const reader = this.#reader;
      this.#reader = undefined;
      this.#stream = reader !== undefined && directReaders.delete(this) ? readerStream(reader) : alreadyRead();
    }
    return this.#stream;
  }
}

/**
 * A reader of `result`'s parts: the direct reader of a result built by {@link streamResultFromReader} (once),
 * else `result.stream.getReader()`.
 * @throws TypeError when `result.stream` is already locked (being read by someone else).
 */
export function readStreamParts(result: LanguageModelV3StreamResult): StreamPartReader {
  const reader = directReaders.get(result);
  if (reader === undefined) return result.stream.getReader();
  directReaders.delete(result);
  return reader;
}

function readerStream(reader: StreamPartReader): ReadableStream<LanguageModelV3StreamPart> {
  return new ReadableStream<LanguageModelV3StreamPart>(
    {
      async pull(controller) {
        const { done, value } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value);
      },
      cancel: (reason) => reader.cancel(reason),
    },
    { highWaterMark: 0 },
  );
}

function alreadyRead(): ReadableStream<LanguageModelV3StreamPart> {
  return new ReadableStream<LanguageModelV3StreamPart>({
    start(controller) {
      controller.error(new TypeError('this model stream is already being read through its direct reader'));
    },
  });
}
