/**
 * A run-scoped abort controller tied to the caller's signal by ONE listener that is removed when the run ends,
 * so a long-lived parent signal (server shutdown, a session) does not collect listeners across runs.
 */

/** A child of a parent signal. */
export interface LinkedAbort {
  /** Aborts when the parent aborts (with its reason) or when {@link LinkedAbort.abort} is called. */
  readonly signal: AbortSignal;
  /** Aborts the child only. */
  abort(reason: unknown): void;
  /** Removes the listener from the parent. Idempotent. */
  dispose(): void;
}

/** Links a new controller to `parent`. An already aborted parent aborts the child at once (no listener). */
export function linkAbortSignal(parent: AbortSignal): LinkedAbort {
  return new ChildAbort(parent);
}

/**
 * The abort of one run: `owner` itself when it is the controller of `signal` and serves this run alone (the server
 * makes one per request), else a child linked to `signal`. An owned controller saves the run a controller, a signal
 * and a listener on the parent — kept, per open stream, for the run's life.
 */
export function runAbort(signal: AbortSignal, owner: AbortController | undefined): LinkedAbort {
  return owner !== undefined && owner.signal === signal ? new OwnedAbort(owner) : new ChildAbort(signal);
}

class ChildAbort implements LinkedAbort {
  readonly #parent: AbortSignal;
  readonly #controller = new AbortController();
  readonly #onAbort = (): void => this.#controller.abort(this.#parent.reason);

  constructor(parent: AbortSignal) {
    this.#parent = parent;
    if (parent.aborted) this.#controller.abort(parent.reason);
    else parent.addEventListener('abort', this.#onAbort, { once: true });
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  abort(reason: unknown): void {
    this.#controller.abort(reason);
  }

  dispose(): void {
    this.#parent.removeEventListener('abort', this.#onAbort);
  }
}

class OwnedAbort implements LinkedAbort {
  readonly #owner: AbortController;

  constructor(owner: AbortController) {
    this.#owner = owner;
  }

  get signal(): AbortSignal {
    return this.#owner.signal;
  }

  abort(reason: unknown): void {
    this.#owner.abort(reason);
  }

  dispose(): void {}
}

/** A readable description of an abort reason, for tool-result text. */
export function describeAbortReason(reason: unknown): string {
  if (reason instanceof Error) return reason.message || reason.name;
  if (typeof reason === 'string' && reason !== '') return reason;
  return 'the run was aborted';
}
