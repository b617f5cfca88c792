/**
 * `setTimeout` as a promise that honours an `AbortSignal`: it rejects with `signal.reason` as soon as the
 * signal fires and clears its timer, so no work is left scheduled after an abort.
 */
export async function abortableDelay(ms: number, signal?: AbortSignal): Promise<void> {
  signal?.throwIfAborted();
  if (ms <= 0) return;
  let onAbort: (() => void) | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      timer = setTimeout(resolve, ms);
      if (signal !== undefined) {
        onAbort = () => reject(signal.reason);
        signal.addEventListener('abort', onAbort, { once: true });
      }
    });
  } finally {
    clearTimeout(timer);
    if (onAbort !== undefined) signal?.removeEventListener('abort', onAbort);
  }
}

/** A promise that settles only when `signal` aborts (rejecting with its reason). */
export async function waitForAbort(signal: AbortSignal): Promise<never> {
  signal.throwIfAborted();
  let onAbort: (() => void) | undefined;
  try {
    return await new Promise<never>((_resolve, reject) => {
      onAbort = () => reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  } finally {
    if (onAbort !== undefined) signal.removeEventListener('abort', onAbort);
  }
}
