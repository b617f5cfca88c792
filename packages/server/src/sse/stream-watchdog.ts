/**
 * The three timeouts of a streamed response (server-spec §11.4): first chunk, inactivity and total. The
 * watchdog only decides *when*; the caller aborts the run and closes the stream.
 */
import type { RuntimeEvent, RuntimeEventType } from '@aura/events';

/** Which timeout fired. */
export type StreamTimer = 'first-chunk' | 'inactivity' | 'total';

/** Timeout lengths in seconds (fractions allowed); 0 disables one (the reference's `0 = disabled`, fixed for total: Q1). */
export interface StreamTimeouts {
  /** No model output at all after this long. */
  readonly firstChunkSecs: number;
  /** Silence between events after the first model output; suspended while a tool runs. */
  readonly inactivitySecs: number;
  /** Whole stream. */
  readonly totalSecs: number;
}

/** Drives the timers of one stream. */
export interface StreamWatchdog {
  /** Arms the first-chunk and total timers. */
  start(): void;
  /** Feed every runtime event in arrival order. */
  onEvent(event: RuntimeEvent): void;
  /** Disarms everything. Idempotent. */
  stop(): void;
}

/**
 * Events that come out of a model call. Run bookkeeping (`run-start`, `mcp-status`, `step-start`) and side
 * channels (tool progress, approvals) arrive without the model having produced anything, so they do not stop
 * the first-chunk timer.
 */
const MODEL_OUTPUT: ReadonlySet<RuntimeEventType> = new Set<RuntimeEventType>([
  'text-delta',
  'reasoning-delta',
  'tool-call',
  'step-finish',
  'client-tool-calls',
  'plan-created',
  'direct-answer',
  'clarification-needed',
  'run-finish',
  'run-error',
]);

/** A timer's callback: module-level, with the watchdog and the timer as the timer's arguments (no closure per stream). */
function fire(watchdog: Watchdog, timer: StreamTimer): void {
  watchdog.fire(timer);
}

/**
 * One stream's timers, as an instance with two Node timers and no closures (it lives as long as the stream). The
 * first-chunk and inactivity timeouts never run at once (inactivity starts with the first model output, which ends
 * the first-chunk wait), so one timer serves both; every later event restarts it with `refresh()`.
 */
class Watchdog implements StreamWatchdog {
  readonly #timeouts: StreamTimeouts;
  readonly #onTimeout: (timer: StreamTimer, seconds: number) => void;
  /** The first-chunk timer until the first model output, then the inactivity timer. */
  #waiting: NodeJS.Timeout | undefined;
  #total: NodeJS.Timeout | undefined;
  #sawOutput = false;
  #stopped = false;
  /** Tool calls that have not returned yet (created with the first one). */
  #pendingTools: Set<string> | undefined;

  constructor(timeouts: StreamTimeouts, onTimeout: (timer: StreamTimer, seconds: number) => void) {
    this.#timeouts = timeouts;
    this.#onTimeout = onTimeout;
  }

  start(): void {
    this.#waiting = this.#arm('first-chunk');
    this.#total = this.#arm('total');
  }

  onEvent(event: RuntimeEvent): void {
    if (this.#stopped) return;
    if (!this.#sawOutput) {
      if (!MODEL_OUTPUT.has(event.type)) return;
      this.#sawOutput = true;
      clearTimeout(this.#waiting);
      this.#waiting = undefined;
    }
    if (event.type === 'tool-call') {
      this.#pendingTools ??= new Set();
      this.#pendingTools.add(event.toolCallId);
    } else if (event.type === 'tool-result') this.#pendingTools?.delete(event.toolCallId);
    else if (event.type === 'client-tool-calls') for (const call of event.calls) this.#pendingTools?.delete(call.id);
    if (this.#pendingTools !== undefined && this.#pendingTools.size > 0) {
      clearTimeout(this.#waiting);
      this.#waiting = undefined;
    } else if (this.#waiting !== undefined) {
      // Restarts the same timer: no new timer object per streamed event.
      this.#waiting.refresh();
    } else {
      this.#waiting = this.#arm('inactivity');
    }
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#waiting);
    clearTimeout(this.#total);
  }

  /** Called by the timer of `timer`. */
  fire(timer: StreamTimer): void {
    this.stop();
    this.#onTimeout(timer, this.#seconds(timer));
  }

  #seconds(timer: StreamTimer): number {
    if (timer === 'first-chunk') return this.#timeouts.firstChunkSecs;
    return timer === 'inactivity' ? this.#timeouts.inactivitySecs : this.#timeouts.totalSecs;
  }

  #arm(timer: StreamTimer): NodeJS.Timeout | undefined {
    const seconds = this.#seconds(timer);
    if (seconds <= 0 || this.#stopped) return undefined;
    const handle = setTimeout(fire, seconds * 1000, this, timer);
    // Open streams keep the process alive through their sockets; the timers alone must not.
    handle.unref();
    return handle;
  }
}

/**
 * Creates the watchdog. `onTimeout` is called at most once, with the timer that fired and its length; the
 * watchdog is stopped by then.
 * - first chunk: armed at `start`, cleared by the first model-output event;
 * - inactivity: armed by the first model-output event, re-armed by every event after it, suspended from a
 *   `tool-call` until its `tool-result` (all pending calls) — tool execution is exempt;
 * - total: armed at `start`.
 */
export function createStreamWatchdog(
  timeouts: StreamTimeouts,
  onTimeout: (timer: StreamTimer, seconds: number) => void,
): StreamWatchdog {
  return new Watchdog(timeouts, onTimeout);
}
