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
  let firstChunk: NodeJS.Timeout | undefined;
  let inactivity: NodeJS.Timeout | undefined;
  let total: NodeJS.Timeout | undefined;
  let sawOutput = false;
  let stopped = false;
  const pendingTools = new Set<string>();

  const arm = (timer: StreamTimer, seconds: number): NodeJS.Timeout | undefined => {
    if (seconds <= 0 || stopped) return undefined;
    const handle = setTimeout(() => {
      stop();
      onTimeout(timer, seconds);
    }, seconds * 1000);
    // Open streams keep the process alive through their sockets; the timers alone must not.
    handle.unref();
    return handle;
  };
  const rearmInactivity = (): void => {
    if (pendingTools.size > 0) {
      clearTimeout(inactivity);
      inactivity = undefined;
    } else if (inactivity !== undefined) {
      // Restarts the same timer: no new timer object per streamed event.
      inactivity.refresh();
    } else {
      inactivity = arm('inactivity', timeouts.inactivitySecs);
    }
  };
  function stop(): void {
    stopped = true;
    clearTimeout(firstChunk);
    clearTimeout(inactivity);
    clearTimeout(total);
  }

  return {
    start() {
      firstChunk = arm('first-chunk', timeouts.firstChunkSecs);
      total = arm('total', timeouts.totalSecs);
    },
    onEvent(event) {
      if (stopped) return;
      if (!sawOutput) {
        if (!MODEL_OUTPUT.has(event.type)) return;
        sawOutput = true;
        clearTimeout(firstChunk);
      }
      if (event.type === 'tool-call') pendingTools.add(event.toolCallId);
      else if (event.type === 'tool-result') pendingTools.delete(event.toolCallId);
      else if (event.type === 'client-tool-calls') for (const call of event.calls) pendingTools.delete(call.id);
      rearmInactivity();
    },
    stop,
  };
}
