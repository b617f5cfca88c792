/**
 * Active-run tracking and the drain of graceful shutdown (server-spec §11.6–§11.7): a counter of in-flight
 * completions, the shutdown gate flag, and a two-phase drain (grace period, then cancel what is left).
 */

/** One in-flight completion as the controller sees it. */
export interface TrackedRun {
  /** Ends the run for shutdown (a stream gets its closing sequence and `[DONE]`). Called at most once. */
  shutdown(): void;
}

/** Result of {@link ServerController.drain}. */
export interface DrainResult {
  /** Runs that ended on their own during the grace period. */
  readonly completed: number;
  /** Runs cancelled when the grace period ended. */
  readonly cancelled: number;
  /** Runs still not finished after the cancellation grace (their clean-up hung). */
  readonly abandoned: number;
}

/** Options of {@link ServerController.drain}. */
export interface DrainOptions {
  /** Grace period for in-flight runs (`SHUTDOWN_TIMEOUT_SECS`), in milliseconds. */
  readonly timeoutMs: number;
  /** How long cancelled runs may take to wind down (MCP cancellation, lease release). Default 5000. */
  readonly cancelGraceMs?: number;
}

/** Lifecycle state shared by the routes and the shutdown sequence. */
export interface ServerController {
  /** In-flight chat completions. */
  readonly activeRuns: number;
  /** Whether the shutdown gate is closed (new requests get 503). */
  readonly shuttingDown: boolean;
  /** Closes the gate. Idempotent. */
  beginShutdown(): void;
  /**
   * Closes the gate, waits up to `timeoutMs` for the active runs to end, then shuts the rest down and waits
   * up to `cancelGraceMs` for them to wind down. Safe to call more than once (later calls wait again).
   */
  drain(options: DrainOptions): Promise<DrainResult>;
  /**
   * Registers a run; returns the function that unregisters it (idempotent). A run registered after the grace
   * period ended is shut down at once.
   */
  track(run: TrackedRun): () => void;
}

/** Creates the controller of one app. */
export function createServerController(): ServerController {
  const runs = new Set<TrackedRun>();
  const idleWaiters = new Set<() => void>();
  let shuttingDown = false;
  let cancelling = false;

  const notifyIfIdle = (): void => {
    if (runs.size > 0) return;
    for (const wake of [...idleWaiters]) wake();
  };

  const waitForIdle = (timeoutMs: number): Promise<boolean> => {
    if (runs.size === 0) return Promise.resolve(true);
    return new Promise<boolean>((resolve) => {
      const done = (idle: boolean): void => {
        clearTimeout(timer);
        idleWaiters.delete(onIdle);
        resolve(idle);
      };
      const onIdle = (): void => done(true);
      const timer = setTimeout(() => done(runs.size === 0), Math.max(0, timeoutMs));
      idleWaiters.add(onIdle);
    });
  };

  return {
    get activeRuns() {
      return runs.size;
    },
    get shuttingDown() {
      return shuttingDown;
    },
    beginShutdown() {
      shuttingDown = true;
    },
    async drain(options) {
      shuttingDown = true;
      const before = runs.size;
      await waitForIdle(options.timeoutMs);
      const remaining = [...runs];
      cancelling = true;
      for (const run of remaining) run.shutdown();
      await waitForIdle(options.cancelGraceMs ?? 5000);
      return {
        completed: before - remaining.length,
        cancelled: remaining.length,
        abandoned: runs.size,
      };
    },
    track(run) {
      runs.add(run);
      if (cancelling) run.shutdown();
      let released = false;
      return () => {
        if (released) return;
        released = true;
        runs.delete(run);
        notifyIfIdle();
      };
    },
  };
}
