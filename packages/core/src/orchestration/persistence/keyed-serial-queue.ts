/** Runs async jobs one after another per key (e.g. per file), so read-modify-write cycles never interleave. */
export class KeyedSerialQueue {
  readonly #tails = new Map<string, Promise<void>>();

  /**
   * Runs `job` after every job queued earlier under `key` has settled, and resolves or rejects with its
   * result. Jobs under different keys run concurrently. A failing job does not block later ones.
   */
  run<T>(key: string, job: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const result = previous.then(job);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.#tails.set(key, tail);
    void tail.then(() => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    });
    return result;
  }
}
