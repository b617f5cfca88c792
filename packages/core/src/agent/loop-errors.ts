/**
 * The errors an agent loop reports: aborts, depth exhaustion, and the default mapping of anything else.
 */
import { AuraError } from '@aura/events';
import { maxDepthErrorMessage } from './depth-budget.js';
import { describeAbortReason } from './link-abort-signal.js';

/**
 * The error of an aborted run: the signal's reason when it is an `AuraError` (so a caller's timeout can say
 * `RUN_TIMEOUT`), else `RUN_ABORTED` naming the reason.
 */
export function abortedRunError(signal: AbortSignal): AuraError {
  const reason: unknown = signal.reason;
  if (AuraError.isInstance(reason)) return reason;
  return new AuraError('RUN_ABORTED', `agent run aborted: ${describeAbortReason(reason)}`, { cause: reason });
}

/** `RUN_DEPTH_EXHAUSTED` with the reference's `MaxDepthError: (reached limit: N)` message. */
export function depthExhaustedError(maxDepth: number): AuraError {
  return new AuraError('RUN_DEPTH_EXHAUSTED', maxDepthErrorMessage(maxDepth), { data: { maxDepth } });
}

/**
 * The default `mapError` of the agent loop: an `AuraError` passes through; an `AbortError` becomes
 * `RUN_ABORTED`; anything else (including a provider's in-band error object) becomes `INTERNAL`, keeping
 * the cause. The runtime injects the provider error mapper instead for provider failures.
 */
export function defaultMapRunError(error: unknown): AuraError {
  if (AuraError.isInstance(error)) return error;
  if (error instanceof Error && error.name === 'AbortError') {
    return new AuraError('RUN_ABORTED', `agent run aborted: ${error.message}`, { cause: error });
  }
  return new AuraError('INTERNAL', `agent loop failed: ${messageOf(error)}`, { cause: error });
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  if (typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string') {
    return error.message;
  }
  return String(error);
}
