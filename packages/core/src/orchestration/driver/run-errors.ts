/** The errors that end an orchestrated run with `run-error`. */
import { AuraError, type AuraErrorCode, type RuntimeEvent, runtimeEvent } from '@aura/events';
import { abortedRunError } from '../../agent/loop-errors.js';
import { providerShortCircuitMessage } from '../execution-summary.js';
import type { Task } from '../plan/plan-types.js';

/**
 * The provider short-circuit error (§1.10): `Provider error: all tasks failed due to provider issues (not
 * retryable via replan):\n<execution summary>`, coded by the first failure's category (`provider_auth_error` →
 * `PROVIDER_AUTH`, `provider_not_found` → `PROVIDER_BAD_REQUEST`, otherwise `PROVIDER_RATE_LIMITED`).
 */
export function providerShortCircuitError(tasks: readonly Task[], resultSummaryLength: number): AuraError {
  const first = tasks.find((task) => task.state.status === 'failed')?.state;
  const category = first?.status === 'failed' ? first.category : undefined;
  const code: AuraErrorCode =
    category === 'provider_auth_error'
      ? 'PROVIDER_AUTH'
      : category === 'provider_not_found'
        ? 'PROVIDER_BAD_REQUEST'
        : 'PROVIDER_RATE_LIMITED';
  return new AuraError(code, providerShortCircuitMessage(tasks, resultSummaryLength));
}

/** Throws the cancellation error once `signal` aborted (so nothing more is written or emitted). */
export function throwIfCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw abortedRunError(signal);
}

/**
 * The `run-error` event for `error`: an `AuraError` as is; after cancellation `RUN_ABORTED` (or the signal's
 * `AuraError` reason); anything else `INTERNAL` naming the message.
 */
export function runErrorEvent(error: unknown, cancelSignal: AbortSignal): RuntimeEvent {
  const aura = cancelSignal.aborted
    ? abortedRunError(cancelSignal)
    : AuraError.isInstance(error)
      ? error
      : new AuraError(
          'INTERNAL',
          `orchestrated run failed: ${error instanceof Error ? error.message : String(error)}`,
          {
            cause: error,
          },
        );
  return runtimeEvent.runError({ error: { code: aura.code, message: aura.message, retryable: aura.retryable } });
}
