/**
 * A single-consumer queue that callbacks push into and an async generator drains: lets tool callbacks
 * (`onStart`, `onProgress`) and concurrent tool calls feed one pull-based event stream.
 */
export class EventChannel<T> {
  readonly #queue: T[] = [];
  #wake: (() => void) | undefined;
  #closed = false;

  /** Queues `item`; ignored after {@link EventChannel.close}. */
  push(item: T): void {
    if (this.#closed) return;
    this.#queue.push(item);
    this.#notify();
  }

  /** Ends the stream once the queue is drained. */
  close(): void {
    this.#closed = true;
    this.#notify();
  }

  /** Yields queued items in order until closed and empty. One consumer only. */
  async *drain(): AsyncGenerator<T, void, undefined> {
    let index = 0;
    for (;;) {
      if (index < this.#queue.length) {
        const item = this.#queue[index] as T;
        index += 1;
        yield item;
      } else if (this.#closed) {
        return;
      } else {
        await new Promise<void>((resolve) => {
          this.#wake = resolve;
        });
      }
    }
  }

  #notify(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }
}
