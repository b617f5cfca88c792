/**
 * A value loaded once, on demand (a dynamic import, a model built from one): callers share one load, a failed load
 * is tried again by the next caller, and once loaded the value is also readable synchronously.
 */
export class LoadOnce<T> {
  readonly #load: () => Promise<T>;
  #value: T | undefined;
  #loading: Promise<T> | undefined;

  constructor(load: () => Promise<T>) {
    this.#load = load;
  }

  /** The value once a load succeeded, else `undefined`. */
  get value(): T | undefined {
    return this.#value;
  }

  /** Loads the value, or returns the load under way or done. */
  load(): Promise<T> {
    this.#loading ??= this.#load().then(
      (value) => {
        this.#value = value;
        return value;
      },
      (error: unknown) => {
        this.#loading = undefined;
        throw error;
      },
    );
    return this.#loading;
  }
}
