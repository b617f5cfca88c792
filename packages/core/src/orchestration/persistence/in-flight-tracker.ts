/** Counts background writes so a caller can wait for them (the post-execute drain, spec §1.10). */

/** Options of {@link InFlightTracker.drain}. */
export interface DrainOptions {
  /** How long to wait at most, in ms (`persistence_drain_timeout_ms`, default 2000). */
  readonly timeoutMs: number;
  /** Stops waiting early (resolves `false`); the writes themselves go on. */
  readonly signal?: AbortSignal;
}

/** Tracks promises of background work and lets callers wait until none is pending. */
export class InFlightTracker {
  #pending = 0;
  #waiters: Array<() => void> = [];

  /** Number of tracked promises that have not settled yet. */
  get pending(): number {
    return this.#pending;
  }

  /**
   * Registers `work` (counted until it settles, fulfilled or rejected) and returns it unchanged. Rejections
   * still reach whoever awaits the returned promise.
   */
  track<T>(work: Promise<T>): Promise<T> {
    this.#pending += 1;
    const settle = (): void => {
      this.#pending -= 1;
      if (this.#pending === 0) {
        const waiters = this.#waiters;
        this.#waiters = [];
        for (const wake of waiters) wake();
      }
    };
    work.then(settle, settle);
    return work;
  }

  /**
   * Resolves `true` once no tracked work is pending, or `false` when `timeoutMs` elapses (or `signal`
   * aborts) first. A timeout only stops the waiting: the writes keep running and are not cancelled. Never
   * rejects. Honours `signal`.
   */
  drain(options: DrainOptions): Promise<boolean> {
    if (this.#pending === 0) return Promise.resolve(true);
    if (options.signal?.aborted === true) return Promise.resolve(false);
    return new Promise<boolean>((resolve) => {
      let done = false;
      const finish = (drained: boolean): void => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        this.#waiters = this.#waiters.filter((waiter) => waiter !== onDrained);
        resolve(drained);
      };
      const onDrained = (): void => finish(true);
      const onAbort = (): void => finish(false);
      const timer = setTimeout(() => finish(false), Math.max(0, options.timeoutMs));
      this.#waiters.push(onDrained);
      options.signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}
