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
  const controller = new AbortController();
  const onAbort = (): void => controller.abort(parent.reason);
  if (parent.aborted) controller.abort(parent.reason);
  else parent.addEventListener('abort', onAbort, { once: true });
  return {
    signal: controller.signal,
    abort: (reason) => controller.abort(reason),
    dispose: () => parent.removeEventListener('abort', onAbort),
  };
}

/** A readable description of an abort reason, for tool-result text. */
export function describeAbortReason(reason: unknown): string {
  if (reason instanceof Error) return reason.message || reason.name;
  if (typeof reason === 'string' && reason !== '') return reason;
  return 'the run was aborted';
}
