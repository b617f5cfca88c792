/**
 * Errors raised by the test kit itself (as opposed to the provider errors it simulates on purpose).
 */
import { AuraError } from '@aura/events';

/** Detail carried by {@link UnexpectedModelCallError}. */
export interface UnexpectedModelCallData {
  /** Zero-based index of the call that found nothing scripted. */
  readonly callIndex: number;
  /** Text of the last user message of that call, to find the step the script forgot. */
  readonly lastUserText: string | undefined;
}

/**
 * A scripted model was called but its script had nothing left for the call: the queue is empty, no rule
 * matched and there is no `respond` function. It means the code under test made more (or other) model calls
 * than the test expected. Code `INTERNAL`, never retryable.
 */
export class UnexpectedModelCallError extends AuraError<UnexpectedModelCallData> {
  constructor(modelId: string, data: UnexpectedModelCallData) {
    super(
      'INTERNAL',
      `scripted model "${modelId}": unexpected call #${data.callIndex + 1}: the script is exhausted ` +
        `(no queued turn, no matching rule, no respond function); last user message: ` +
        `${data.lastUserText === undefined ? '(none)' : JSON.stringify(data.lastUserText.slice(0, 200))}`,
      { data, retryable: false },
    );
  }
}
