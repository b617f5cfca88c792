/**
 * The reader the retry middleware hands on once a stream has produced its first output part: the parts it held
 * back first, then the provider's, with later failures turned into provider errors. It lives as long as the model
 * turn, so it is a class instance (one shared hidden class, no closures or context objects per stream) rather than
 * closures over a spread of the target, which gave each stream's reader a map of its own once optimised.
 */
import type { LanguageModelV3StreamPart } from '@ai-sdk/provider';
import { toProviderError } from './provider-error.js';
import type { StreamPartReader, StreamPartReadResult } from './stream-parts.js';

/** Who is called: the provider and model named in errors, and the strings redacted from their messages. */
export interface ContinuedPartsTarget {
  readonly provider: string;
  readonly model: string;
  readonly secrets?: readonly string[];
}

/**
 * `held` first, then `reader`'s parts, with a later in-band error part carrying a `PROVIDER_STREAM_FAILED` error
 * and a later stream failure rejecting with one (an abort passes through). Reads synchronously (`tryRead` /
 * `onReadable`) exactly when `reader` does.
 */
export function continueParts(
  held: LanguageModelV3StreamPart[],
  reader: StreamPartReader,
  target: ContinuedPartsTarget,
): StreamPartReader {
  return reader.tryRead === undefined || reader.onReadable === undefined
    ? new ContinuedParts(held, reader, target)
    : new SyncContinuedParts(held, reader, target);
}

class ContinuedParts implements StreamPartReader {
  protected readonly held: LanguageModelV3StreamPart[];
  protected readonly reader: StreamPartReader;
  readonly #target: ContinuedPartsTarget;

  constructor(held: LanguageModelV3StreamPart[], reader: StreamPartReader, target: ContinuedPartsTarget) {
    this.held = held;
    this.reader = reader;
    this.#target = target;
  }

  // Not `async`: one promise per part instead of two.
  read(): Promise<StreamPartReadResult> {
    const next = this.held.shift();
    if (next !== undefined) return Promise.resolve({ done: false, value: next });
    return this.reader.read().then(
      (part) => this.mapPart(part),
      (error: unknown) => this.fail(error),
    );
  }

  cancel(reason?: unknown): Promise<void> {
    return this.reader.cancel(reason);
  }

  protected mapPart(part: StreamPartReadResult): StreamPartReadResult {
    if (part.done || part.value.type !== 'error') return part;
    return { done: false, value: { type: 'error', error: this.#providerError(part.value.error) } };
  }

  protected fail(error: unknown): never {
    throw isAbort(error) ? error : this.#providerError(error);
  }

  #providerError(error: unknown) {
    return toProviderError(error, { ...this.#target, outputStarted: true });
  }
}

/** {@link ContinuedParts} over a reader that reads synchronously: so does this one, with the same mapping. */
class SyncContinuedParts extends ContinuedParts {
  tryRead(): StreamPartReadResult | undefined {
    const next = this.held.shift();
    if (next !== undefined) return { done: false, value: next };
    let part: StreamPartReadResult | undefined;
    try {
      part = (this.reader.tryRead as () => StreamPartReadResult | undefined).call(this.reader);
    } catch (error) {
      this.fail(error);
    }
    return part === undefined ? undefined : this.mapPart(part);
  }

  onReadable(callback: () => void): void {
    if (this.held.length > 0) queueMicrotask(callback);
    else (this.reader.onReadable as (callback: () => void) => void).call(this.reader, callback);
  }
}

/** The names `streamText` treats as an abort (it then emits its `abort` part instead of an error). */
export function isAbort(error: unknown): boolean {
  return (
    error instanceof Error &&
    (error.name === 'AbortError' || error.name === 'ResponseAborted' || error.name === 'TimeoutError')
  );
}
