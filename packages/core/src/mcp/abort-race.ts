/**
 * Settles like `promise`, or rejects with `signal.reason` as soon as `signal` aborts (already aborted →
 * rejects at once). Use it only together with something that actually stops the work on abort (closing a
 * transport, the SDK's own `signal` handling): the race merely stops the waiting. The abort listener is
 * removed when either side settles; a later rejection of `promise` is observed, never unhandled.
 */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    promise.catch(() => undefined);
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => {
      promise.catch(() => undefined);
      reject(signal.reason);
    };
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

/** A signal that aborts after `timeoutMs` (reason: `timeoutReason`) or when `parent` aborts (its reason). */
export interface Deadline {
  readonly signal: AbortSignal;
  /** Whether the timer (not the parent) aborted the signal. */
  timedOut(): boolean;
  /** Clears the timer and the parent listener. Idempotent. */
  dispose(): void;
}

/** Creates a {@link Deadline}. `timeoutMs <= 0` means no timer. */
export function createDeadline(timeoutMs: number, parent: AbortSignal | undefined, timeoutReason: unknown): Deadline {
  const controller = new AbortController();
  let timedOut = false;
  const timer =
    timeoutMs > 0
      ? setTimeout(() => {
          timedOut = true;
          controller.abort(timeoutReason);
        }, timeoutMs)
      : undefined;
  const onAbort = (): void => controller.abort(parent?.reason);
  if (parent?.aborted === true) controller.abort(parent.reason);
  else parent?.addEventListener('abort', onAbort, { once: true });
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    dispose: () => {
      if (timer !== undefined) clearTimeout(timer);
      parent?.removeEventListener('abort', onAbort);
    },
  };
}
