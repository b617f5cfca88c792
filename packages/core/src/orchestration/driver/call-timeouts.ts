/**
 * The two timeouts of one coordinator or worker attempt (orchestration-spec §7.3): a wall-clock limit on the
 * whole attempt (`per_call_timeout_secs`) and an inactivity deadline (`stream_inactivity_timeout_secs`) that is
 * armed by the first stream item, re-armed by every item, and suspended while the attempt's tools run. Both
 * ABORT the attempt's signal with a `RUN_TIMEOUT` `AuraError` carrying the reference's message.
 */
import { AuraError, type RuntimeEvent } from '@aura/events';
import { linkAbortSignal } from '../../agent/link-abort-signal.js';

/** Which kind of attempt is watched; names the phase in timeout messages. */
export type CallPhase = 'Planning' | 'Worker task';

/** Options of {@link watchCall}. */
export interface CallWatchOptions {
  readonly phase: CallPhase;
  /** `per_call_timeout_secs`; 0 disables. */
  readonly perCallTimeoutSecs: number;
  /** `stream_inactivity_timeout_secs`; 0 disables. */
  readonly inactivityTimeoutSecs: number;
  /** The parent signal; its abort propagates (with its reason). */
  readonly signal: AbortSignal;
}

/** A running watch. */
export interface CallWatch {
  /** The attempt's signal: aborts when the parent aborts or a timeout fires. */
  readonly signal: AbortSignal;
  /** Feeds one event of the attempt's agent loop (re-arms or suspends the inactivity deadline). */
  observe(event: RuntimeEvent): void;
  /** Stops both timers and unlinks from the parent. Idempotent. */
  dispose(): void;
}

/**
 * The per-call timeout message: `Planning timed out after <N>s`, or for workers `Worker task timed out after
 * <N>s — the LLM provider did not respond in time`.
 */
export function perCallTimeoutMessage(phase: CallPhase, seconds: number): string {
  return phase === 'Planning'
    ? `Planning timed out after ${seconds}s`
    : `Worker task timed out after ${seconds}s — the LLM provider did not respond in time`;
}

/** The inactivity message: `<Phase>: no stream progress for <N>s`. */
export function inactivityTimeoutMessage(phase: CallPhase, seconds: number): string {
  return `${phase}: no stream progress for ${seconds}s`;
}

/**
 * Starts watching one attempt. The per-call timer starts now. The inactivity deadline is not armed before the
 * first stream item (`step-start` is not one: it precedes the provider call); every later item re-arms it, and
 * from a `step-finish` that requested tools until the last of those tools' `tool-result`s it is suspended (tool
 * execution is exempt), then resumed with a full window. Call {@link CallWatch.dispose} when the attempt ends.
 */
export function watchCall(options: CallWatchOptions): CallWatch {
  const link = linkAbortSignal(options.signal);
  const { phase, perCallTimeoutSecs: perCall, inactivityTimeoutSecs: inactivity } = options;
  const fire = (message: string, seconds: number): void => {
    link.abort(new AuraError('RUN_TIMEOUT', message, { data: { phase, timeoutSecs: seconds } }));
  };
  const perCallTimer =
    perCall > 0 ? setTimeout(() => fire(perCallTimeoutMessage(phase, perCall), perCall), perCall * 1000) : undefined;
  let inactivityTimer: ReturnType<typeof setTimeout> | undefined;
  const pendingTools = new Set<string>();
  let disposed = false;
  const arm = (): void => {
    if (inactivityTimer !== undefined) clearTimeout(inactivityTimer);
    inactivityTimer = undefined;
    if (disposed || inactivity <= 0 || pendingTools.size > 0) return;
    inactivityTimer = setTimeout(
      () => fire(inactivityTimeoutMessage(phase, inactivity), inactivity),
      inactivity * 1000,
    );
  };
  return {
    signal: link.signal,
    observe(event) {
      if (inactivity <= 0 || disposed) return;
      switch (event.type) {
        case 'step-start':
          return;
        case 'step-finish':
          for (const id of event.toolCallIds) pendingTools.add(id);
          arm();
          return;
        case 'tool-result':
          pendingTools.delete(event.toolCallId);
          arm();
          return;
        case 'tool-start':
        case 'tool-progress':
          if (pendingTools.size === 0) arm();
          return;
        default:
          arm();
      }
    },
    dispose() {
      disposed = true;
      if (perCallTimer !== undefined) clearTimeout(perCallTimer);
      if (inactivityTimer !== undefined) clearTimeout(inactivityTimer);
      link.dispose();
    },
  };
}
