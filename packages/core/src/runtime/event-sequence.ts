/**
 * Two event generators read as one without a generator level of its own: `yield*` in an async generator costs a
 * request, a promise and a resumption per event at each level, and a run's events (every streamed token) would
 * pay that for a wrapper that only adds a few events at the start.
 */

/** What the head of a sequence hands over: the generator whose events follow, already started. */
export type SequenceTail<T> = AsyncGenerator<T, unknown, undefined>;

const DONE: IteratorReturnResult<void> = { done: true, value: undefined };

/**
 * The events of `head`, then those of the generator `head` returns (if any), whose `next()` promises are handed
 * out as they are. `head` must start its tail before returning it (take its first event with `next()`), so the
 * tail's clean-up (`finally`) runs however the sequence ends: `return()` / `throw()` go to whichever generator is
 * current. The tail's own return value is not passed on.
 */
export function eventSequence<T>(
  head: AsyncGenerator<T, SequenceTail<T> | undefined, undefined>,
): AsyncGenerator<T, void, undefined> {
  return new EventSequence(head);
}

class EventSequence<T> implements AsyncGenerator<T, void, undefined> {
  // Dropped at the hand-over: a finished generator still holds its frame (registers, arguments) for as long as it
  // is referenced, and the tail runs for the rest of the run.
  #head: AsyncGenerator<T, SequenceTail<T> | undefined, undefined> | undefined;
  #tail: SequenceTail<T> | undefined;
  #stopped = false;

  constructor(head: AsyncGenerator<T, SequenceTail<T> | undefined, undefined>) {
    this.#head = head;
  }

  next(): Promise<IteratorResult<T, void>> {
    const tail = this.#tail;
    if (tail !== undefined) return tail.next() as Promise<IteratorResult<T, void>>;
    return (this.#head as AsyncGenerator<T, SequenceTail<T> | undefined, undefined>).next().then(this.#fromHead);
  }

  return(): Promise<IteratorResult<T, void>> {
    this.#stopped = true;
    const current = this.#tail ?? this.#head;
    return current === undefined ? Promise.resolve(DONE) : current.return(undefined).then(() => DONE);
  }

  throw(error: unknown): Promise<IteratorResult<T, void>> {
    if (this.#tail !== undefined) return this.#tail.throw(error) as Promise<IteratorResult<T, void>>;
    if (this.#head === undefined) return Promise.reject(error);
    return this.#head.throw(error).then(this.#fromHead);
  }

  /** A result of the head: its event, or — once it returned — the hand-over to the tail. */
  readonly #fromHead = (
    result: IteratorResult<T, SequenceTail<T> | undefined>,
  ): IteratorResult<T, void> | Promise<IteratorResult<T, void>> => {
    if (result.done !== true) return result;
    // A second `next()` that was queued behind the hand-over continues with the tail.
    if (this.#tail !== undefined) return this.#tail.next() as Promise<IteratorResult<T, void>>;
    if (result.value === undefined) return DONE;
    this.#tail = result.value;
    this.#head = undefined;
    // Stopped while the hand-over was in flight: the tail (already started) is finished instead of read.
    if (this.#stopped) return this.#tail.return(undefined).then(() => DONE);
    return this.#tail.next() as Promise<IteratorResult<T, void>>;
  };

  [Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    return this;
  }
}
